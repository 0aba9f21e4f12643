// Find references of an input, output, search-space parameter or pipeline step: every `${{ }}`
// and step port key in the document that names it, and its declaration when asked for.
#pragma once

#include <vector>

#include "feature_input.h"

namespace amlls {

std::vector<lsp::Location> references(const FeatureInput& in, lsp::Position position,
                                      bool include_declaration);

}  // namespace amlls
