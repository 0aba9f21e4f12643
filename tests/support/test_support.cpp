#include "test_support.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace amllint::testing {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path shared_dir() {
  return AMLLINT_SHARED_DIR;
}
std::filesystem::path corpus_dir() {
  return shared_dir() / "corpus" / "azureml-examples";
}
std::filesystem::path fixtures_dir() {
  return std::filesystem::path(AMLLINT_TEST_DATA) / "fixtures";
}

std::vector<ClassifiedFile> classified_corpus_files() {
  std::vector<ClassifiedFile> rows;
  std::istringstream in(read_file(corpus_dir().parent_path() / "classification.csv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    // set,path,source_repo,source_commit,source_path,kind,...: the first six hold no commas.
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; cells.size() < 6 && std::getline(row, cell, ',');) cells.push_back(cell);
    if (cells.size() == 6) rows.push_back({cells[1], cells[5]});
  }
  return rows;
}

FileKind file_kind_of(const std::string& classification) {
  static const std::map<std::string, FileKind> kinds = {
      {"command-job", FileKind::CommandJob},
      {"sweep-job", FileKind::SweepJob},
      {"pipeline-job", FileKind::PipelineJob},
      {"automl-job", FileKind::AutoMLJob},
      {"spark-job", FileKind::SparkJob},
      {"command-component", FileKind::CommandComponent},
      {"pipeline-component", FileKind::PipelineComponent},
      {"parallel-component", FileKind::ParallelComponent},
      {"spark-component", FileKind::SparkComponent}};
  auto it = kinds.find(classification);
  return it == kinds.end() ? FileKind::NotAzureMl : it->second;
}

Linted lint_file(const std::filesystem::path& path) {
  Linted out{Document(read_file(path)), {}};
  out.analysis = analyze(out.doc, {path.string()});
  return out;
}

Linted lint_text(std::string text, const std::string& path) {
  Linted out{Document(std::move(text)), {}};
  out.analysis = analyze(out.doc, {path});
  return out;
}

std::string describe(const std::string& path, const Document& doc, const Diagnostic& d) {
  LineCol p = doc.to_codepoints(d.range.begin);
  return path + ":" + std::to_string(p.line + 1) + ":" + std::to_string(p.column + 1) + ": " +
         severity_name(d.severity) + ": " + d.message + " [" + d.code + "]";
}

std::vector<std::filesystem::path> pipeline_test_files() {
  std::vector<std::filesystem::path> out;
  for (const std::filesystem::path& dir : {shared_dir() / "corpus", fixtures_dir()}) {
    std::vector<std::filesystem::path> found;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
      if (e.is_regular_file() &&
          (e.path().extension() == ".yml" || e.path().extension() == ".yaml"))
        found.push_back(e.path());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  out.push_back(shared_dir() / "tools/lspbench/data/large/pipeline-200.yml");
  return out;
}

}  // namespace amllint::testing
