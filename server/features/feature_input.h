// What every feature reads: one open document and the analysis of exactly its current text.
#pragma once

#include <string_view>

#include "analyze.h"
#include "positions.h"
#include "protocol.h"

namespace amlls {

struct FeatureInput {
  std::string_view uri;
  std::string_view path;  // local path of the document, empty for unsaved buffers
  const amllint::Document& doc;
  const amllint::Analysis& analysis;
  PositionEncoding encoding = PositionEncoding::Utf16;

  // Features answer only for Azure ML files, like the CLI.
  bool is_azure_ml() const { return analysis.kind != amllint::FileKind::NotAzureMl; }
  lsp::Range range(amllint::TextRange r) const { return to_range(doc, r, encoding); }
  lsp::Position position(uint32_t offset) const { return to_position(doc, offset, encoding); }
  uint32_t offset(lsp::Position p) const { return to_offset(doc, p, encoding); }
};

}  // namespace amlls
