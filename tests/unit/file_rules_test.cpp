// Rules whose findings depend on folders too large to keep as fixtures (the snapshot limits), and
// the fix of hardcoded-job-name, which annotated fixtures do not check.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

class FileRules : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("amllint_file_rules_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "src");
    write("src/train.py", "print('train')\n");
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }
  amllint::testing::Linted lint(const std::string& yaml) {
    write("job.yml", yaml);
    return amllint::testing::lint_file(root_ / "job.yml");
  }
  static std::vector<const Diagnostic*> with_code(const Analysis& a, std::string_view code) {
    std::vector<const Diagnostic*> out;
    for (const Diagnostic& d : a.diagnostics)
      if (d.code == code) out.push_back(&d);
    return out;
  }

  fs::path root_;
};

constexpr const char* kJob =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
    "type: command\n"
    "display_name: snapshot\n"
    "experiment_name: tests\n"
    "code: src\n"
    "command: python train.py\n"
    "environment: azureml:AzureML-sklearn-1.5@latest\n";

TEST_F(FileRules, TooManyFilesIsReportedWithTheCount) {
  for (int i = 0; i < 2001; ++i) write("src/pkg/m" + std::to_string(i) + ".py", "x = 1\n");
  auto linted = lint(kJob);
  auto found = with_code(linted.analysis, "snapshot-too-large");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->severity, Severity::Warning);
  EXPECT_NE(found[0]->message.find("2002 files"), std::string::npos) << found[0]->message;
  EXPECT_EQ(linted.doc.line_of(found[0]->range.begin), 4u);
}

TEST_F(FileRules, OversizedFileIsReportedWithTheSize) {
  // A sparse file: 301 MB counted, no disk used.
  std::ofstream(root_ / "src/weights.bin").close();
  fs::resize_file(root_ / "src/weights.bin", 301ull * 1024 * 1024);
  auto linted = lint(kJob);
  auto found = with_code(linted.analysis, "snapshot-too-large");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0]->message.find("301.0 MB"), std::string::npos) << found[0]->message;
  // Over the limit, the data-file advice would only repeat it.
  EXPECT_TRUE(with_code(linted.analysis, "data-in-code-folder").empty());
}

TEST_F(FileRules, AmlignoredFilesDoNotCount) {
  for (int i = 0; i < 2001; ++i) write("src/cache/c" + std::to_string(i) + ".txt", "x");
  write("src/.amlignore", "cache/\n");
  auto linted = lint(kJob);
  EXPECT_TRUE(with_code(linted.analysis, "snapshot-too-large").empty());
}

TEST_F(FileRules, HardcodedNameFixDeletesTheWholeLine) {
  std::string yaml = kJob;
  yaml.insert(yaml.find("display_name"), "name: fixed-name  # comment\n");
  auto linted = lint(yaml);
  auto found = with_code(linted.analysis, "hardcoded-job-name");
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0]->fixes.size(), 1u);
  std::string fixed = linted.doc.text();
  for (auto it = found[0]->fixes[0].edits.rbegin(); it != found[0]->fixes[0].edits.rend(); ++it)
    fixed.replace(it->range.begin, it->range.end - it->range.begin, it->new_text);
  EXPECT_EQ(fixed, kJob);
}

TEST_F(FileRules, HardcodedNameInFlowMappingHasNoFix) {
  auto linted = lint(
      "{type: command, name: flow, display_name: d, experiment_name: e, code: src,"
      " command: python train.py, environment: 'azureml:env@latest'}\n");
  auto found = with_code(linted.analysis, "hardcoded-job-name");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0]->fixes.empty());
}

}  // namespace
