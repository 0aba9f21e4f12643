// The text of one file and the conversions between byte offsets and positions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {

// A zero-based line and a column whose unit depends on the call (bytes, UTF-16 code units or
// code points).
struct LineCol {
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(const LineCol&, const LineCol&) = default;
};

class Document {
 public:
  Document() : Document(std::string()) {}
  // Strips a UTF-8 BOM. CRLF and CR line ends are kept in the text and understood by the index.
  explicit Document(std::string text);

  const std::string& text() const { return text_; }
  bool had_bom() const { return had_bom_; }
  uint32_t size() const { return static_cast<uint32_t>(text_.size()); }

  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  uint32_t line_start(uint32_t line) const;
  // Offset of the end of the line's content, before its line break.
  uint32_t line_end(uint32_t line) const;
  std::string_view line_text(uint32_t line) const;
  uint32_t line_of(uint32_t offset) const;

  LineCol to_utf8(uint32_t offset) const;
  LineCol to_utf16(uint32_t offset) const;
  LineCol to_codepoints(uint32_t offset) const;
  // Positions past the end of a line clamp to the line end; past the last line, to the text end.
  // A position inside a multi-unit character snaps to the start of that character.
  uint32_t from_utf8(LineCol pos) const;
  uint32_t from_utf16(LineCol pos) const;

  // Replaces the bytes in `range` and rebuilds the line index.
  void replace(TextRange range, std::string_view replacement);

  // Byte offset of the first malformed UTF-8 sequence, or -1 when the text is valid UTF-8.
  int64_t first_invalid_utf8() const;

 private:
  void index_lines();

  std::string text_;
  std::vector<uint32_t> line_starts_;
  bool had_bom_ = false;
};

}  // namespace amllint
