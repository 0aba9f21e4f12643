// How the cost of analysing one pipeline grows with its length: generated pipelines of 1k, 3.5k,
// 10k and 30k lines, each stage and each binding-heavy rule timed on its own. The figure to read
// is `us_per_line`: flat across sizes means linear, growing means something is superlinear.
// Wall times on a shared machine are noisy; for repeatable figures count instructions instead:
//   amllint_scaling_bench --write=DIR   writes the generated files (DIR/<lines>/pipeline.yml, and
//                                       with seeded schema mistakes DIR/<lines>-invalid/), then
//   valgrind --tool=callgrind amllint DIR/30000/pipeline.yml
// Each file has a folder of its own: amllint indexes the YAML files beside the one it checks.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "analyze.h"
#include "environment.h"
#include "model/job_model.h"
#include "rules/rule.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"
#include "validation/file_kind.h"
#include "validation/schema_validate.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

constexpr int kSizes[] = {1000, 3500, 10000, 30000};

// One step of each shape real pipelines have, in turn: an inline component (its own ports and
// command, one input it never reads), an inline command step, and a step that runs a registry
// component. Steps chain through `${{parent.jobs.<previous>.outputs.out}}`, and every step binds
// pipeline inputs, so bindings grow with the file as in real pipelines.
void append_step(std::string& out, int i) {
  const std::string n = std::to_string(i);
  const std::string prev = i == 0 ? std::string() : "step_" + std::to_string(i - 1);
  const std::string data =
      i == 0 ? "${{parent.inputs.raw_data}}" : "${{parent.jobs." + prev + ".outputs.out}}";
  out += "  step_" + n + ":\n";
  switch (i % 3) {
    case 0:
      out +=
          "    type: command\n"
          "    inputs:\n"
          "      data: " +
          data +
          "\n"
          "      rate: ${{parent.inputs.learning_rate}}\n"
          "      epochs: 10\n"
          "    outputs:\n"
          "      out:\n"
          "        type: uri_folder\n"
          "    component:\n"
          "      type: command\n"
          "      inputs:\n"
          "        data:\n"
          "          type: uri_folder\n"
          "        rate:\n"
          "          type: number\n"
          "        epochs:\n"
          "          type: integer\n"
          "          default: 5\n"
          "        verbose:\n"
          "          type: boolean\n"
          "          optional: true\n"
          "      outputs:\n"
          "        out:\n"
          "          type: uri_folder\n"
          "      environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
          "      command: >-\n"
          "        python train.py --data ${{inputs.data}} --rate ${{inputs.rate}}\n"
          "        --epochs ${{inputs.epochs}} --out ${{outputs.out}}\n";
      break;
    case 1:
      out +=
          "    type: command\n"
          "    environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
          "    command: >-\n"
          "      python prep.py --in ${{inputs.data}} --tag ${{inputs.tag}}\n"
          "      --out ${{outputs.out}}\n"
          "    inputs:\n"
          "      data: " +
          data +
          "\n"
          "      tag: ${{parent.inputs.tag}}\n"
          "    outputs:\n"
          "      out:\n"
          "        type: uri_folder\n";
      break;
    default:
      out +=
          "    component: azureml://registries/azureml/components/score/versions/1\n"
          "    inputs:\n"
          "      data: " +
          data +
          "\n"
          "      rate: ${{parent.inputs.learning_rate}}\n"
          "    outputs:\n"
          "      out: ${{parent.outputs.scored}}\n";
      break;
  }
  out += "\n";
}

// A pipeline job of at least `lines` lines.
std::string generate_pipeline(int lines) {
  std::string out =
      "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
      "type: pipeline\n"
      "display_name: generated-pipeline\n"
      "experiment_name: scaling-bench\n"
      "settings:\n"
      "  default_compute: azureml:cpu-cluster\n"
      "inputs:\n"
      "  raw_data:\n"
      "    type: uri_folder\n"
      "    path: azureml://datastores/workspaceblobstore/paths/raw/\n"
      "  learning_rate: 0.01\n"
      "  tag: nightly\n"
      "outputs:\n"
      "  scored:\n"
      "    type: uri_folder\n"
      "jobs:\n";
  for (int i = 0; std::count(out.begin(), out.end(), '\n') < lines; ++i) append_step(out, i);
  return out;
}

// A dozen schema mistakes of the kinds people make, each seeded into one step of the generated
// pipeline, spread over the file: misspelt keys and enum values, a wrong type, a bad step name.
struct Mistake {
  int shape;  // the step shape it fits (append_step's `i % 3`)
  const char* from;
  const char* to;
};
constexpr Mistake kMistakes[] = {
    {0, "      out:\n        type: uri_folder\n", "      out:\n        type: uri_foldr\n"},
    {1, "    command: >-", "    comand: >-"},
    {2, "    component: azureml:", "    componet: azureml:"},
    {0, "          optional: true", "          optional: maybe"},
    {1, "  step_", "  step-"},
    {0, "      environment: azureml", "      enviroment: azureml"},
    {1, "    environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest",
     "    environment: 42"},
    {0, "        data:\n          type: uri_folder", "        data:\n          type: uri_fodler"},
};

// The generated pipeline of `lines` lines with kMistakes seeded, twelve in all.
std::string generate_invalid_pipeline(int lines) {
  std::string out = generate_pipeline(lines);
  int steps = 0;
  for (size_t at = out.find("\n  step_"); at != std::string::npos;
       at = out.find("\n  step_", at + 1))
    ++steps;
  constexpr int kCount = 12;
  for (int k = 0; k < kCount; ++k) {
    const Mistake& m = kMistakes[k % std::size(kMistakes)];
    int i = (k + 1) * steps / (kCount + 1);
    i += (m.shape - i % 3 + 3) % 3;
    size_t begin = out.find("\n  step_" + std::to_string(i) + ":\n");
    if (begin == std::string::npos) continue;
    size_t end = out.find("\n  step_", begin + 1);
    size_t at = out.find(m.from, begin);
    if (at == std::string::npos || (end != std::string::npos && at > end)) continue;
    out.replace(at, std::strlen(m.from), m.to);
  }
  return out;
}

struct Generated {
  Document doc;
  int lines;
};

// The generated pipeline of `lines` lines, or with `invalid` the same with kMistakes seeded.
const Generated& pipeline(int lines, bool invalid = false) {
  static std::map<std::pair<int, bool>, std::unique_ptr<Generated>> cache;
  auto& slot = cache[{lines, invalid}];
  if (!slot) {
    std::string text = invalid ? generate_invalid_pipeline(lines) : generate_pipeline(lines);
    int n = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    slot = std::make_unique<Generated>(Generated{Document(std::move(text)), n});
  }
  return *slot;
}

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Runs `stage` once per iteration and reports its time per line of the file, in µs: wall time
// (`us_per_line`) and this thread's CPU time (`cpu_us_per_line`, steadier on a busy machine;
// it leaves out child processes such as shellcheck).
template <typename Stage>
void per_line(benchmark::State& state, const Generated& g, Stage stage) {
  double wall = 0, cpu = 0;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    double cpu_start = thread_cpu_seconds();
    stage();
    cpu += thread_cpu_seconds() - cpu_start;
    wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const double lines = static_cast<double>(state.iterations()) * g.lines;
  state.counters["lines"] = g.lines;
  state.counters["us_per_line"] = wall * 1e6 / lines;
  state.counters["cpu_us_per_line"] = cpu * 1e6 / lines;
}

void BM_Parse(benchmark::State& state) {
  const Generated& g = pipeline(static_cast<int>(state.range(0)));
  per_line(state, g, [&] { benchmark::DoNotOptimize(yaml::parse(g.doc)); });
}

void BM_TypedJson(benchmark::State& state) {
  const Generated& g = pipeline(static_cast<int>(state.range(0)));
  yaml::Tree tree = yaml::parse(g.doc);
  per_line(state, g, [&] { benchmark::DoNotOptimize(to_json(tree.root)); });
}

void BM_SchemaValidation(benchmark::State& state) {
  const Generated& g = pipeline(static_cast<int>(state.range(0)));
  yaml::Tree tree = yaml::parse(g.doc);
  JsonView view = to_json(tree.root);
  validate_schema(FileKind::PipelineJob, view);  // compile the schema outside the loop
  per_line(state, g,
           [&] { benchmark::DoNotOptimize(validate_schema(FileKind::PipelineJob, view)); });
}

// The same with a dozen schema mistakes: what an invalid file costs (every mistake explained).
void BM_SchemaValidationInvalid(benchmark::State& state) {
  const Generated& g = pipeline(static_cast<int>(state.range(0)), true);
  yaml::Tree tree = yaml::parse(g.doc);
  JsonView view = to_json(tree.root);
  auto diagnostics = validate_schema(FileKind::PipelineJob, view);
  state.counters["diagnostics"] = static_cast<double>(diagnostics.size());
  per_line(state, g,
           [&] { benchmark::DoNotOptimize(validate_schema(FileKind::PipelineJob, view)); });
}

void BM_JobModel(benchmark::State& state) {
  const Generated& g = pipeline(static_cast<int>(state.range(0)));
  yaml::Tree tree = yaml::parse(g.doc);
  auto env = make_disk_environment();
  per_line(state, g, [&] {
    benchmark::DoNotOptimize(build_job_model(g.doc, tree.root, FileKind::PipelineJob, "", *env));
  });
}

// One rule over the parsed file and its model (BM_Rule/<its first code>/<lines>); every rule is
// registered, so that a rule which grows faster than the file shows up by name.
void BM_Rule(benchmark::State& state, const Rule* rule) {
  const Generated& g = pipeline(static_cast<int>(state.range(0)));
  yaml::Tree tree = yaml::parse(g.doc);
  auto env = make_disk_environment();
  auto model = build_job_model(g.doc, tree.root, FileKind::PipelineJob, "", *env);
  per_line(state, g, [&] {
    RuleContext ctx(g.doc, tree, *model, *env, "");
    ctx.current_codes = rule->codes();
    rule->check(ctx);
    benchmark::DoNotOptimize(ctx.diagnostics);
  });
}

void BM_Analyze(benchmark::State& state) {
  const Generated& g = pipeline(static_cast<int>(state.range(0)));
  AnalysisOptions options;
  options.env = make_disk_environment();
  analyze(g.doc, options);  // compile the schema outside the loop
  per_line(state, g, [&] { benchmark::DoNotOptimize(analyze(g.doc, options)); });
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int n : kSizes) b->Arg(n);
  b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(BM_Parse)->Apply(sizes);
BENCHMARK(BM_TypedJson)->Apply(sizes);
BENCHMARK(BM_SchemaValidation)->Apply(sizes);
BENCHMARK(BM_SchemaValidationInvalid)->Apply(sizes);
BENCHMARK(BM_JobModel)->Apply(sizes);
BENCHMARK(BM_Analyze)->Apply(sizes);

// `--write=DIR` writes the generated pipelines for other tools (callgrind, amllint, amlls) and
// exits; anything else goes to Google Benchmark.
int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--write=", 8) != 0) continue;
    fs::path dir(argv[i] + 8);
    for (int n : kSizes) {
      fs::path folder = dir / std::to_string(n);
      fs::create_directories(folder);
      std::ofstream(folder / "pipeline.yml", std::ios::binary) << pipeline(n).doc.text();
      fs::path invalid = dir / (std::to_string(n) + "-invalid");
      fs::create_directories(invalid);
      std::ofstream(invalid / "pipeline.yml", std::ios::binary) << pipeline(n, true).doc.text();
    }
    return 0;
  }
  for (const Rule* rule : all_rules()) {
    std::string name = "BM_Rule/" + std::string(rule->codes().front().code);
    benchmark::RegisterBenchmark(name.c_str(), BM_Rule, rule)->Apply(sizes);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
