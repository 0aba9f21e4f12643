// Go to definition: from a name in a `${{ }}` binding or a step's port key to the key that
// declares it (in this file or in the component file a step runs), and from a local file
// reference (`component:`, `code:`, ...) to that file or folder.
#pragma once

#include <vector>

#include "feature_input.h"

namespace amlls {

std::vector<lsp::Location> definition(const FeatureInput& in, lsp::Position position);

// The location of a declaration found by declared_names, in this document or a component file.
struct Declaration;
lsp::Location declaration_location(const FeatureInput& in, const Declaration& d);

}  // namespace amlls
