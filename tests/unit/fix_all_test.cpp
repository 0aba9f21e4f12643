// The fix-all loop (`amllint --fix`, `--diff` and the editor's source.fixAll): which fixes it
// takes under each scope, and that it never damages the document.
#include "fixes/fix_all.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace amllint {
namespace {

Diagnostic with_fixes(TextRange range, std::vector<Fix> fixes) {
  Diagnostic d;
  d.range = range;
  d.code = "test";
  d.message = "test";
  d.fixes = std::move(fixes);
  return d;
}

constexpr Applicability kSafe = Applicability::Safe;
constexpr Applicability kUnsafe = Applicability::Unsafe;

Fix replace(std::string title, TextRange r, std::string text, Applicability a = kSafe) {
  return Fix(std::move(title), {{r, std::move(text)}}, a);
}

std::vector<std::string> titles(const std::vector<const Fix*>& fixes) {
  std::vector<std::string> out;
  for (const Fix* f : fixes) out.push_back(f->title);
  return out;
}

TEST(FixAll, SafeScopeTakesTheFirstSafeFixOfEachDiagnostic) {
  std::vector<Diagnostic> ds = {
      with_fixes({0, 3}, {replace("unsafe", {0, 3}, "x", kUnsafe), replace("safe", {0, 3}, "y")}),
      with_fixes({5, 6}, {replace("only unsafe", {5, 6}, "z", kUnsafe)}),
  };
  EXPECT_EQ(titles(choose_fixes(ds, FixScope::Safe)), (std::vector<std::string>{"safe"}));
  EXPECT_EQ(titles(choose_safe_fixes(ds)), (std::vector<std::string>{"safe"}));
}

TEST(FixAll, UnsafeScopeStillPrefersASafeFixAndAddsTheUnsafeOnes) {
  std::vector<Diagnostic> ds = {
      with_fixes({0, 3}, {replace("unsafe", {0, 3}, "x", kUnsafe), replace("safe", {0, 3}, "y")}),
      with_fixes({5, 6}, {replace("first unsafe", {5, 6}, "z", kUnsafe),
                          replace("second unsafe", {5, 6}, "w", kUnsafe)}),
  };
  EXPECT_EQ(titles(choose_fixes(ds, FixScope::Unsafe)),
            (std::vector<std::string>{"safe", "first unsafe"}));
}

TEST(FixAll, LeavesOutFixesThatTouchAnEarlierOneInEitherScope) {
  std::vector<Diagnostic> ds = {
      with_fixes({0, 4}, {replace("a", {0, 4}, "A")}),
      with_fixes({2, 6}, {replace("overlaps a", {2, 6}, "B", kUnsafe)}),
      with_fixes({4, 4}, {replace("inserts right after a", {4, 4}, "!")}),
      with_fixes({8, 8}, {replace("insert", {8, 8}, "+", kUnsafe)}),
      with_fixes({8, 9}, {replace("same start as insert", {8, 9}, "-")}),
      with_fixes({10, 12},
                 {Fix("two edits, one clashing", {{{11, 11}, "x"}, {{0, 1}, "y"}}, kUnsafe)}),
  };
  EXPECT_EQ(titles(choose_fixes(ds, FixScope::Unsafe)),
            (std::vector<std::string>{"a", "inserts right after a", "insert"}));
  // Without the unsafe insert, the edit at the same offset is free.
  EXPECT_EQ(titles(choose_fixes(ds, FixScope::Safe)),
            (std::vector<std::string>{"a", "inserts right after a", "same start as insert"}));
}

TEST(FixAll, AppliesEditsWhateverTheirOrder) {
  Fix late = replace("late", {8, 11}, "baz");
  Fix early("early", {{{0, 3}, "FOO"}, {{4, 4}, "+"}}, kSafe);
  EXPECT_EQ(apply_fixes("foo bar qux", {&late, &early}), "FOO +bar baz");
}

TEST(FixAll, RefusesAFixWhoseResultDoesNotParseAndKeepsTheOthers) {
  const std::string text = "a: 1\nb: 2\n";
  Analysis first;
  first.diagnostics = {
      with_fixes({0, 1}, {replace("rename a", {0, 1}, "alpha", kUnsafe)}),
      with_fixes({8, 9}, {replace("break b", {8, 9}, "[unclosed", kUnsafe)}),
  };
  FixOutcome out = fix_all(text, {}, std::move(first), FixScope::Unsafe);
  EXPECT_EQ(out.text, "alpha: 1\nb: 2\n");
  EXPECT_EQ(out.applied, (std::vector<std::string>{"rename a"}));
  EXPECT_EQ(out.refused, (std::vector<std::string>{"break b"}));
}

TEST(FixAll, AnUnsafeFixIsAppliedOnlyInTheUnsafeScope) {
  auto first = [] {
    Analysis a;
    a.diagnostics = {with_fixes({0, 1}, {replace("unsafe", {0, 1}, "x", kUnsafe)})};
    return a;
  };
  FixOutcome safe = fix_all("a: 1\n", {}, first());
  EXPECT_EQ(safe.text, "a: 1\n");
  EXPECT_TRUE(safe.applied.empty());
  EXPECT_TRUE(safe.refused.empty());
  FixOutcome unsafe = fix_all("a: 1\n", {}, first(), FixScope::Unsafe);
  EXPECT_EQ(unsafe.text, "x: 1\n");
  EXPECT_EQ(unsafe.applied, (std::vector<std::string>{"unsafe"}));
}

TEST(FixAll, CountsWhatIsLeftToFixBySafety) {
  std::vector<Diagnostic> ds = {
      with_fixes({0, 3}, {replace("unsafe", {0, 3}, "x", kUnsafe), replace("safe", {0, 3}, "y")}),
      with_fixes({5, 6}, {replace("only unsafe", {5, 6}, "z", kUnsafe)}),
      with_fixes({7, 8}, {replace("safe", {7, 8}, "z")}),
      with_fixes({9, 9}, {}),
  };
  FixCounts counts = count_fixable(ds);
  EXPECT_EQ(counts.safe, 2u);
  EXPECT_EQ(counts.unsafe_only, 1u);
}

// A real job: a legacy `$<<...>>` binding (safe: it can only mean `${{...}}`) and a misspelt
// `input.` (unsafe: the closest word is a guess).
constexpr const char* kJob =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
    "command: python train.py --lr $<<inputs.lr>> --epochs ${{input.epochs}}\n"
    "code: .\n"
    "inputs:\n"
    "  lr: 0.1\n"
    "  epochs: 3\n"
    "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
    "compute: azureml:cpu-cluster\n";

TEST(FixAll, OnARealJobOnlyTheSafeFixIsAppliedWithoutTheUnsafeScope) {
  auto linted = testing::lint_text(kJob, "job.yml");
  const std::string want_safe =
      "command: python train.py --lr ${{inputs.lr}} --epochs "
      "${{input.epochs}}\n";
  const std::string want_all =
      "command: python train.py --lr ${{inputs.lr}} --epochs "
      "${{inputs.epochs}}\n";
  AnalysisOptions options;
  options.path = "job.yml";
  FixOutcome safe = fix_all(linted.doc.text(), options, linted.analysis);
  EXPECT_NE(safe.text.find(want_safe), std::string::npos) << safe.text;
  EXPECT_EQ(count_fixable(safe.analysis.diagnostics).unsafe_only, 1u);
  FixOutcome all = fix_all(linted.doc.text(), options, linted.analysis, FixScope::Unsafe);
  EXPECT_NE(all.text.find(want_all), std::string::npos) << all.text;
  EXPECT_EQ(count_fixable(all.analysis.diagnostics).unsafe_only, 0u);
}

}  // namespace
}  // namespace amllint
