// Validation of a file's typed JSON against the bundled JSON schemas (schema/*.json), with
// errors shaped into one actionable diagnostic per mistake, and schema lookups for editor
// features (hover, completion).
//
// Diagnostic codes (all severity error, since the service rejects such files):
//   unknown-key   a key the schema does not allow here (with the closest valid key)
//   invalid-type  a value of the wrong type, e.g. a string where an integer is expected
//   invalid-enum  a value outside a closed set (input types, modes, distribution types, ...)
//   missing-key   a required key is absent (reported on the key of the enclosing mapping)
//   schema        any other schema violation (e.g. a step name with a hyphen)
#pragma once

#include <string>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"
#include "syntax/json_view.h"

namespace amllint {

// Validates the typed JSON of a file of `kind` against its bundled schema; one diagnostic per
// mistake, on the range of the offending key or value. Empty for FileKind::NotAzureMl.
std::vector<Diagnostic> validate_schema(FileKind kind, const JsonView& view);

// Name of the bundled schema file of `kind` ("command_job.json"), or nullptr.
const char* schema_file_name(FileKind kind);

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
