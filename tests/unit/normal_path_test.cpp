// normal_path must be std::filesystem's lexically_normal, and normal_joined_path its join: on
// random paths of names, `.`, `..` and separators, and on the cases the standard spells out.
#include "model/normal_path.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string library(const std::string& p) {
  return fs::path(p).lexically_normal().string();
}

TEST(NormalPath, IsTheLibrarysLexicallyNormalOnRandomPaths) {
  const std::string pieces[] = {"/", "/", "/", "a", "b", "cd", ".", "..", ".a", "a.", "..."};
  std::mt19937 rng(17);
  for (int n = 0; n < 100000; ++n) {
    std::string p;
    for (size_t i = rng() % 9; i > 0; --i) p += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(amllint::normal_path(p), library(p)) << "\"" << p << "\"";
    // Callers join to a folder that is itself normal, and not `//` (the library keeps such a
    // base's `//` through the join; no folder a file is in is that).
    std::string base;
    for (size_t i = rng() % 5; i > 0; --i) base += pieces[rng() % std::size(pieces)];
    base = library(base);
    if (base.find_first_not_of('/') == std::string::npos && base.size() > 1) base = "/";
    const std::string joined =
        (fs::path(base.empty() ? "." : base) / fs::path(p)).lexically_normal().string();
    ASSERT_EQ(amllint::normal_joined_path(base, p), joined)
        << "\"" << base << "\" / \"" << p << "\"";
  }
}

TEST(NormalPath, TheStandardsExamples) {
  for (const char* p : {"foo/./bar/..", "foo/.///bar/../", "/..", "../a/..", "a/..", "//a//b/", ".",
                        "./", "", "a/b/../../..", "/a/./b/.", "..", "../"})
    EXPECT_EQ(amllint::normal_path(p), library(p)) << p;
  EXPECT_EQ(amllint::normal_path("foo/./bar/.."), "foo/");
  EXPECT_EQ(amllint::normal_path("../a/.."), "..");
}

}  // namespace
