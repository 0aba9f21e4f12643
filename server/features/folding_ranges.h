// Folding for every block mapping, sequence and block scalar that spans lines, and for runs of
// comment lines.
#pragma once

#include <vector>

#include "feature_input.h"

namespace amlls {

std::vector<lsp::FoldingRange> folding_ranges(const FeatureInput& in);

}  // namespace amlls
