#include "config/ignore_rules.h"

#include <gtest/gtest.h>

namespace amllint {
namespace {

TEST(GlobMatch, Wildcards) {
  EXPECT_TRUE(glob_match("*.csv", "iris.csv"));
  EXPECT_FALSE(glob_match("*.csv", "data/iris.csv"));  // '*' stops at '/'
  EXPECT_TRUE(glob_match("data?.txt", "data1.txt"));
  EXPECT_FALSE(glob_match("data?.txt", "data12.txt"));
  EXPECT_TRUE(glob_match("img[0-9].png", "img7.png"));
  EXPECT_FALSE(glob_match("img[!0-9].png", "img7.png"));
  EXPECT_TRUE(glob_match("img[!0-9].png", "imgA.png"));
  EXPECT_TRUE(glob_match("\\*literal", "*literal"));
  EXPECT_FALSE(glob_match("\\*literal", "xliteral"));
  EXPECT_TRUE(glob_match("[abc", "[abc"));  // unterminated class is literal
}

TEST(GlobMatch, DoubleStar) {
  EXPECT_TRUE(glob_match("**/logs", "logs"));
  EXPECT_TRUE(glob_match("**/logs", "a/b/logs"));
  EXPECT_TRUE(glob_match("logs/**", "logs/x/y.txt"));
  EXPECT_FALSE(glob_match("logs/**", "logs"));
  EXPECT_TRUE(glob_match("a/**/b", "a/b"));
  EXPECT_TRUE(glob_match("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(glob_match("a/**/b", "a/x/c"));
  EXPECT_TRUE(glob_match("**/*.pt", "models/ckpt/best.pt"));
  EXPECT_TRUE(glob_match("**", "anything/at/all"));
}

TEST(IgnoreRules, CommentsBlanksAndEscapes) {
  IgnorePattern p;
  EXPECT_FALSE(parse_ignore_line("", "", p));
  EXPECT_FALSE(parse_ignore_line("# comment", "", p));
  EXPECT_FALSE(parse_ignore_line("   ", "", p));
  ASSERT_TRUE(parse_ignore_line("\\#hash", "", p));
  EXPECT_EQ(p.glob, "#hash");
  ASSERT_TRUE(parse_ignore_line("\\!bang", "", p));
  EXPECT_EQ(p.glob, "!bang");
  EXPECT_FALSE(p.negated);
  ASSERT_TRUE(parse_ignore_line("trailing   ", "", p));
  EXPECT_EQ(p.glob, "trailing");
  ASSERT_TRUE(parse_ignore_line("crlf\r", "", p));
  EXPECT_EQ(p.glob, "crlf");
}

TEST(IgnoreRules, AnchoringAndDirectoryOnly) {
  IgnoreRules rules;
  rules.add("/build\nlogs/\ndocs/*.md\n*.pyc\n");
  EXPECT_TRUE(rules.ignored("build", true));
  EXPECT_FALSE(rules.ignored("src/build", true));  // anchored to the root
  EXPECT_TRUE(rules.ignored("logs", true));
  EXPECT_TRUE(rules.ignored("a/b/logs", true));  // unanchored matches at any depth
  EXPECT_FALSE(rules.ignored("logs", false));    // directory-only
  EXPECT_TRUE(rules.ignored("docs/readme.md", false));
  EXPECT_FALSE(rules.ignored("x/docs/readme.md", false));  // a middle slash anchors
  EXPECT_TRUE(rules.ignored("pkg/mod/x.pyc", false));
}

TEST(IgnoreRules, NegationLastMatchWins) {
  IgnoreRules rules;
  rules.add("*.csv\n!keep.csv\ndata/\n");
  EXPECT_TRUE(rules.ignored("iris.csv", false));
  EXPECT_FALSE(rules.ignored("keep.csv", false));
  EXPECT_FALSE(rules.ignored("sub/keep.csv", false));
  EXPECT_TRUE(rules.ignored("data", true));

  IgnoreRules reignore;
  reignore.add("!keep.csv\n*.csv\n");
  EXPECT_TRUE(reignore.ignored("keep.csv", false));
}

TEST(IgnoreRules, NestedFilesApplyBelowTheirFolder) {
  IgnoreRules rules;
  rules.add("*.log\n");
  rules.add("*.txt\n!debug.log\n/local.bin\n", "sub");
  EXPECT_TRUE(rules.ignored("a.log", false));
  EXPECT_FALSE(rules.ignored("a.txt", false));
  EXPECT_TRUE(rules.ignored("sub/a.txt", false));
  EXPECT_TRUE(rules.ignored("sub/deeper/a.txt", false));
  EXPECT_FALSE(rules.ignored("sub/debug.log", false));
  EXPECT_TRUE(rules.ignored("sub/local.bin", false));
  EXPECT_FALSE(rules.ignored("sub/deeper/local.bin", false));
  EXPECT_FALSE(rules.ignored("other/local.bin", false));
  rules.truncate(1);
  EXPECT_FALSE(rules.ignored("sub/a.txt", false));
}

TEST(IgnoreRules, TypicalPythonGitignore) {
  IgnoreRules rules;
  rules.add(
      "# Byte-compiled\n__pycache__/\n*.py[cod]\n.venv\nenv/\n.ipynb_checkpoints\n*.egg-info/\n"
      "mlruns/\noutputs/**\n!outputs/.gitkeep\n");
  EXPECT_TRUE(rules.ignored("src/__pycache__", true));
  EXPECT_TRUE(rules.ignored("src/model.pyc", false));
  EXPECT_FALSE(rules.ignored("src/model.py", false));
  EXPECT_TRUE(rules.ignored(".venv", true));
  EXPECT_TRUE(rules.ignored("pkg.egg-info", true));
  EXPECT_TRUE(rules.ignored("outputs/model.pkl", false));
  EXPECT_FALSE(rules.ignored("outputs/.gitkeep", false));
  EXPECT_FALSE(rules.ignored("train.py", false));
}

}  // namespace
}  // namespace amllint
