// The fix policy, code by code (see Applicability in diagnostic.h): every fix that the annotated
// fixtures provoke, grouped by code, must have the applicability this table gives. A guessed name
// or a deleted line is unsafe; an edit that only respells what the user wrote is safe.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "diagnostic.h"
#include "test_support.h"

namespace amllint {
namespace {

namespace fs = std::filesystem;

// A fix cannot be made without stating its applicability: no default, no `{title, edits}`.
static_assert(!std::is_default_constructible_v<Fix>);
static_assert(!std::is_aggregate_v<Fix>);
static_assert(!std::is_constructible_v<Fix, std::string, std::vector<TextEdit>>);
static_assert(!std::is_constructible_v<Fix, std::string, std::vector<TextEdit>, bool>);
static_assert(std::is_constructible_v<Fix, std::string, std::vector<TextEdit>, Applicability>);

// code -> the applicabilities its fixes have in the fixtures ("safe", "unsafe" or both).
using Table = std::map<std::string, std::set<std::string>>;

const Table kPolicy = {
    // Guessed names: unsafe.
    {"unknown-key", {"unsafe"}},
    {"invalid-enum", {"unsafe"}},
    {"undefined-input", {"safe", "unsafe"}},  // safe only for `inputs.C` -> `search_space.C`
    {"undefined-output", {"unsafe"}},
    {"undefined-step", {"unsafe"}},
    {"undefined-step-output", {"unsafe"}},
    {"undefined-search-space", {"unsafe"}},
    {"invalid-binding", {"unsafe"}},
    {"asset-version-mismatch", {"unsafe"}},  // the workspace may hold the other version
    {"malformed-binding", {"unsafe"}},
    {"malformed-reference", {"unsafe"}},
    {"unknown-asset", {"unsafe"}},
    {"unknown-port", {"unsafe"}},
    // A deleted line: unsafe.
    {"hardcoded-job-name", {"unsafe"}},
    // Respellings of what was written: safe where nothing is inferred.
    {"legacy-binding-syntax", {"safe", "unsafe"}},  // `{x}` not rewritten by the SDK: unsafe
    {"legacy-syntax", {"safe", "unsafe"}},          // a dataset's type is a guess: unsafe
    {"implicit-boolean", {"safe", "unsafe"}},       // a literal input may feed a boolean port
    {"date-value", {"safe"}},
    // A mend of broken YAML infers the structure meant: unsafe.
    {"syntax-error", {"unsafe"}},
};

std::string dump(const Table& t) {
  std::string out;
  for (const auto& [code, kinds] : t) {
    out += "  " + code + ":";
    for (const auto& k : kinds) out += " " + k;
    out += "\n";
  }
  return out;
}

TEST(FixApplicability, EveryFixtureFixFollowsThePolicy) {
  Table seen;
  std::map<std::string, size_t> counts;  // "code safe" -> fixes
  for (const auto& entry : fs::recursive_directory_iterator(testing::fixtures_dir())) {
    auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".yml" && ext != ".yaml")) continue;
    if (entry.path().parent_path().filename() == "support") continue;
    auto linted = testing::lint_file(entry.path());
    for (const Diagnostic& d : linted.analysis.diagnostics)
      for (const Fix& f : d.fixes) {
        seen[d.code].insert(applicability_name(f.applicability));
        ++counts[d.code + " " + applicability_name(f.applicability)];
      }
  }
  std::string measured;
  for (const auto& [key, n] : counts) measured += "  " + key + ": " + std::to_string(n) + "\n";
  EXPECT_EQ(seen, kPolicy) << "measured:\n" << dump(seen) << "fixes per code:\n" << measured;
}

TEST(FixApplicability, AGuessedRenameIsUnsafeAndARespellingIsSafe) {
  auto linted = testing::lint_text(
      "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
      "command: echo $<<inputs.x>>\n"
      "enviroment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
      "inputs:\n"
      "  x: 1\n"
      "environment_variables:\n"
      "  DEBUG: on\n",
      "job.yml");
  std::map<std::string, std::string> by_code;
  for (const Diagnostic& d : linted.analysis.diagnostics)
    if (!d.fixes.empty()) by_code[d.code] = applicability_name(d.fixes[0].applicability);
  EXPECT_EQ(by_code["unknown-key"], "unsafe");
  EXPECT_EQ(by_code["legacy-binding-syntax"], "safe");
  EXPECT_EQ(by_code["implicit-boolean"], "safe");
}

}  // namespace
}  // namespace amllint
