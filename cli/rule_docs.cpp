#include "rule_docs.h"

#include <cctype>
#include <vector>

#include "rules/rule.h"

namespace amllint::cli {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// Inline markup of one line: `code` and **strong** lose their marks, [text](link) becomes
// text (link).
std::string plain_inline(std::string_view line) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '`') continue;
    if (c == '*' && (i + 1 < line.size() && line[i + 1] == '*')) {
      ++i;
      continue;
    }
    if (c == '[') {
      size_t close = line.find("](", i);
      size_t end = close == std::string_view::npos ? close : line.find(')', close);
      if (end != std::string_view::npos) {
        out += plain_inline(line.substr(i + 1, close - i - 1));
        out += " (" + std::string(line.substr(close + 2, end - close - 2)) + ")";
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string rule_name(std::string_view code) {
  std::string out;
  bool upper = true;
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string rule_summary(std::string_view code) {
  if (const RuleInfo* info = find_rule(code); info != nullptr && !info->summary.empty()) {
    return std::string(info->summary);
  }
  // A code missing from the catalogue still needs a description in SARIF: its words will do.
  std::string out;
  for (char c : code) out += (c == '-' || c == '_') ? ' ' : c;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out + ".";
}

std::string markdown_to_text(std::string_view markdown) {
  std::string out;
  bool fenced = false;
  for (std::string_view line : split_lines(markdown)) {
    if (line.substr(0, 3) == "```") {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out += blank(line) ? "" : "    " + std::string(line);
    } else {
      size_t hashes = line.find_first_not_of('#');
      if (hashes != std::string_view::npos && hashes > 0 && line[hashes] == ' ')
        line.remove_prefix(hashes + 1);
      out += plain_inline(line);
    }
    out += '\n';
  }
  while (out.size() > 1 && out.back() == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string rule_full_description(std::string_view code) {
  const std::vector<std::string_view> lines = split_lines(rule_documentation(code));
  size_t i = 0;
  while (i < lines.size() && lines[i] != "## What it catches") ++i;
  for (++i; i < lines.size() && blank(lines[i]); ++i) {
  }
  std::string paragraph;
  for (; i < lines.size() && !blank(lines[i]) && lines[i][0] != '#'; ++i) {
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += plain_inline(lines[i]);
  }
  return paragraph.empty() ? rule_summary(code) : paragraph;
}

std::string rule_help_markdown(std::string_view code) {
  std::string_view page = rule_documentation(code);
  return page.empty() ? rule_summary(code) : std::string(page);
}

std::string rule_help_text(std::string_view code) {
  std::string_view page = rule_documentation(code);
  return page.empty() ? rule_summary(code) : markdown_to_text(page);
}

std::string rule_help_uri(std::string_view code, const std::optional<std::string>& url) {
  if (!url)
    return std::string(AMLLINT_HOMEPAGE) + "/blob/v" AMLLINT_VERSION "/docs/rules/" +
           std::string(code) + ".md";
  std::string out = *url;
  if (out.empty()) return out;
  if (size_t at = out.find("{code}"); at != std::string::npos) {
    while (at != std::string::npos) {
      out.replace(at, 6, code);
      at = out.find("{code}", at + code.size());
    }
    return out;
  }
  if (out.back() != '/') out += '/';
  return out + std::string(code) + ".md";
}

}  // namespace amllint::cli
