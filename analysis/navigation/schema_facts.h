// Small readings of a resolved schema node (SchemaInfo::node) shared by hover and completion.
// Internal to analysis/navigation/.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace amllint::nav {

// "string", "integer | string", ...; empty when the node says nothing.
std::string schema_type(const nlohmann::json& node);
bool schema_is(const nlohmann::json& node, const char* type);
// Closed value sets: `enum`, `const`, and those of `anyOf`/`oneOf` branches; true/false for
// booleans.
std::vector<std::string> schema_values(const nlohmann::json& node);

}  // namespace amllint::nav
