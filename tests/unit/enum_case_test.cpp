// fold_case's camel_to_snake is written by hand; these hold it to the two regex substitutions of
// azure-ai-ml it stands for.
#include "validation/enum_case.h"

#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <regex>
#include <string>

namespace amllint {
namespace {

// The SDK's camel_to_snake as it reads (and as fold_case was written with std::regex), then
// lower-cased.
std::string snake_by_regex(const std::string& v) {
  static const std::regex word("(.)([A-Z][a-z]+)"), hump("([a-z0-9])([A-Z])");
  std::string out = std::regex_replace(v, word, "$1_$2");
  out = std::regex_replace(out, hump, "$1_$2");
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(EnumCase, SnakeFoldsTheSdksWay) {
  EXPECT_EQ(fold_case("snake", "UserIdentity"), "user_identity");
  EXPECT_EQ(fold_case("snake", "MAXIMIZE"), "maximize");
  EXPECT_EQ(fold_case("snake", "userIdentity"), "user_identity");
  EXPECT_EQ(fold_case("snake", "AMLToken"), "aml_token");
  EXPECT_EQ(fold_case("snake", "ManagedIdentity2Token"), "managed_identity2_token");
  EXPECT_EQ(fold_case("snake", "Bandit"), "bandit");
  EXPECT_EQ(fold_case("lower", "UserIdentity"), "useridentity");
  EXPECT_EQ(fold_case("", "UserIdentity"), "useridentity");
}

TEST(EnumCase, SnakeMatchesTheRegexOnRandomText) {
  // Letters of both cases, digits, separators and line breaks (which `.` does not match), and
  // bytes of UTF-8 text, in short words where the patterns meet and overlap often.
  const std::string alphabet = "aAbBzZqQ09_- \n\r\t.\xc3\xa9\x80\xff";
  std::mt19937 rng(12);
  for (int n = 0; n < 50000; ++n) {
    std::string v;
    const size_t length = rng() % 12;
    for (size_t i = 0; i < length; ++i) v += alphabet[rng() % alphabet.size()];
    ASSERT_EQ(fold_case("snake", v), snake_by_regex(v)) << "for \"" << v << "\"";
  }
}

TEST(EnumCase, InEnumFoldsBothSides) {
  const nlohmann::json values = {"user_identity", "aml_token"};
  EXPECT_TRUE(in_enum(values, "UserIdentity", "snake"));
  EXPECT_TRUE(in_enum(values, "AMLToken", "snake"));
  EXPECT_FALSE(in_enum(values, "UserIdentity", ""));
  EXPECT_FALSE(in_enum(values, "Managed", "snake"));
}

// "lower" compares without folding copies; it must agree with comparing fold_case's results, on
// random texts of letters of both cases, digits, `_` and bytes above 127.
TEST(EnumCase, LowerComparisonAgreesWithFoldedCopies) {
  const std::string alphabet = "aAbBzZ09_-\xc3\xa9\xff";
  std::mt19937 rng(7);
  for (int n = 0; n < 20000; ++n) {
    std::string a, b;
    for (size_t i = rng() % 5; i > 0; --i) a += alphabet[rng() % alphabet.size()];
    for (size_t i = rng() % 5; i > 0; --i) b += alphabet[rng() % alphabet.size()];
    const bool folded = fold_case("lower", a) == fold_case("lower", b);
    ASSERT_EQ(in_enum(nlohmann::json::array({a, 3, nullptr}), b, "lower"), folded)
        << a << " / " << b;
    ASSERT_EQ(is_const(a, b, "lower"), folded) << a << " / " << b;
  }
  EXPECT_FALSE(in_enum(nlohmann::json::array({"command"}), 3, "lower"));
  EXPECT_TRUE(in_enum(nlohmann::json::array({"command"}), "COMMAND", "lower"));
  EXPECT_FALSE(is_const("command", "commands", "lower"));
}

}  // namespace
}  // namespace amllint
