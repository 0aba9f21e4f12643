#include "config/suppressions.h"

#include <algorithm>

#include "rules/rule.h"
#include "syntax/document.h"
#include "syntax/yaml_tree.h"

namespace amllint {
namespace {

constexpr std::string_view kMarker = "amllint:";

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// The offset of a `#` that starts a comment holding `amllint:` on this line, or npos.
size_t marker_comment(std::string_view line) {
  for (size_t at = line.find('#'); at != std::string_view::npos; at = line.find('#', at + 1)) {
    if (at > 0 && !is_space(line[at - 1])) continue;
    size_t k = at + 1;
    while (k < line.size() && is_space(line[k])) ++k;
    if (line.substr(k, kMarker.size()) == kMarker) return at;
  }
  return std::string_view::npos;
}

}  // namespace

Suppressions read_suppressions(const Document& doc) {
  Suppressions s;
  for (uint32_t l = 0; l < doc.line_count(); ++l) {
    std::string_view line = doc.line_text(l);
    size_t hash = marker_comment(line);
    if (hash == std::string_view::npos) continue;
    bool own_line = std::all_of(line.begin(), line.begin() + hash, is_space);
    std::string_view rest = line.substr(line.find(kMarker, hash) + kMarker.size());
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    bool whole_file = false;
    if (rest.substr(0, 13) == "disable-file=") {
      whole_file = true;
      rest.remove_prefix(13);
    } else if (rest.substr(0, 8) == "disable=") {
      rest.remove_prefix(8);
    } else {
      continue;
    }
    uint32_t base = doc.line_start(l) + static_cast<uint32_t>(rest.data() - line.data());
    size_t pos = 0;
    while (pos < rest.size() && !is_space(rest[pos]) && rest[pos] != '#') {
      size_t comma = rest.find_first_of(", \t#", pos);
      if (comma == std::string_view::npos) comma = rest.size();
      std::string code(rest.substr(pos, comma - pos));
      if (!code.empty()) {
        if (code != "all" && !find_rule(code)) {
          uint32_t b = base + static_cast<uint32_t>(pos);
          s.problems.push_back({{b, b + static_cast<uint32_t>(code.size())},
                                Severity::Warning,
                                "unknown-suppression",
                                "`" + code + "` is not an amllint rule; see `amllint --list-rules`",
                                {}});
        } else if (whole_file) {
          s.file_codes.insert(code);
        } else {
          s.lines.push_back({own_line ? l + 1 : l, code});
        }
      }
      pos = comma;
      if (pos < rest.size() && rest[pos] == ',') ++pos;
    }
  }
  return s;
}

bool Suppressions::suppresses(const Document& doc, const Diagnostic& d) const {
  if (file_codes.count(d.code) || file_codes.count("all")) return true;
  if (lines.empty()) return false;
  uint32_t line = doc.line_of(d.range.begin);
  return std::any_of(lines.begin(), lines.end(), [&](const Entry& e) {
    return e.line == line && (e.code == d.code || e.code == "all");
  });
}

void apply_suppressions(const Document& doc, std::vector<Diagnostic>& diagnostics) {
  // Most files carry no marker at all: skip the line scan then.
  if (doc.text().find(kMarker) == std::string::npos) return;
  Suppressions s = read_suppressions(doc);
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    return d.code != "unknown-suppression" && s.suppresses(doc, d);
  });
  diagnostics.insert(diagnostics.end(), s.problems.begin(), s.problems.end());
}

std::optional<TextEdit> suppression_edit(const Document& doc, const yaml::Tree* tree,
                                         uint32_t offset, std::string_view code) {
  uint32_t line = doc.line_of(offset);
  std::string_view text = doc.line_text(line);
  uint32_t end = doc.line_end(line);
  size_t hash = marker_comment(text);
  if (hash != std::string_view::npos) {
    size_t eq = text.find("disable=", hash);
    if (eq != std::string_view::npos) {
      size_t codes_end = eq + 8;
      while (codes_end < text.size() && !is_space(text[codes_end]) && text[codes_end] != '#')
        ++codes_end;
      uint32_t at = doc.line_start(line) + static_cast<uint32_t>(codes_end);
      return TextEdit{{at, at}, "," + std::string(code)};
    }
  }
  // A `#` inside a block scalar line is content, and a comment after one is still a comment for
  // the reader; a trailing comment is the one form that is safe everywhere outside such lines.
  // In a literal block it stays one line of the script (a shell comment); in a value that YAML
  // folds or continues on the next line it would end the value there or swallow what follows.
  // Every node the parser made counts, also a duplicate key's value that left the tree.
  if (tree) {
    for (const yaml::Node& n : tree->nodes) {
      if (!n.is_scalar() || n.range.begin >= end || n.range.end < end) continue;
      bool header_line = doc.line_of(n.range.begin) == line;  // `key: >-` takes a comment
      switch (n.style) {
        case yaml::ScalarStyle::Literal: break;
        case yaml::ScalarStyle::Folded:
          if (!header_line) return std::nullopt;
          break;
        default:
          if (end < n.range.end) return std::nullopt;
      }
    }
  }
  return TextEdit{{end, end}, "  # amllint: disable=" + std::string(code)};
}

}  // namespace amllint
