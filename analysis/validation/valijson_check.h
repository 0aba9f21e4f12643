// Whether a file's typed JSON is valid against its bundled schema, as valijson decides, and the
// pointers where it failed. The explainer words the failures; see schema_validate.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analyze.h"

namespace amllint {

struct ValijsonFailures {
  bool valid = true;
  // valijson threw on some constraint: its verdict is unknown.
  bool threw = false;
  // Every pointer valijson flagged ("" for the root), including those of each pipeline step it
  // did not reach, validated with the top level alone beside it.
  std::set<std::string> pointers;
  // valijson's own errors on the whole file: pointer and text.
  std::vector<std::pair<std::string, std::string>> errors;
};

// Nullopt when `kind` has no schema; otherwise the verdict on `value` and where it failed.
std::optional<ValijsonFailures> valijson_failures(FileKind kind, const nlohmann::json& value);

}  // namespace amllint
