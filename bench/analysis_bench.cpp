// The cost of each analysis stage per file of the shared corpus (Azure's examples, read in
// place): parse, typed JSON, schema validation, job model, and the whole analysis with rules.
// Items per second are files per second on one thread.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyze.h"
#include "environment.h"
#include "model/job_model.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"
#include "validation/file_kind.h"
#include "validation/schema_validate.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

struct CorpusFile {
  std::string path;
  Document doc;
  FileKind kind;
};

const std::vector<CorpusFile>& corpus() {
  static const std::vector<CorpusFile> files = [] {
    std::vector<CorpusFile> out;
    fs::path root = fs::path(AMLLINT_SHARED_DIR) / "corpus" / "azureml-examples";
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".yml" && ext != ".yaml")) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      Document doc(ss.str());
      yaml::Tree tree = yaml::parse(doc);
      FileKind kind = detect_kind(doc.text(), tree.root);
      out.push_back({e.path().string(), std::move(doc), kind});
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.path < b.path; });
    return out;
  }();
  return files;
}

template <typename Stage>
void over_corpus(benchmark::State& state, Stage stage) {
  const auto& files = corpus();
  for (auto _ : state)
    for (const CorpusFile& f : files) stage(f);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * files.size()));
  state.counters["files"] = static_cast<double>(files.size());
}

void BM_Parse(benchmark::State& state) {
  over_corpus(state, [](const CorpusFile& f) { benchmark::DoNotOptimize(yaml::parse(f.doc)); });
}

void BM_ParseAndTypedJson(benchmark::State& state) {
  over_corpus(state, [](const CorpusFile& f) {
    yaml::Tree tree = yaml::parse(f.doc);
    benchmark::DoNotOptimize(to_json(tree.root));
  });
}

void BM_SchemaValidation(benchmark::State& state) {
  std::vector<std::pair<FileKind, JsonView>> views;
  for (const CorpusFile& f : corpus()) {
    if (f.kind == FileKind::NotAzureMl) continue;
    yaml::Tree tree = yaml::parse(f.doc);
    views.emplace_back(f.kind, to_json(tree.root));
    validate_schema(f.kind, views.back().second);  // compile the schema outside the loop
  }
  for (auto _ : state)
    for (const auto& [kind, view] : views) benchmark::DoNotOptimize(validate_schema(kind, view));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * views.size()));
}

void BM_JobModel(benchmark::State& state) {
  auto env = make_disk_environment();
  over_corpus(state, [&](const CorpusFile& f) {
    yaml::Tree tree = yaml::parse(f.doc);
    benchmark::DoNotOptimize(build_job_model(f.doc, tree.root, f.kind, f.path, *env));
  });
}

void BM_Analyze(benchmark::State& state) {
  auto env = make_disk_environment();
  over_corpus(state, [&](const CorpusFile& f) {
    AnalysisOptions options;
    options.path = f.path;
    options.env = env;
    benchmark::DoNotOptimize(analyze(f.doc, options));
  });
}

}  // namespace

BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseAndTypedJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SchemaValidation)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JobModel)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Analyze)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
