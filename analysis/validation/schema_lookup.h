// What the bundled schema says about one place in a file, for editor features (hover,
// completion): its description and the keys allowed there.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyze.h"
#include "syntax/json_view.h"

namespace amllint {

struct SchemaProperty {
  std::string name;
  std::string description;
  bool required = false;
};

struct SchemaInfo {
  // The schema that applies at the pointer, with $ref followed and the if/then branches chosen
  // by the values present in the file merged in; null when the pointer is outside the schema.
  nlohmann::json node;
  std::string description;
  // Keys allowed at the pointer when it is a mapping (empty otherwise), sorted by name.
  std::vector<SchemaProperty> properties;
};

// The schema at JSON `pointer` ("" for the root, "/jobs/train") of a file of `kind`.
SchemaInfo schema_at(FileKind kind, const JsonView& view, const std::string& pointer);

}  // namespace amllint
