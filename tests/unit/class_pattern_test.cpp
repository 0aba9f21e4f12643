// ClassPattern stands in for std::regex on the schemas' name patterns: it must answer as
// std::regex_search does, and refuse every pattern of another shape.
#include "validation/class_pattern.h"

#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <string>

using amllint::ClassPattern;

namespace {

TEST(ClassPattern, AnswersAsStdRegexOnRandomTexts) {
  const std::string patterns[] = {"^[A-Za-z_][A-Za-z0-9_]*$", "^[a-z][a-z0-9_]*$", "^[a][b]*$",
                                  "^[0-9][a-fA-F0-9]*$", "^[_x-z][_]*$"};
  const std::string alphabet = "aAbBfFgzZ_09-. \n\t:$^[]\xc3\xa9\xff";
  std::mt19937 rng(3);
  for (const std::string& p : patterns) {
    auto simple = ClassPattern::parse(p);
    ASSERT_TRUE(simple) << p;
    const std::regex r(p, std::regex::ECMAScript);
    for (int n = 0; n < 20000; ++n) {
      std::string s;
      for (size_t i = rng() % 7; i > 0; --i) s += alphabet[rng() % alphabet.size()];
      ASSERT_EQ(simple->matches(s), std::regex_search(s, r)) << p << " on \"" << s << "\"";
    }
  }
}

TEST(ClassPattern, RefusesOtherShapes) {
  for (const char* p : {"[a-z][a-z]*$", "^[a-z][a-z]*", "^[a-z][a-z]+$", "^[^a][a]*$",
                        "^[a-z][a-z]*$x", "^[\\w][a]*$", "^[a-Z][a]*$", "^[!-~][a]*$", "^[][a]*$",
                        "^(azureml:.+|serverless)$", "^[a.][a]*$", "^[a-z][a-z]*\\n$", ""})
    EXPECT_FALSE(ClassPattern::parse(p)) << p;
}

}  // namespace
