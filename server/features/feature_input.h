// What every feature reads: one open document and the analysis of exactly its current text.
#pragma once

#include <memory>
#include <string_view>

#include "analyze.h"
#include "positions.h"
#include "protocol.h"

namespace amllint {
struct JsonView;
class Environment;
}  // namespace amllint

namespace amlls {

struct FeatureInput {
  std::string_view uri;
  std::string_view path;  // local path of the document, empty for unsaved buffers
  const amllint::Document& doc;
  const amllint::Analysis& analysis;
  PositionEncoding encoding = PositionEncoding::Utf16;
  // Where the typed JSON of `analysis.tree` is kept between requests (owned by the server,
  // reset with each new analysis); null to build it per call.
  std::shared_ptr<const amllint::JsonView>* view_cache = nullptr;

  // The tree as typed JSON, built on first use.
  const amllint::JsonView& view() const;

  mutable std::shared_ptr<const amllint::JsonView> own_view;  // used when there is no view_cache

  // How the document is analysed, for features that must analyse a changed text (fix-all);
  // null for the defaults.
  const amllint::AnalysisOptions* options = nullptr;
  // Where the text after every safe fix is kept between requests, like `view_cache`.
  std::shared_ptr<const std::string>* fixed_text_cache = nullptr;
  // False on the server's loop thread, which must never analyse: fix-all is then offered only
  // from `fixed_text_cache`, which the server fills on a worker first.
  bool may_analyse = true;

  // Where other files are looked up (document links, definition); null for the process-wide
  // disk environment.
  amllint::Environment* env = nullptr;
  amllint::Environment& environment() const;

  // Features answer only for Azure ML files, like the CLI.
  bool is_azure_ml() const { return analysis.kind != amllint::FileKind::NotAzureMl; }
  lsp::Range range(amllint::TextRange r) const { return to_range(doc, r, encoding); }
  lsp::Position position(uint32_t offset) const { return to_position(doc, offset, encoding); }
  uint32_t offset(lsp::Position p) const { return to_offset(doc, p, encoding); }
};

}  // namespace amlls
