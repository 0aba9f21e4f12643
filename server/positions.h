// LSP positions <-> byte offsets in the negotiated encoding.
#pragma once

#include "protocol.h"
#include "syntax/document.h"

namespace amlls {

enum class PositionEncoding { Utf16, Utf8 };

lsp::Position to_position(const amllint::Document& doc, uint32_t offset, PositionEncoding enc);
lsp::Range to_range(const amllint::Document& doc, amllint::TextRange range, PositionEncoding enc);
uint32_t to_offset(const amllint::Document& doc, lsp::Position pos, PositionEncoding enc);
amllint::TextRange to_text_range(const amllint::Document& doc, lsp::Range range,
                                 PositionEncoding enc);

}  // namespace amlls
