// Quick fixes from the rules' fixes, suppression comments, and `source.fixAll.amllint`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feature_input.h"

namespace amlls {

inline constexpr const char* kFixAllKind = "source.fixAll.amllint";

// Whether a code action of `kind` passes the client's `only` filter (empty: every kind).
bool kind_wanted(std::string_view kind, const std::vector<std::string>& only);

// `only` is the client's filter (empty: every kind).
std::vector<lsp::CodeAction> code_actions(const FeatureInput& in, lsp::Range range,
                                          const std::vector<std::string>& only);

// The document's text once every safe fix is applied, in passes as `amllint --fix` applies them;
// null when there is nothing to fix. Cached in `in.fixed_text_cache` for the analysis; computed
// here only when `in.may_analyse`.
std::shared_ptr<const std::string> fixed_text(const FeatureInput& in);

}  // namespace amlls
