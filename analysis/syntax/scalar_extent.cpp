#include "syntax/scalar_extent.h"

#include <algorithm>

#include "syntax/yaml_tree.h"

namespace amllint::yaml {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}
bool is_break(char c) {
  return c == '\n' || c == '\r';
}
bool is_white(char c) {
  return is_space(c) || is_break(c);
}

uint32_t line_end_at(std::string_view src, uint32_t i) {
  while (i < src.size() && !is_break(src[i])) ++i;
  return i;
}

uint32_t next_line(std::string_view src, uint32_t i) {
  i = line_end_at(src, i);
  if (i < src.size() && src[i] == '\r') ++i;
  if (i < src.size() && src[i] == '\n') ++i;
  return i;
}

uint32_t double_quoted_end(std::string_view src, uint32_t i) {
  for (++i; i < src.size(); ++i) {
    if (src[i] == '\\') {
      ++i;
    } else if (src[i] == '"') {
      return i + 1;
    }
  }
  return static_cast<uint32_t>(src.size());
}

uint32_t single_quoted_end(std::string_view src, uint32_t i) {
  for (++i; i < src.size(); ++i) {
    if (src[i] == '\'') {
      if (i + 1 < src.size() && src[i + 1] == '\'') {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return static_cast<uint32_t>(src.size());
}

// A block scalar runs over the lines indented deeper than its parent; trailing blank lines and
// the header's comment are not part of its visible extent.
uint32_t block_end(std::string_view src, uint32_t i, int parent_indent) {
  uint32_t header_end = line_end_at(src, i);
  // The header is the indicator plus chomping/indentation digits; a comment may follow.
  uint32_t h = i + 1;
  while (h < header_end && (src[h] == '+' || src[h] == '-' || (src[h] >= '1' && src[h] <= '9')))
    ++h;
  uint32_t end = h;
  int content_indent = -1;
  for (uint32_t line = next_line(src, i); line < src.size(); line = next_line(src, line)) {
    uint32_t p = line;
    while (p < src.size() && src[p] == ' ') ++p;
    int indent = static_cast<int>(p - line);
    uint32_t le = line_end_at(src, line);
    bool blank = true;
    for (uint32_t k = p; k < le; ++k)
      if (!is_space(src[k])) blank = false;
    if (blank) continue;
    if (content_indent < 0) {
      if (indent <= parent_indent) break;
      content_indent = indent;
    } else if (indent < content_indent) {
      break;
    }
    end = le;
  }
  return end;
}

// Plain scalars fold line breaks and indentation into single spaces, so the decoded value is
// matched against the source with any whitespace run matching any whitespace run.
uint32_t plain_end(std::string_view src, uint32_t i, std::string_view value, bool flow) {
  // Most plain scalars are written as their value, on one line: the walk below would end just
  // past them (a value never ends in whitespace, so its last character sets the end).
  if (!value.empty() && !is_white(value.back()) && src.substr(i, value.size()) == value)
    return i + static_cast<uint32_t>(value.size());
  uint32_t end = i;
  size_t v = 0;
  while (v < value.size() && i < src.size()) {
    if (is_white(value[v])) {
      while (v < value.size() && is_white(value[v])) ++v;
      if (!is_white(src[i])) break;
      while (i < src.size() && is_white(src[i])) ++i;
      continue;
    }
    if (src[i] != value[v]) break;
    ++i;
    ++v;
    end = i;
  }
  if (v == value.size()) return end;
  // The value and the source disagree (yaml-cpp can report a wrong value just before a syntax
  // error): fall back to the token's extent on its first line.
  uint32_t le = line_end_at(src, end);
  while (end < le) {
    char c = src[end];
    if (c == ':' && (end + 1 >= le || is_white(src[end + 1]))) break;
    if (c == '#' && end > 0 && is_space(src[end - 1])) break;
    if (flow && (c == ',' || c == ']' || c == '}')) break;
    ++end;
  }
  while (end > i && is_space(src[end - 1])) --end;
  return end;
}

}  // namespace

uint32_t scalar_end(std::string_view src, uint32_t begin, ScalarStyle style, std::string_view value,
                    int parent_indent, bool flow) {
  begin = std::min<uint32_t>(begin, static_cast<uint32_t>(src.size()));
  switch (style) {
    case ScalarStyle::DoubleQuoted: return double_quoted_end(src, begin);
    case ScalarStyle::SingleQuoted: return single_quoted_end(src, begin);
    case ScalarStyle::Literal:
    case ScalarStyle::Folded: return block_end(src, begin, parent_indent);
    case ScalarStyle::Plain: return plain_end(src, begin, value, flow);
  }
  return begin;
}

}  // namespace amllint::yaml
