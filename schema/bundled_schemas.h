// The JSON schemas of schema/*.json, compiled into the binary.
#pragma once

#include <string_view>
#include <vector>

#include "embedded_file.h"

namespace amllint {

using BundledSchema = EmbeddedFile;

// Every schema/*.json by file name; analysis/validation/schema_documents.cpp parses them.
const std::vector<BundledSchema>& bundled_schemas();

}  // namespace amllint
