// The one pattern shape our schemas use for names, `^[set][set]*$` (each set of ranges and plain
// characters), matched with two tables instead of std::regex: a step name cost std::regex about
// 3,000 instructions, and every step's name is matched several times per analysis.
#pragma once

#include <bitset>
#include <optional>
#include <string_view>

namespace amllint {

class ClassPattern {
 public:
  // The pattern read as `^[first][rest]*$`; nullopt for any other pattern (std::regex runs
  // those). A set may hold ranges within `a-z`, `A-Z` or `0-9`, and letters, digits and `_`.
  static std::optional<ClassPattern> parse(std::string_view pattern);
  // What std::regex_search of the pattern (ECMAScript) answers for `s`.
  bool matches(std::string_view s) const;

 private:
  std::bitset<256> first_, rest_;
};

}  // namespace amllint
