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

// The first safe fix of each diagnostic unless it overlaps an earlier one, as edits sorted by
// position.
std::vector<amllint::TextEdit> safe_fix_edits(const std::vector<amllint::Diagnostic>& diagnostics);

}  // namespace amlls
