// Quick fixes from the rules' fixes, suppression comments, and `source.fixAll.amllint`.
#pragma once

#include <string>
#include <vector>

#include "feature_input.h"

namespace amlls {

inline constexpr const char* kFixAllKind = "source.fixAll.amllint";

// `only` is the client's filter (empty: every kind).
std::vector<lsp::CodeAction> code_actions(const FeatureInput& in, lsp::Range range,
                                          const std::vector<std::string>& only);

// The document's text once every safe fix is applied, in passes as `amllint --fix` applies them;
// null when there is nothing to fix. Cached in `in.fixed_text_cache` for the analysis.
std::shared_ptr<const std::string> fixed_text(const FeatureInput& in);

}  // namespace amlls
