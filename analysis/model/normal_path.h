// std::filesystem::path(p).lexically_normal().string() on POSIX, on the text: the library's
// version builds a path of components and a new path from them, and every local path a file
// names is normalised (about 2,600 instructions each, against a few hundred here).
#pragma once

#include <string>
#include <string_view>

namespace amllint {

std::string normal_path(std::string_view path);

// normal_path of `base` / `relative` as std::filesystem joins them, for a `base` that is itself
// normal ("" stands for ".").
std::string normal_joined_path(std::string_view base, std::string_view relative);

}  // namespace amllint
