#include "unified_diff.h"

#include <gtest/gtest.h>

namespace amllint::cli {
namespace {

TEST(UnifiedDiff, EqualTextsGiveNothing) {
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "f"), "");
}

TEST(UnifiedDiff, OneChangedLineWithContext) {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string after = "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n";
  EXPECT_EQ(unified_diff(before, after, "job.yml"),
            "--- job.yml\n+++ job.yml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n");
}

TEST(UnifiedDiff, DistantChangesMakeSeparateHunks) {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(
      unified_diff(before, after, "f", 1),
      "--- f\n+++ f\n@@ -1,3 +1,3 @@\n 1\n-2\n+x\n 3\n@@ -17,3 +17,3 @@\n 17\n-18\n+x\n 19\n");
}

TEST(UnifiedDiff, NearChangesShareAHunk) {
  EXPECT_EQ(unified_diff("a\nb\nc\nd\n", "A\nb\nc\nD\n", "f", 1),
            "--- f\n+++ f\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n-d\n+D\n");
}

TEST(UnifiedDiff, InsertionsDeletionsAndEmptySides) {
  EXPECT_EQ(unified_diff("a\nc\n", "a\nb\nc\n", "f", 0), "--- f\n+++ f\n@@ -1,0 +2,1 @@\n+b\n");
  EXPECT_EQ(unified_diff("a\nb\nc\n", "a\nc\n", "f", 0), "--- f\n+++ f\n@@ -2,1 +1,0 @@\n-b\n");
  EXPECT_EQ(unified_diff("", "x\n", "f"), "--- f\n+++ f\n@@ -0,0 +1,1 @@\n+x\n");
}

TEST(UnifiedDiff, MissingFinalNewlineIsMarked) {
  EXPECT_EQ(unified_diff("a\nb", "a\nc", "f"),
            "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
            "\\ No newline at end of file\n");
}

TEST(UnifiedDiff, ApplyingTheHunksRebuildsTheNewText) {
  // Interleaved edits: the script must be a real edit script of before into after.
  std::string before = "k: 1\nx: 2\ny: 3\nz: 4\nw: 5\n";
  std::string after = "k: 1\ny: 3\nnew: 0\nz: 4\nw: 6\n";
  std::string diff = unified_diff(before, after, "f", 10);
  std::string rebuilt, line;
  size_t pos = diff.find("@@");
  pos = diff.find('\n', pos) + 1;
  while (pos < diff.size()) {
    size_t nl = diff.find('\n', pos);
    line = diff.substr(pos, nl - pos + 1);
    if (line[0] == ' ' || line[0] == '+') rebuilt += line.substr(1);
    pos = nl + 1;
  }
  EXPECT_EQ(rebuilt, after);
}

}  // namespace
}  // namespace amllint::cli
