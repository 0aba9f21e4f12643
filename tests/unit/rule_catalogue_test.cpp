// The catalogue is what `--list-rules`, `--explain`, SARIF and `.amllint.yaml` rely on: every
// code has its page, every rule its fixtures that do and do not trigger it.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "rules/rule.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

TEST(RuleCatalogue, EveryCodeHasADocumentationPage) {
  for (const RuleInfo& info : rule_catalogue()) {
    std::string_view doc = rule_documentation(info.code);
    EXPECT_FALSE(doc.empty()) << "docs/rules/" << info.code << ".md is missing";
    EXPECT_NE(doc.find("# " + std::string(info.code)), std::string_view::npos) << info.code;
    EXPECT_FALSE(info.summary.empty()) << info.code;
  }
}

TEST(RuleCatalogue, EveryPageDocumentsACode) {
  fs::path docs = fs::path(AMLLINT_TEST_DATA).parent_path() / "docs" / "rules";
  for (const auto& entry : fs::directory_iterator(docs)) {
    std::string code = entry.path().stem().string();
    EXPECT_NE(find_rule(code), nullptr) << entry.path() << " documents no code";
  }
}

TEST(RuleCatalogue, CodesAreUniqueAndWellFormed) {
  std::set<std::string_view> seen;
  for (const RuleInfo& info : rule_catalogue()) {
    EXPECT_TRUE(seen.insert(info.code).second) << info.code << " is listed twice";
    for (char c : info.code) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << info.code;
  }
}

// Codes whose positive case cannot be a checked-in file; where it is tested instead.
const std::set<std::string_view> kGeneratedPositives = {
    "snapshot-too-large",  // 2,001 files or 300 MB: tests/unit/file_rules_test.cpp
};

TEST(RuleCatalogue, EveryRuleHasFixturesThatDoAndDoNotTriggerIt) {
  fs::path root = amllint::testing::fixtures_dir() / "rules";
  for (const Rule* rule : all_rules()) {
    for (const RuleInfo& info : rule->codes()) {
      fs::path dir = root / std::string(info.code);
      bool positive = false, negative = false;
      if (fs::is_directory(dir)) {
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
          if (!entry.is_regular_file() || entry.path().parent_path().filename() == "support")
            continue;
          auto ext = entry.path().extension();
          if (ext != ".yml" && ext != ".yaml") continue;
          std::string text = amllint::testing::read_file(entry.path());
          bool expects = text.find(" " + std::string(info.code) + " \"") != std::string::npos;
          (expects ? positive : negative) = true;
        }
      }
      if (kGeneratedPositives.count(info.code)) positive = true;
      EXPECT_TRUE(positive) << info.code << ": no fixture in " << dir << " expects it";
      EXPECT_TRUE(negative) << info.code << ": no fixture in " << dir
                            << " shows where it stays silent";
    }
  }
}
