#include "options.h"

#include <gtest/gtest.h>

namespace amllint::cli {
namespace {

TEST(Options, ParsesFlagsValuesAndPaths) {
  auto r = parse_options({"-f", "sarif", "--max-warnings=3", "-q", "a.yml", "--", "-b.yml"});
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.options.format, Format::Sarif);
  EXPECT_EQ(r.options.max_warnings, 3);
  EXPECT_TRUE(r.options.quiet);
  EXPECT_EQ(r.options.paths, (std::vector<std::string>{"a.yml", "-b.yml"}));

  r = parse_options(
      {"--format=junit", "--jobs", "4", "--no-color", "--stats", "-", "--stdin-filename", "x.yml"});
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.options.format, Format::Junit);
  EXPECT_EQ(r.options.jobs, 4u);
  EXPECT_TRUE(r.options.no_color);
  EXPECT_TRUE(r.options.stats);
  EXPECT_EQ(r.options.stdin_filename, "x.yml");
  EXPECT_FALSE(r.options.github_notices);
  EXPECT_FALSE(r.options.rule_docs_url.has_value());

  r = parse_options({"--github-notices", "--rule-docs-url", "https://x/{code}", "a.yml"});
  ASSERT_EQ(r.error, "");
  EXPECT_TRUE(r.options.github_notices);
  EXPECT_EQ(r.options.rule_docs_url, "https://x/{code}");
  r = parse_options({"--rule-docs-url=", "a.yml"});
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.options.rule_docs_url, "");
}

TEST(Options, UnsafeFixesIsAFlagOfItsOwn) {
  auto r = parse_options({"--fix", "--unsafe-fixes", "a.yml"});
  ASSERT_EQ(r.error, "");
  EXPECT_TRUE(r.options.fix);
  EXPECT_TRUE(r.options.unsafe_fixes);
  r = parse_options({"--diff", "a.yml"});
  ASSERT_EQ(r.error, "");
  EXPECT_FALSE(r.options.unsafe_fixes);
  EXPECT_EQ(parse_options({"--unsafe-fixes=yes", "a"}).error, "--unsafe-fixes takes no value");
}

TEST(Options, RejectsWhatCannotWork) {
  EXPECT_EQ(parse_options({}).error, "no files to lint");
  EXPECT_EQ(parse_options({"--format", "xml", "a"}).error,
            "unknown format 'xml' (expected text, json, sarif, github or junit)");
  EXPECT_EQ(parse_options({"--max-warnings", "-1", "a"}).error,
            "--max-warnings needs a non-negative number, not '-1'");
  EXPECT_EQ(parse_options({"a", "--format"}).error, "--format needs a value");
  EXPECT_EQ(parse_options({"--frobnicate", "a"}).error, "unknown option --frobnicate");
  EXPECT_EQ(parse_options({"--quiet=yes", "a"}).error, "--quiet takes no value");
  EXPECT_EQ(parse_options({"--fix", "--diff", "a"}).error, "--fix and --diff cannot be combined");
  EXPECT_EQ(parse_options({"--fix", "-"}).error,
            "--fix cannot write back to standard input; use --diff");
  EXPECT_EQ(parse_options({"-", "-"}).error, "\"-\" (standard input) can be given only once");
  EXPECT_EQ(parse_options({"--stdin-filename", "x", "a"}).error,
            "--stdin-filename needs \"-\" among the paths");
  EXPECT_EQ(parse_options({"-j", "0", "a"}).error, "-j needs a number from 1 to 1024, not '0'");
}

// -j2 and --jobs=2 as well as -j 2, like make, ninja and cargo; the other short options with a
// value take it glued too.
TEST(Options, ShortOptionValuesMayBeGlued) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"-j2", "a.yml"}, {"--jobs=2", "a.yml"}, {"-j", "2", "a.yml"}}) {
    auto r = parse_options(args);
    ASSERT_EQ(r.error, "") << args[0];
    EXPECT_EQ(r.options.jobs, 2u) << args[0];
    EXPECT_EQ(r.options.paths, (std::vector<std::string>{"a.yml"})) << args[0];
  }
  auto r = parse_options({"-j1", "-fjson", "-cconf.yaml", "a.yml"});
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.options.jobs, 1u);
  EXPECT_EQ(r.options.format, Format::Json);
  EXPECT_EQ(r.options.config, "conf.yaml");
  EXPECT_EQ(parse_options({"-j0", "a"}).error, "-j needs a number from 1 to 1024, not '0'");
  EXPECT_EQ(parse_options({"-jx", "a"}).error, "-j needs a number from 1 to 1024, not 'x'");
  EXPECT_EQ(parse_options({"--jobs=", "a"}).error, "--jobs needs a number from 1 to 1024, not ''");
  // Flags take no glued value: -qj2 is not -q -j2.
  EXPECT_EQ(parse_options({"-qj2", "a"}).error, "unknown option -qj2");
}

TEST(Options, HelpAndVersionNeedNoPaths) {
  EXPECT_TRUE(parse_options({"--help"}).options.help);
  EXPECT_EQ(parse_options({"-h"}).error, "");
  EXPECT_TRUE(parse_options({"--version"}).options.version);
}

}  // namespace
}  // namespace amllint::cli
