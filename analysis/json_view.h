// The YAML tree as typed JSON (typed the way the Azure ML CLI types it), with a map from
// JSON pointer back to source ranges so that schema errors land on the right characters.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "diagnostic.h"

namespace amllint {

namespace yaml {
struct Node;
}

struct SourceSpan {
  TextRange key;    // range of the key that holds this value (empty for the root and items)
  TextRange value;  // range of the value itself (empty range at the key's end for an empty value)
  const yaml::Node* node = nullptr;
};

struct JsonView {
  nlohmann::json value;
  // "" for the root, "/jobs/train/type" for a nested value (RFC 6901 escaping).
  std::unordered_map<std::string, SourceSpan> spans;

  // The span of `pointer`, or of its nearest ancestor that has one.
  const SourceSpan& span(const std::string& pointer) const;
};

JsonView to_json(const yaml::Node* root);

std::string escape_pointer_token(std::string_view token);

}  // namespace amllint
