// Our own glob matcher, so that quoted patterns behave the same on every shell and platform.
#pragma once

#include <string>
#include <string_view>

namespace amllint::cli {

// True when `pattern` contains `*` or `?`, the only wildcards amllint understands.
bool has_wildcards(std::string_view pattern);

// Matches a '/'-separated path against a pattern of the same shape: `*` is any run of characters
// within one segment, `?` one character (a code point), and a `**` segment any number of segments,
// none included. As in shells, a wildcard does not match a name that starts with '.' unless the
// pattern segment itself starts with '.'.
bool glob_match(std::string_view pattern, std::string_view path);

// A pattern split at its first segment with a wildcard: the directory to walk and the pattern that
// paths relative to it must match. "jobs/**/*.yml" -> {"jobs", "**/*.yml"}; "*.yml" -> {"", ...}.
struct GlobParts {
  std::string base;
  std::string rest;
};
GlobParts split_glob(std::string_view pattern);

}  // namespace amllint::cli
