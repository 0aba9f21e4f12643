// Every job and component file of Azure's examples that `az ml` accepts must lint with zero
// errors, every file it rejects with at least one, and the files that are not job specs with no
// diagnostics at all. Kinds come from ../shared/corpus/classification.csv (recorded by hand);
// verdicts from ../shared/corpus/sdk-verdicts.jsonl (azure-ai-ml 1.34's client-side validation,
// computed once with ../shared/tools/sdk-oracle: this test does not need the oracle).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;
using amllint::testing::corpus_dir;

namespace {

// path (relative to ../shared/corpus) -> accepted; files the SDK does not judge are absent.
std::map<std::string, bool> sdk_verdicts() {
  std::map<std::string, bool> out;
  std::ifstream in(corpus_dir().parent_path() / "sdk-verdicts.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.contains("path") || !row["accepted"].is_boolean()) continue;
    out[row["path"].get<std::string>()] = row["accepted"].get<bool>();
  }
  return out;
}

}  // namespace

TEST(Corpus, ValidFilesHaveNoErrorsAndOtherFilesNoDiagnostics) {
  auto rows = amllint::testing::classified_corpus_files();
  ASSERT_GT(rows.size(), 100u) << "corpus not found at " << corpus_dir();
  auto verdicts = sdk_verdicts();
  ASSERT_GT(verdicts.size(), 80u) << "sdk-verdicts.jsonl not found beside " << corpus_dir();
  std::string failures;
  size_t specs = 0, rejected = 0;
  for (const auto& row : rows) {
    fs::path path = corpus_dir().parent_path() / row.path;
    auto linted = amllint::testing::lint_file(path);
    FileKind want = amllint::testing::file_kind_of(row.kind);
    if (linted.analysis.kind != want)
      failures += row.path + ": detected as " + file_kind_name(linted.analysis.kind) +
                  ", classified " + row.kind + "\n";
    if (want != FileKind::NotAzureMl) ++specs;
    auto verdict = verdicts.find(row.path);
    bool sdk_rejects = verdict != verdicts.end() && !verdict->second;
    size_t errors = 0;
    for (const Diagnostic& d : linted.analysis.diagnostics) {
      errors += d.severity == Severity::Error;
      if (want == FileKind::NotAzureMl || (d.severity == Severity::Error && !sdk_rejects))
        failures += amllint::testing::describe(row.path, linted.doc, d) + "\n";
    }
    if (sdk_rejects) {
      ++rejected;
      if (errors == 0)
        failures += row.path + ": `az ml` rejects it, but amllint reports no error\n";
    }
  }
  EXPECT_GT(specs, 80u);
  // java/iris/job-template.yml names a code folder that is not in the repository.
  EXPECT_GE(rejected, 1u);
  EXPECT_EQ(failures, "");
}
