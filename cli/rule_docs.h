// What SARIF says about a rule: its name, summary (from the core's rule catalogue) and help page.
#pragma once

#include <string>
#include <string_view>

namespace amllint::cli {

// "unknown-key" -> "UnknownKey", the SARIF `name` convention.
std::string rule_name(std::string_view code);
// The catalogue's one-line summary; for a code it lacks, the code in words ("Unknown key.").
std::string rule_summary(std::string_view code);
// The rule's page under docs/rules/ of the project.
std::string rule_help_uri(std::string_view code);

}  // namespace amllint::cli
