#include "syntax/yaml_errors.h"

#include <algorithm>
#include <cstdint>

#include "syntax/document.h"

namespace amllint::yaml {
namespace {

constexpr std::string_view kPrefix = "invalid YAML: ";

struct Line {
  uint32_t number = 0;
  uint32_t start = 0;      // file offset of the line
  std::string_view text;   // without the line break
  uint32_t indent = 0;     // leading spaces and tabs
  bool has_tab = false;    // a tab among them
  uint32_t key_begin = 0;  // offset in `text` of the key (after `- ` items), or of the content
  int64_t key_colon = -1;  // offset in `text` of the `:` that ends the key, -1 when none
  std::string_view key;    // the key's text
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

Line read_line(const Document& doc, std::string_view src, uint32_t number) {
  Line l;
  l.number = number;
  l.start = doc.line_start(number);
  uint32_t end = std::min<uint32_t>(doc.line_end(number), static_cast<uint32_t>(src.size()));
  l.text = src.substr(std::min<size_t>(l.start, src.size()), end > l.start ? end - l.start : 0);
  while (l.indent < l.text.size() && is_blank(l.text[l.indent])) {
    l.has_tab |= l.text[l.indent] == '\t';
    ++l.indent;
  }
  uint32_t i = l.indent;
  while (i + 1 < l.text.size() && l.text[i] == '-' && is_blank(l.text[i + 1])) {
    i += 2;
    while (i < l.text.size() && is_blank(l.text[i])) ++i;
  }
  l.key_begin = i;
  // A quoted key ends at its closing quote; the `:` after it ends the key.
  if (i < l.text.size() && (l.text[i] == '"' || l.text[i] == '\'')) {
    size_t close = l.text.find(l.text[i], i + 1);
    i = close == std::string_view::npos ? static_cast<uint32_t>(l.text.size())
                                        : static_cast<uint32_t>(close + 1);
  }
  for (; i < l.text.size(); ++i) {
    if (l.text[i] == '#' && i > 0 && is_blank(l.text[i - 1])) break;
    if (l.text[i] == ':' && (i + 1 == l.text.size() || is_blank(l.text[i + 1]))) {
      l.key_colon = i;
      l.key = l.text.substr(l.key_begin, i - l.key_begin);
      break;
    }
  }
  return l;
}

bool is_content(const Line& l) {
  return l.indent < l.text.size() && l.text[l.indent] != '#';
}

// The nearest line above `number` with content (not blank, not only a comment), or -1.
int64_t content_line_above(const Document& doc, std::string_view src, uint32_t number) {
  for (int64_t k = static_cast<int64_t>(number) - 1; k >= 0; --k)
    if (is_content(read_line(doc, src, static_cast<uint32_t>(k)))) return k;
  return -1;
}

int64_t content_line_below(const Document& doc, std::string_view src, uint32_t number) {
  for (uint32_t k = number + 1; k < doc.line_count(); ++k)
    if (is_content(read_line(doc, src, k))) return k;
  return -1;
}

std::string quoted_name(std::string_view key) {
  return "`" + std::string(key) + "`";
}

std::string line_ref(uint32_t number) {
  return "line " + std::to_string(number + 1);
}

std::string double_quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The plain value that starts at `begin` (in `l.text`) and runs to the end of the line or to a
// comment; with a fix that quotes it when nothing below continues it.
SyntaxExplanation quote_value(const Document& doc, std::string_view src, const Line& l,
                              uint32_t begin, std::string message) {
  SyntaxExplanation out;
  out.message = std::string(kPrefix) + std::move(message);
  uint32_t end = static_cast<uint32_t>(l.text.size());
  for (uint32_t i = begin; i + 1 < l.text.size(); ++i)
    if (is_blank(l.text[i]) && l.text[i + 1] == '#') {
      end = i;
      break;
    }
  while (end > begin && is_blank(l.text[end - 1])) --end;
  out.range = {l.start + begin, l.start + std::max(end, begin + 1)};
  std::string_view value = l.text.substr(begin, end - begin);
  // To read on: the value's `: ` as two spaces and a reserved first character as a letter.
  for (uint32_t i = 0; i < value.size(); ++i) {
    bool colon = value[i] == ':' && (i + 1 == value.size() || is_blank(value[i + 1]));
    bool reserved = i == 0 && (value[i] == '@' || value[i] == '`');
    if (colon || reserved)
      out.mend.push_back({{l.start + begin + i, l.start + begin + i + 1}, reserved ? "x" : " "});
  }
  if (value.empty() || std::string_view("\"'[{|>&*!").find(value[0]) != std::string_view::npos)
    return out;
  // A plain value may go on over more-indented lines: quoting one line would cut it.
  int64_t below = content_line_below(doc, src, l.number);
  if (below >= 0 && read_line(doc, src, static_cast<uint32_t>(below)).indent > l.indent) return out;
  out.edits.push_back({out.range, double_quoted(value)});
  out.fix_title = "Quote the value";
  return out;
}

SyntaxExplanation tab(const Document& doc, std::string_view src, const Line& l) {
  SyntaxExplanation out;
  out.message = std::string(kPrefix) + "a tab character cannot indent YAML; indent with spaces";
  out.group = "tab";
  out.range = {l.start, l.start + std::max<uint32_t>(l.indent, 1)};
  out.lines.push_back(l.number);
  for (uint32_t k = 0; k < doc.line_count(); ++k)
    if (k != l.number && read_line(doc, src, k).has_tab) out.lines.push_back(k);
  for (uint32_t k : out.lines)
    for (TextEdit& e : tab_indent_edits(doc, src, k)) out.edits.push_back(std::move(e));
  out.fix_title = "Indent with spaces";
  return out;
}

// `: ` where no key can start: a value with `: ` in it, or a key indented deeper than the
// line above, which YAML then reads as the rest of that line's value.
SyntaxExplanation map_value(const Document& doc, std::string_view src, const Line& l,
                            uint32_t column) {
  if (l.key_colon >= 0 && column > l.key_colon) {
    uint32_t value = static_cast<uint32_t>(l.key_colon) + 1;
    while (value < l.text.size() && is_blank(l.text[value])) ++value;
    return quote_value(doc, src, l, value,
                       "quote this value: it contains `: `, which starts a mapping that cannot "
                       "begin here");
  }
  SyntaxExplanation out;
  out.range = {l.start + l.indent, static_cast<uint32_t>(l.start + l.text.size())};
  int64_t above = content_line_above(doc, src, l.number);
  if (above >= 0 && l.key_colon >= 0) {
    Line prev = read_line(doc, src, static_cast<uint32_t>(above));
    if (l.indent > prev.indent) {
      out.group = "indent@" + std::to_string(above);
      std::string what = prev.key_colon >= 0
                             ? quoted_name(prev.key) + " on " + line_ref(prev.number)
                             : line_ref(prev.number);
      out.message = std::string(kPrefix) + quoted_name(l.key) + " is indented more than " + what +
                    ", so YAML reads it as part of that line's value; indent it like " +
                    (prev.key_colon >= 0 ? quoted_name(prev.key) : "that line") +
                    " (or, to nest it, leave nothing after the `:` above)";
      // The lines indented like it (and deeper) below it are the same block.
      out.lines.push_back(l.number);
      for (uint32_t k = l.number + 1; k < doc.line_count(); ++k) {
        Line next = read_line(doc, src, k);
        if (!is_content(next)) continue;
        if (next.indent < l.indent) break;
        out.lines.push_back(k);
      }
      // To read on: the block moved left to where the message says it belongs (each line padded
      // at its end, so that its length stays).
      const uint32_t shift = l.indent - prev.indent;
      for (uint32_t k : out.lines) {
        Line m = read_line(doc, src, k);
        if (!is_content(m)) continue;
        if (m.indent < shift || m.text.substr(0, shift).find('\t') != std::string_view::npos) {
          out.mend.clear();
          break;
        }
        std::string moved = std::string(m.text.substr(shift)) + std::string(shift, ' ');
        out.mend.push_back({{m.start, static_cast<uint32_t>(m.start + m.text.size())}, moved});
      }
      if (out.lines.size() == 1) out.lines.clear();
      return out;
    }
  }
  // A line without `: ` where a key belongs: YAML reads it and the lines below as one long key
  // and fails at the next `:` (PyYAML: "could not find expected ':'"). The mistake is that line.
  if (above >= 0 && l.key_colon >= 0 && column == l.key_colon) {
    // The key's text may run over lines, none less indented than the failing line and none
    // deeper than the one below it (deeper lines above belong to a block before it).
    int64_t first = -1;
    uint32_t below = UINT32_MAX;
    for (int64_t k = above; k >= 0; --k) {
      Line m = read_line(doc, src, static_cast<uint32_t>(k));
      if (!is_content(m)) continue;
      if (m.key_colon >= 0 || m.key_begin > m.indent) break;  // a key, or a `- ` item
      if (m.indent < l.indent || m.indent > below) break;
      first = k;
      below = m.indent;
    }
    if (first >= 0) {
      Line bare = read_line(doc, src, static_cast<uint32_t>(first));
      int64_t top = content_line_above(doc, src, bare.number);
      Line parent = top >= 0 ? read_line(doc, src, static_cast<uint32_t>(top)) : Line{};
      // Below `key: some text`, more-indented lines continue that text: not this mistake.
      bool continues = top >= 0 && parent.key_colon >= 0 && parent.indent < bare.indent &&
                       parent.key_colon + 1 < static_cast<int64_t>(parent.text.size());
      if (!continues) {
        std::string_view text = bare.text.substr(bare.indent);
        out.range = {bare.start + bare.indent,
                     static_cast<uint32_t>(bare.start + bare.text.size())};
        out.group = "bare@" + std::to_string(first);
        out.culprit_line = first;
        out.message = std::string(kPrefix) + "no `: ` follows `" + std::string(text) +
                      "`, so YAML reads it and the lines below as one key, up to the `:` on " +
                      line_ref(l.number) + "; write `key: value` (a `:` needs a space after it)";
        return out;
      }
    }
  }
  out.message = std::string(kPrefix) +
                "`: ` cannot appear here; quote the text if it is a value, or check the "
                "indentation of this line";
  return out;
}

// The structure above cannot take this line: a list item among keys, a key among list items,
// text after a closing quote, or an indentation that matches no open mapping.
SyntaxExplanation block_end(const Document& doc, std::string_view src, const Line& l,
                            uint32_t column) {
  SyntaxExplanation out;
  out.range = {l.start + column, static_cast<uint32_t>(l.start + l.text.size())};
  std::string_view at = l.text.substr(std::min<size_t>(column, l.text.size()));
  if (column > 0 && column <= l.text.size() &&
      (l.text[column - 1] == '\'' || l.text[column - 1] == '"') && column > l.indent) {
    char q = l.text[column - 1];
    out.message = std::string(kPrefix) + "text follows the closing quote of a quoted value";
    out.message += q == '\'' ? "; inside single quotes write `'` as `''` (e.g. `'it''s'`)"
                             : "; inside double quotes write `\"` as `\\\"`";
    return out;
  }
  if (!at.empty() && at[0] == ',') {
    out.message = std::string(kPrefix) +
                  "a `,` outside brackets; commas separate items only inside `[...]` or `{...}`";
    return out;
  }
  if (!at.empty() && at[0] == '-' && (at.size() == 1 || is_blank(at[1]))) {
    out.message = std::string(kPrefix) +
                  "a `- ` list item cannot stand among the keys of a mapping; put it under a "
                  "key of its own (`key:` on the line above), or write it as `key: value`";
    return out;
  }
  int64_t above = content_line_above(doc, src, l.number);
  if (above >= 0) {
    Line prev = read_line(doc, src, static_cast<uint32_t>(above));
    bool prev_item = prev.indent + 1 < prev.text.size() && prev.text[prev.indent] == '-' &&
                     is_blank(prev.text[prev.indent + 1]);
    if (prev_item && prev.indent == l.indent && l.key_colon >= 0) {
      out.message = std::string(kPrefix) + quoted_name(l.key) +
                    " cannot stand among the items of the list above it; make it an item "
                    "(`- " +
                    std::string(l.key) + ": ...`) or indent the list under a key";
      return out;
    }
    if (l.indent < prev.indent) {
      // The mapping this line would belong to: the nearest line above that is less indented.
      for (int64_t k = above - 1; k >= 0; --k) {
        Line parent = read_line(doc, src, static_cast<uint32_t>(k));
        if (!is_content(parent) || parent.indent >= l.indent) continue;
        out.message = std::string(kPrefix) + "this line is indented less than " +
                      line_ref(prev.number) + " but more than " + line_ref(parent.number) +
                      ", so it belongs to neither; indent it like one of them";
        return out;
      }
    }
  }
  out.message =
      std::string(kPrefix) + "this line does not fit the structure above it; check its indentation";
  return out;
}

}  // namespace

std::vector<TextEdit> tab_indent_edits(const Document& doc, std::string_view src, uint32_t line) {
  std::vector<TextEdit> edits;
  Line l = read_line(doc, src, line);
  for (uint32_t i = 0; i < l.indent; ++i)
    if (l.text[i] == '\t') edits.push_back({{l.start + i, l.start + i + 1}, "  "});
  return edits;
}

SyntaxExplanation explain_syntax_error(const Document& doc, std::string_view src, uint32_t offset,
                                       std::string_view yaml_message) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(src.size()));
  const Line l = read_line(doc, src, doc.line_of(offset));
  const uint32_t column = offset - std::min(offset, l.start);
  const char at = offset < src.size() ? src[offset] : '\0';
  auto says = [&](std::string_view s) { return yaml_message.starts_with(s); };

  if (l.has_tab || says("illegal tab")) return tab(doc, src, l);
  if (says("illegal map value")) return map_value(doc, src, l, column);
  if (says("end of map not found") || says("end of sequence not found") ||
      says("illegal block entry"))
    return block_end(doc, src, l, column);

  SyntaxExplanation out;
  out.range = {offset, std::max(offset, static_cast<uint32_t>(l.start + l.text.size()))};
  const bool open_flow = at == '[' || at == '{';
  if (says("end of sequence flow not found")) {
    out.message = std::string(kPrefix) + "this `[` is never closed: add `]` where the list ends";
  } else if (says("end of map flow not found")) {
    out.message = std::string(kPrefix) + "this `{` is never closed: add `}` where the mapping ends";
  }
  // To read on: the opener read as a space, so the rest of the line is a plain value.
  if ((says("end of sequence flow not found") || says("end of map flow not found")) && open_flow)
    out.mend.push_back({{offset, offset + 1}, " "});
  else if (says("illegal flow end")) {
    out.message = std::string(kPrefix) + "this `" + std::string(1, at ? at : ']') +
                  "` closes nothing; remove it, or quote the value if it is text";
  } else if (says("unknown token") && at) {
    std::string c(1, at);
    // A value that starts with a character YAML reserves: quoting it is the whole fix.
    if (l.key_colon >= 0 && column > l.key_colon)
      return quote_value(doc, src, l, column,
                         "a plain value cannot start with `" + c + "`; quote this value");
    out.message = std::string(kPrefix) + "`" + c + "` cannot start a value here; quote the text";
  } else if (says("unknown escape character")) {
    std::string c = yaml_message.size() > 26 ? std::string(yaml_message.substr(26)) : "";
    out.message = std::string(kPrefix) + "`\\" + c +
                  "` is not an escape of a double-quoted string; write `\\\\" + c +
                  "`, or use single quotes, which keep `\\` as it is";
  } else if (says("the referenced anchor is not defined")) {
    size_t end = offset + 1;
    while (end < src.size() && !is_blank(src[end]) && src[end] != '\n' && src[end] != '\r' &&
           src[end] != ',' && src[end] != ']' && src[end] != '}')
      ++end;
    std::string name(src.substr(offset + 1, end - offset - 1));
    out.range = {offset, static_cast<uint32_t>(end)};
    out.message = std::string(kPrefix) + "`*" + name + "` refers to an anchor `&" + name +
                  "` that is not defined above it; quote the value if `*` is text";
  } else if (says("illegal map key")) {
    out.message = std::string(kPrefix) + "a `? ` key cannot start here";
  } else {
    out.message = yaml_message.empty() ? std::string("invalid YAML")
                                       : std::string(kPrefix) + std::string(yaml_message);
  }
  return out;
}

}  // namespace amllint::yaml
