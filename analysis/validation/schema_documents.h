// The bundled schemas (schema/*.json) as parsed JSON, and which one validates each kind of file.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "analyze.h"

namespace amllint {

// The bundled schema called `name` ("definitions.json"), parsed once; nullptr when none is.
const nlohmann::json* schema_document(std::string_view name);

// The document a reference or URI names: "definitions.json#/definitions/x" -> "definitions.json".
std::string_view schema_document_name(std::string_view uri);

// Name of the bundled schema file of `kind` ("command_job.json"), or nullptr.
const char* schema_file_name(FileKind kind);

}  // namespace amllint
