// Every valid job/component file of the shared corpus must pass schema validation untouched.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "document.h"
#include "json_view.h"
#include "schema_validate.h"
#include "yaml_tree.h"

using namespace amllint;

namespace {

const std::string kCorpus = std::string(AMLLINT_SHARED_DIR) + "/corpus";

struct CorpusFile {
  std::string path;  // relative to kCorpus
  FileKind kind;
};

// Kinds as recorded by hand in classification.csv (not by our own detection, which is tested
// elsewhere), so that this test judges the schemas alone.
std::vector<CorpusFile> corpus_files() {
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
  std::vector<CorpusFile> files;
  std::ifstream csv(kCorpus + "/classification.csv");
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) {
    // set,path,source_repo,source_commit,source_path,kind,...: paths and kinds hold no commas.
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; cells.size() < 6 && std::getline(row, cell, ',');) cells.push_back(cell);
    if (cells.size() < 6) continue;
    auto it = kinds.find(cells[5]);
    if (it != kinds.end()) files.push_back({cells[1], it->second});
  }
  return files;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Loaded {
  Document doc;
  yaml::Tree tree;
  JsonView view;
  explicit Loaded(std::string text)
      : doc(std::move(text)), tree(yaml::parse(doc)), view(to_json(tree.root)) {}
};

}  // namespace

TEST(SchemaCorpus, EveryValidJobAndComponentPasses) {
  auto files = corpus_files();
  ASSERT_GE(files.size(), 90u) << "classification.csv not found or changed under " << kCorpus;
  size_t failures = 0;
  for (const auto& f : files) {
    Loaded l(read_file(kCorpus + "/" + f.path));
    ASSERT_FALSE(l.tree.syntax_error) << f.path;
    auto diagnostics = validate_schema(f.kind, l.view);
    for (const auto& d : diagnostics) {
      auto pos = l.doc.to_utf8(d.range.begin);
      ADD_FAILURE() << f.path << ":" << pos.line + 1 << ":" << pos.column + 1 << ": [" << d.code
                    << "] " << d.message;
    }
    failures += !diagnostics.empty();
  }
  EXPECT_EQ(failures, 0u) << "of " << files.size() << " files";
}

// Validation runs on every keystroke in the editor: keep it in tens of microseconds per job.
TEST(SchemaCorpus, ValidationIsFast) {
  auto files = corpus_files();
  std::vector<std::unique_ptr<Loaded>> loaded;
  for (const auto& f : files) {
    loaded.push_back(std::make_unique<Loaded>(read_file(kCorpus + "/" + f.path)));
    validate_schema(f.kind, loaded.back()->view);  // compile schemas outside the timing
  }
  const int rounds = 20;
  auto start = std::chrono::steady_clock::now();
  size_t count = 0;
  for (int r = 0; r < rounds; ++r)
    for (size_t i = 0; i < files.size(); ++i)
      count += validate_schema(files[i].kind, loaded[i]->view).size();
  auto us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      (rounds * files.size());
  std::cout << "schema validation: " << us << " us per file (" << files.size() << " files)\n";
  EXPECT_EQ(count, 0u);
  EXPECT_LT(us, 500.0);
}
