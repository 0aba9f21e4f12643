// Links on local file references that exist, as the core finds them (navigation/links.h).
#pragma once

#include <vector>

#include "feature_input.h"

namespace amlls {

std::vector<lsp::DocumentLink> document_links(const FeatureInput& in);

}  // namespace amlls
