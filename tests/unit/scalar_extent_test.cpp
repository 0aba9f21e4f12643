// Where a plain scalar ends: the quick answer for a value written as it is must be the answer the
// character walk gives (kept here as the reference), on random sources and values.
#include "syntax/scalar_extent.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "syntax/yaml_tree.h"

namespace {

using amllint::yaml::ScalarStyle;

bool white(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The walk: any whitespace run of the value matches any whitespace run of the source.
uint32_t walked_end(std::string_view src, uint32_t i, std::string_view value, bool flow) {
  uint32_t end = i;
  size_t v = 0;
  while (v < value.size() && i < src.size()) {
    if (white(value[v])) {
      while (v < value.size() && white(value[v])) ++v;
      if (!white(src[i])) break;
      while (i < src.size() && white(src[i])) ++i;
      continue;
    }
    if (src[i] != value[v]) break;
    ++i;
    ++v;
    end = i;
  }
  if (v == value.size()) return end;
  uint32_t le = end;
  while (le < src.size() && src[le] != '\n' && src[le] != '\r') ++le;
  while (end < le) {
    char c = src[end];
    if (c == ':' && (end + 1 >= le || white(src[end + 1]))) break;
    if (c == '#' && end > 0 && (src[end - 1] == ' ' || src[end - 1] == '\t')) break;
    if (flow && (c == ',' || c == ']' || c == '}')) break;
    ++end;
  }
  while (end > i && (src[end - 1] == ' ' || src[end - 1] == '\t')) --end;
  return end;
}

TEST(ScalarExtent, PlainEndMatchesTheWalkOnRandomTexts) {
  const std::string alphabet = "ab: #,]\n\t";
  std::mt19937 rng(11);
  for (int n = 0; n < 50000; ++n) {
    std::string src, value;
    for (size_t i = rng() % 12; i > 0; --i) src += alphabet[rng() % alphabet.size()];
    // A value that is the source's start (often), or random.
    if (n % 3) {
      value = src.substr(0, rng() % (src.size() + 1));
    } else {
      for (size_t i = rng() % 6; i > 0; --i) value += alphabet[rng() % alphabet.size()];
    }
    const uint32_t at = src.empty() ? 0 : static_cast<uint32_t>(rng() % 2);
    const bool flow = rng() % 2;
    ASSERT_EQ(
        amllint::yaml::scalar_end(src, at, ScalarStyle::Plain, value, 0, flow),
        walked_end(src, std::min<uint32_t>(at, static_cast<uint32_t>(src.size())), value, flow))
        << "source \"" << src << "\" at " << at << ", value \"" << value << "\"";
  }
}

}  // namespace
