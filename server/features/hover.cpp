// Hover: the core's answer (navigation/hover.h) in LSP terms.
#include "hover.h"

#include "navigation/hover.h"

namespace amlls {

std::optional<lsp::Hover> hover(const FeatureInput& in, lsp::Position position) {
  if (!in.is_azure_ml()) return std::nullopt;
  auto h = amllint::nav::hover_at(in.doc, in.analysis, in.view(), in.offset(position),
                                  std::string(in.path), &in.environment());
  if (!h) return std::nullopt;
  return lsp::Hover{std::move(h->markdown), in.range(h->range)};
}

}  // namespace amlls
