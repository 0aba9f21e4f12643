// The JSON schemas of schema/*.json, compiled into the binary.
#pragma once

#include <string_view>
#include <vector>

#include "embedded_file.h"

namespace amllint {

using BundledSchema = EmbeddedFile;

const std::vector<BundledSchema>& bundled_schemas();
// Empty when no schema has that name.
std::string_view bundled_schema(std::string_view name);

}  // namespace amllint
