// Every valid job and component file of Azure's examples must lint with zero errors, and the
// files that are not job specs with no diagnostics at all (../shared/corpus/classification.csv).
#include <gtest/gtest.h>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;
using amllint::testing::corpus_dir;

TEST(Corpus, ValidFilesHaveNoErrorsAndOtherFilesNoDiagnostics) {
  auto rows = amllint::testing::classified_corpus_files();
  ASSERT_GT(rows.size(), 100u) << "corpus not found at " << corpus_dir();
  std::string failures;
  size_t specs = 0;
  for (const auto& row : rows) {
    fs::path path = corpus_dir().parent_path() / row.path;
    auto linted = amllint::testing::lint_file(path);
    FileKind want = amllint::testing::file_kind_of(row.kind);
    if (linted.analysis.kind != want)
      failures += row.path + ": detected as " + file_kind_name(linted.analysis.kind) +
                  ", classified " + row.kind + "\n";
    if (want != FileKind::NotAzureMl) ++specs;
    for (const Diagnostic& d : linted.analysis.diagnostics) {
      if (want == FileKind::NotAzureMl || d.severity == Severity::Error)
        failures += amllint::testing::describe(row.path, linted.doc, d) + "\n";
    }
  }
  EXPECT_GT(specs, 80u);
  EXPECT_EQ(failures, "");
}
