// Every valid job and component file of Azure's examples must lint with zero errors, and the
// files that are not job specs with no diagnostics at all (../shared/corpus/classification.csv).
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;
using amllint::testing::corpus_dir;

namespace {

struct Row {
  std::string path;  // relative to ../shared/corpus
  std::string kind;
};

std::vector<Row> classified_files() {
  std::vector<Row> rows;
  std::istringstream in(
      amllint::testing::read_file(corpus_dir().parent_path() / "classification.csv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.push_back(cell);
        cell.clear();
      } else {
        cell += c;
      }
    }
    cells.push_back(cell);
    if (cells.size() > 5) rows.push_back({cells[1], cells[5]});
  }
  return rows;
}

FileKind expected_kind(const std::string& kind) {
  static const std::map<std::string, FileKind> kinds = {
      {"command-job", FileKind::CommandJob},
      {"sweep-job", FileKind::SweepJob},
      {"pipeline-job", FileKind::PipelineJob},
      {"automl-job", FileKind::AutoMLJob},
      {"spark-job", FileKind::SparkJob},
      {"command-component", FileKind::CommandComponent},
      {"pipeline-component", FileKind::PipelineComponent},
      {"parallel-component", FileKind::ParallelComponent},
      {"spark-component", FileKind::SparkComponent},
      {"other", FileKind::NotAzureMl}};
  auto it = kinds.find(kind);
  return it == kinds.end() ? FileKind::NotAzureMl : it->second;
}

}  // namespace

TEST(Corpus, ValidFilesHaveNoErrorsAndOtherFilesNoDiagnostics) {
  auto rows = classified_files();
  ASSERT_GT(rows.size(), 100u) << "corpus not found at " << corpus_dir();
  std::string failures;
  size_t specs = 0;
  for (const Row& row : rows) {
    fs::path path = corpus_dir().parent_path() / row.path;
    auto linted = amllint::testing::lint_file(path);
    FileKind want = expected_kind(row.kind);
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
