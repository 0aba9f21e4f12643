// What the CLI can say about a rule from its code alone, until the core's rule registry exists
// (then these read from it).
#pragma once

#include <string>
#include <string_view>

namespace amllint::cli {

// "unknown-key" -> "UnknownKey", the SARIF `name` convention.
std::string rule_name(std::string_view code);
// "unknown-key" -> "Unknown key."
std::string rule_summary(std::string_view code);
// The rule's page under docs/rules/ of the project.
std::string rule_help_uri(std::string_view code);

}  // namespace amllint::cli
