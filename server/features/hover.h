// Hover: the schema's description and type of a key; for a `${{ }}` expression, the declaration
// it resolves to; for a URI or asset reference, its parsed parts.
#pragma once

#include <optional>

#include "feature_input.h"

namespace amlls {

std::optional<lsp::Hover> hover(const FeatureInput& in, lsp::Position position);

}  // namespace amlls
