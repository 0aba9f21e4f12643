#include "syntax/document.h"

#include <algorithm>
#include <cstring>

namespace amllint {
namespace {

// Length of the UTF-8 sequence that starts with `lead`, or 1 for a stray byte so that scans
// always make progress.
uint32_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

Document::Document(std::string text) : text_(std::move(text)) {
  if (text_.size() >= 3 && static_cast<unsigned char>(text_[0]) == 0xEF &&
      static_cast<unsigned char>(text_[1]) == 0xBB &&
      static_cast<unsigned char>(text_[2]) == 0xBF) {
    text_.erase(0, 3);
    had_bom_ = true;
  }
  index_lines();
}

void Document::index_lines() {
  line_starts_.clear();
  line_starts_.push_back(0);
  const size_t n = text_.size();
  const char* text = text_.data();
  // Most files have no CR: then memchr finds each line's end (this runs for every file linted).
  if (std::memchr(text, '\r', n) == nullptr) {
    for (size_t at = 0; at < n;) {
      const void* nl = std::memchr(text + at, '\n', n - at);
      if (!nl) break;
      at = static_cast<size_t>(static_cast<const char*>(nl) - text) + 1;
      line_starts_.push_back(static_cast<uint32_t>(at));
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    char c = text_[i];
    if (c == '\n') {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    } else if (c == '\r') {
      if (i + 1 < n && text_[i + 1] == '\n') ++i;
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

uint32_t Document::line_start(uint32_t line) const {
  if (line >= line_starts_.size()) return size();
  return line_starts_[line];
}

uint32_t Document::line_end(uint32_t line) const {
  if (line >= line_starts_.size()) return size();
  uint32_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : size();
  if (end > line_starts_[line] && text_[end - 1] == '\n') --end;
  if (end > line_starts_[line] && text_[end - 1] == '\r') --end;
  return end;
}

std::string_view Document::line_text(uint32_t line) const {
  uint32_t b = line_start(line), e = line_end(line);
  return std::string_view(text_).substr(b, e - b);
}

uint32_t Document::line_of(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<uint32_t>(it - line_starts_.begin()) - 1;
}

LineCol Document::to_utf8(uint32_t offset) const {
  offset = std::min(offset, size());
  uint32_t line = line_of(offset);
  return {line, offset - line_starts_[line]};
}

LineCol Document::to_utf16(uint32_t offset) const {
  offset = std::min(offset, size());
  uint32_t line = line_of(offset);
  uint32_t col = 0;
  for (uint32_t i = line_starts_[line]; i < offset;) {
    uint32_t len = sequence_length(static_cast<unsigned char>(text_[i]));
    col += len == 4 ? 2 : 1;
    i += len;
  }
  return {line, col};
}

LineCol Document::to_codepoints(uint32_t offset) const {
  offset = std::min(offset, size());
  uint32_t line = line_of(offset);
  uint32_t col = 0;
  for (uint32_t i = line_starts_[line]; i < offset; ++i)
    if (!is_continuation(static_cast<unsigned char>(text_[i]))) ++col;
  return {line, col};
}

uint32_t Document::from_utf8(LineCol pos) const {
  if (pos.line >= line_starts_.size()) return size();
  uint32_t b = line_starts_[pos.line], e = line_end(pos.line);
  uint32_t off = std::min(b + pos.column, e);
  while (off > b && off < size() && is_continuation(static_cast<unsigned char>(text_[off]))) --off;
  return off;
}

uint32_t Document::from_utf16(LineCol pos) const {
  if (pos.line >= line_starts_.size()) return size();
  uint32_t i = line_starts_[pos.line], e = line_end(pos.line);
  uint32_t units = 0;
  while (i < e) {
    uint32_t len = sequence_length(static_cast<unsigned char>(text_[i]));
    uint32_t w = len == 4 ? 2 : 1;
    if (units + w > pos.column) break;
    units += w;
    i = std::min(i + len, e);
  }
  return i;
}

// Whether a line starts at `p` (after `\n`, or after a `\r` that no `\n` follows), the rule
// index_lines follows.
static bool starts_line(std::string_view text, size_t p) {
  if (p == 0 || p > text.size()) return p == 0;
  char c = text[p - 1];
  return c == '\n' || (c == '\r' && (p == text.size() || text[p] != '\n'));
}

void Document::replace(TextRange range, std::string_view replacement) {
  uint32_t b = std::min(range.begin, size());
  uint32_t e = std::clamp(range.end, b, size());
  text_.replace(b, e - b, replacement);
  // Whether a line starts at a position depends on the byte before it and the byte at it: the
  // starts before `b` stay, those past the replaced bytes move by the change in length, and only
  // the positions from `b` to one past the replacement are looked at again (an edit on one line
  // of a 3,500-line file rescanned all 100 KB, on the server's loop, for every keystroke).
  const uint32_t new_end = b + static_cast<uint32_t>(replacement.size());
  const int64_t delta = static_cast<int64_t>(replacement.size()) - (e - b);
  auto first_after = std::upper_bound(line_starts_.begin(), line_starts_.end(), e);
  std::vector<uint32_t> tail(first_after, line_starts_.end());
  line_starts_.erase(std::lower_bound(line_starts_.begin(), line_starts_.end(), std::max(b, 1u)),
                     line_starts_.end());
  for (uint32_t q = std::max(b, 1u); q <= new_end; ++q)
    if (starts_line(text_, q)) line_starts_.push_back(q);
  for (uint32_t p : tail) line_starts_.push_back(static_cast<uint32_t>(p + delta));
}

int64_t Document::first_invalid_utf8() const {
  const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
  const size_t n = text_.size();
  size_t i = 0;
  while (i < n) {
    // Specs are mostly ASCII: eight bytes at a time while none has its high bit set.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return static_cast<int64_t>(i);
    }
    if (i + len > n) return static_cast<int64_t>(i);
    for (size_t k = 1; k < len; ++k) {
      if (!is_continuation(s[i + k])) return static_cast<int64_t>(i);
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return static_cast<int64_t>(i);
    i += len;
  }
  return -1;
}

}  // namespace amllint
