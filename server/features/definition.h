// Go to definition: from a name in a `${{ }}` binding or a step's port key to the key that
// declares it (in this file or in the component file a step runs), and from a local file
// reference (`component:`, `code:`, ...) to that file or folder. The core finds both
// (navigation/names.h, navigation/links.h); this translates them.
#pragma once

#include <vector>

#include "feature_input.h"
#include "navigation/names.h"

namespace amlls {

std::vector<lsp::Location> definition(const FeatureInput& in, lsp::Position position);

// The location of a declaration, in this document or a component file.
lsp::Location declaration_location(const FeatureInput& in, const amllint::nav::Declaration& d);

}  // namespace amlls
