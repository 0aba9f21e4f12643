// What an edit costs in the editor: amlls re-analyses a document with the previous analysis at
// hand (AnalysisOptions::previous), so an edit inside one pipeline step should cost what that
// step costs, plus the whole-document passes (job model, bindings, rules). The documents are
// lspbench's 3,544-line pipeline (202 steps), its first 1k lines, and its steps repeated to 10k
// and 30k lines under new names. Each iteration makes lspbench's "typo-key" edit in a step in
// the middle of the file, or reverts it, and times analyze() of the result. `full_ms` is a
// whole-document analysis of the same text, for comparison; `reused` says the edit took the
// incremental path (1) or not (0).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "analyze.h"
#include "incremental/memo.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string& large_pipeline() {
  static const std::string text =
      read(fs::path(AMLLINT_SHARED_DIR) / "tools/lspbench/data/large/pipeline-200.yml");
  return text;
}

// The pipeline at about `lines` lines: cut after a step, or its steps repeated under new names
// (`-g031` becomes `-g031r2` in the second copy, bindings included).
std::string pipeline_of(int lines) {
  const std::string& base = large_pipeline();
  size_t jobs = base.find("\njobs:\n") + 7;
  std::string head = base.substr(0, jobs), steps = base.substr(jobs);
  std::string out = head;
  int copy = 0;
  auto count = [](const std::string& s) { return std::count(s.begin(), s.end(), '\n'); };
  while (count(out) < lines) {
    std::string block = copy == 0 ? steps
                                  : std::regex_replace(steps, std::regex("-g([0-9]{3})"),
                                                       "-g$1r" + std::to_string(copy));
    out += block;
    ++copy;
  }
  // Cut back at a step boundary near the target.
  size_t at = 0;
  int line = 0;
  for (size_t i = 0; i < out.size() && line < lines; ++i)
    if (out[i] == '\n') ++line, at = i + 1;
  size_t step = out.find("\n  ", at > 0 ? at - 1 : 0);
  while (step != std::string::npos && step + 3 < out.size() && out[step + 3] == ' ')
    step = out.find("\n  ", step + 1);
  if (step != std::string::npos) out.resize(step + 1);
  return out;
}

// lspbench's typo-key edit, in the step nearest the middle of the file.
std::string with_typo(const std::string& text) {
  size_t middle = text.size() / 2;
  size_t at = text.find("\n    type: ", middle);
  at = text.find('\n', at + 1) + 1;
  std::string out = text;
  out.insert(at, "    enviroment: azureml:foo:1\n");
  return out;
}

void BM_Edit(benchmark::State& state) {
  const std::string base = pipeline_of(static_cast<int>(state.range(0)));
  const std::string edited = with_typo(base);
  AnalysisOptions options;
  options.path = (fs::path(AMLLINT_SHARED_DIR) / "tools/lspbench/data/large/pipeline.yml").string();
  Document base_doc(base), edited_doc(edited);
  auto before = std::make_shared<const Analysis>(analyze(base_doc, options));
  auto after = std::make_shared<const Analysis>(analyze(edited_doc, options));
  bool flip = false;
  bool reused = true;
  for (auto _ : state) {
    AnalysisOptions o = options;
    o.previous = flip ? after : before;
    Analysis a = analyze(flip ? base_doc : edited_doc, o);
    reused = reused && a.memo && a.memo->reparsed && a.memo->revalidated;
    benchmark::DoNotOptimize(a.diagnostics.data());
    flip = !flip;
  }
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) benchmark::DoNotOptimize(analyze(edited_doc, options));
  double full =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() /
      3;
  state.counters["lines"] = static_cast<double>(std::count(base.begin(), base.end(), '\n'));
  state.counters["full_ms"] = full;
  state.counters["reused"] = reused ? 1 : 0;
}
BENCHMARK(BM_Edit)->Arg(1000)->Arg(3544)->Arg(10000)->Arg(30000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
