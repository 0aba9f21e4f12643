#include "positions.h"

#include <algorithm>

namespace amlls {

lsp::Position to_position(const amllint::Document& doc, uint32_t offset, PositionEncoding enc) {
  amllint::LineCol lc = enc == PositionEncoding::Utf8 ? doc.to_utf8(offset) : doc.to_utf16(offset);
  return {lc.line, lc.column};
}

lsp::Range to_range(const amllint::Document& doc, amllint::TextRange range, PositionEncoding enc) {
  return {to_position(doc, range.begin, enc), to_position(doc, range.end, enc)};
}

uint32_t to_offset(const amllint::Document& doc, lsp::Position pos, PositionEncoding enc) {
  // No line holds more columns than the document has bytes; clamping here keeps the offset
  // arithmetic below from wrapping on a character near 2^32 (LSP: past the end of a line
  // means its end).
  amllint::LineCol lc{pos.line, std::min(pos.character, doc.size())};
  return enc == PositionEncoding::Utf8 ? doc.from_utf8(lc) : doc.from_utf16(lc);
}

amllint::TextRange to_text_range(const amllint::Document& doc, lsp::Range range,
                                 PositionEncoding enc) {
  uint32_t a = to_offset(doc, range.start, enc);
  uint32_t b = to_offset(doc, range.end, enc);
  // A client that sends a reversed range means the same span.
  return {std::min(a, b), std::max(a, b)};
}

}  // namespace amlls
