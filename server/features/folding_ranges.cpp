// Folding: the core's spans (navigation/outline.h) in LSP terms.
#include "folding_ranges.h"

#include "navigation/outline.h"

namespace amlls {

std::vector<lsp::FoldingRange> folding_ranges(const FeatureInput& in) {
  std::vector<lsp::FoldingRange> out;
  if (!in.is_azure_ml()) return out;
  for (const auto& f : amllint::nav::folds(in.doc, in.analysis))
    out.push_back({f.first_line, f.last_line, f.comment ? "comment" : ""});
  return out;
}

}  // namespace amlls
