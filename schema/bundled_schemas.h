// The JSON schemas of schema/*.json, compiled into the binary.
#pragma once

#include <string_view>
#include <vector>

namespace amllint {

struct BundledSchema {
  std::string_view name;  // file name, e.g. "command_job.json"
  std::string_view text;
};

const std::vector<BundledSchema>& bundled_schemas();
// Empty when no schema has that name.
std::string_view bundled_schema(std::string_view name);

}  // namespace amllint
