// Links on local file references (`component:`, `code:`, `conda_file:`, local `path:`) that
// exist on disk, resolved from the document's folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feature_input.h"

namespace amllint::yaml {
struct Node;
}

namespace amlls {

std::vector<lsp::DocumentLink> document_links(const FeatureInput& in);

// The existing local file or folder a `key: value` pair points at, if any. Shared with
// definition-style features.
std::optional<std::string> referenced_path(const FeatureInput& in, std::string_view key,
                                           const amllint::yaml::Node& value);

}  // namespace amlls
