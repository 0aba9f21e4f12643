#include "glob.h"

#include <gtest/gtest.h>

namespace amllint::cli {
namespace {

TEST(Glob, StarStaysWithinOneSegment) {
  EXPECT_TRUE(glob_match("*.yml", "job.yml"));
  EXPECT_FALSE(glob_match("*.yml", "jobs/job.yml"));
  EXPECT_FALSE(glob_match("*.yml", "job.yaml"));
  EXPECT_TRUE(glob_match("jobs/*/job.yml", "jobs/iris/job.yml"));
  EXPECT_FALSE(glob_match("jobs/*/job.yml", "jobs/a/b/job.yml"));
  EXPECT_TRUE(glob_match("*", "x"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYbc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYYb"));
}

TEST(Glob, QuestionMarkIsOneCodePoint) {
  EXPECT_TRUE(glob_match("job?.yml", "job1.yml"));
  EXPECT_FALSE(glob_match("job?.yml", "job.yml"));
  EXPECT_FALSE(glob_match("job?.yml", "job12.yml"));
  EXPECT_TRUE(glob_match("caf?.yml", "caf\xC3\xA9.yml"));  // é is two bytes, one '?'
  EXPECT_FALSE(glob_match("?", "a/b"));
}

TEST(Glob, DoubleStarSpansAnyNumberOfSegments) {
  EXPECT_TRUE(glob_match("**/*.yml", "job.yml"));
  EXPECT_TRUE(glob_match("**/*.yml", "a/b/c/job.yml"));
  EXPECT_TRUE(glob_match("jobs/**/job.yml", "jobs/job.yml"));
  EXPECT_TRUE(glob_match("jobs/**/job.yml", "jobs/a/b/job.yml"));
  EXPECT_FALSE(glob_match("jobs/**/job.yml", "other/a/job.yml"));
  EXPECT_TRUE(glob_match("**", "a/b"));
  EXPECT_TRUE(glob_match("a/**/b/**/c.yml", "a/x/b/y/z/c.yml"));
  EXPECT_FALSE(glob_match("a/**/b/**/c.yml", "a/x/y/z/c.yml"));
  EXPECT_TRUE(glob_match("**/pipelines/**", "cli/jobs/pipelines/nyc/pipeline.yml"));
}

TEST(Glob, WildcardsSkipHiddenNamesUnlessSpelledOut) {
  EXPECT_FALSE(glob_match("*.yml", ".hidden.yml"));
  EXPECT_TRUE(glob_match(".*.yml", ".hidden.yml"));
  EXPECT_FALSE(glob_match("**/*.yml", ".github/workflows/ci.yml"));
  EXPECT_TRUE(glob_match(".github/**/*.yml", ".github/workflows/ci.yml"));
}

TEST(Glob, LiteralCharactersMustMatchExactly) {
  EXPECT_TRUE(glob_match("jobs/job.yml", "jobs/job.yml"));
  EXPECT_FALSE(glob_match("jobs/job.yml", "jobs/Job.yml"));
  EXPECT_TRUE(glob_match("jobs//*.yml", "jobs/a.yml"));  // empty segments mean nothing
}

TEST(Glob, SplitsAtTheFirstWildcardSegment) {
  auto p = split_glob("cli/jobs/**/*.yml");
  EXPECT_EQ(p.base, "cli/jobs");
  EXPECT_EQ(p.rest, "**/*.yml");
  p = split_glob("*.yml");
  EXPECT_EQ(p.base, "");
  EXPECT_EQ(p.rest, "*.yml");
  p = split_glob("/abs/dir/job?.yml");
  EXPECT_EQ(p.base, "/abs/dir");
  EXPECT_EQ(p.rest, "job?.yml");
  p = split_glob("/*.yml");
  EXPECT_EQ(p.base, "/");
  EXPECT_EQ(p.rest, "*.yml");
  EXPECT_TRUE(has_wildcards("a/*.yml"));
  EXPECT_TRUE(has_wildcards("a?"));
  EXPECT_FALSE(has_wildcards("a/b.yml"));
}

}  // namespace
}  // namespace amllint::cli
