// A unified diff of two texts, line by line, for --diff.
#pragma once

#include <string>
#include <string_view>

namespace amllint::cli {

// Empty when the texts are equal. Both headers carry `label` (the diff applies with `patch -p0`).
std::string unified_diff(std::string_view before, std::string_view after, std::string_view label,
                         int context = 3);

}  // namespace amllint::cli
