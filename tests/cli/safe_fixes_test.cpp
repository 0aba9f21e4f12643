#include "safe_fixes.h"

#include <gtest/gtest.h>

namespace amllint::cli {
namespace {

Diagnostic with_fixes(TextRange range, std::vector<Fix> fixes) {
  Diagnostic d;
  d.range = range;
  d.code = "test";
  d.message = "test";
  d.fixes = std::move(fixes);
  return d;
}

Fix replace(std::string title, TextRange r, std::string text, bool safe = true) {
  return Fix{std::move(title), {{r, std::move(text)}}, safe};
}

TEST(SafeFixes, TakesTheFirstSafeFixOfEachDiagnostic) {
  std::vector<Diagnostic> ds = {
      with_fixes({0, 3}, {replace("unsafe", {0, 3}, "x", false), replace("safe", {0, 3}, "y")}),
      with_fixes({5, 6}, {replace("only unsafe", {5, 6}, "z", false)}),
  };
  auto chosen = choose_safe_fixes(ds);
  ASSERT_EQ(chosen.size(), 1u);
  EXPECT_EQ(chosen[0]->title, "safe");
}

TEST(SafeFixes, LeavesOutFixesThatTouchAnEarlierOne) {
  std::vector<Diagnostic> ds = {
      with_fixes({0, 4}, {replace("a", {0, 4}, "A")}),
      with_fixes({2, 6}, {replace("overlaps a", {2, 6}, "B")}),
      with_fixes({4, 4}, {replace("inserts right after a", {4, 4}, "!")}),
      with_fixes({8, 8}, {replace("insert", {8, 8}, "+")}),
      with_fixes({8, 9}, {replace("same start as insert", {8, 9}, "-")}),
      with_fixes({10, 12},
                 {Fix{"two edits, one clashing", {{{11, 11}, "x"}, {{0, 1}, "y"}}, true}}),
  };
  std::vector<std::string> titles;
  for (const Fix* f : choose_safe_fixes(ds)) titles.push_back(f->title);
  EXPECT_EQ(titles, (std::vector<std::string>{"a", "inserts right after a", "insert"}));
}

TEST(SafeFixes, AppliesEditsWhateverTheirOrder) {
  Fix late = replace("late", {8, 11}, "baz");
  Fix early = Fix{"early", {{{0, 3}, "FOO"}, {{4, 4}, "+"}}, true};
  EXPECT_EQ(apply_fixes("foo bar qux", {&late, &early}), "FOO +bar baz");
}

TEST(SafeFixes, RefusesAFixWhoseResultDoesNotParseAndKeepsTheOthers) {
  const std::string text = "a: 1\nb: 2\n";
  Analysis first;
  first.diagnostics = {
      with_fixes({0, 1}, {replace("rename a", {0, 1}, "alpha")}),
      with_fixes({8, 9}, {replace("break b", {8, 9}, "[unclosed")}),
  };
  FixOutcome out = fix_document(text, {}, std::move(first));
  EXPECT_EQ(out.text, "alpha: 1\nb: 2\n");
  EXPECT_EQ(out.applied, (std::vector<std::string>{"rename a"}));
  EXPECT_EQ(out.refused, (std::vector<std::string>{"break b"}));
}

TEST(SafeFixes, NoSafeFixLeavesTheTextAlone) {
  Analysis first;
  first.diagnostics = {with_fixes({0, 1}, {replace("unsafe", {0, 1}, "x", false)})};
  FixOutcome out = fix_document("a: 1\n", {}, std::move(first));
  EXPECT_EQ(out.text, "a: 1\n");
  EXPECT_TRUE(out.applied.empty());
  EXPECT_TRUE(out.refused.empty());
}

}  // namespace
}  // namespace amllint::cli
