// The outline: every key of the job, with inputs, outputs and steps marked as such.
#pragma once

#include <vector>

#include "feature_input.h"

namespace amlls {

std::vector<lsp::DocumentSymbol> document_symbols(const FeatureInput& in);

}  // namespace amlls
