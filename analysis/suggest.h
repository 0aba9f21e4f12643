// "Did you mean" suggestions for misspelt keys and names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace amllint {

size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible typo, else empty.
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace amllint
