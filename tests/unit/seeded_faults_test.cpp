// Faults seeded into copies of real corpus files, linted through the whole analysis: each is
// reported on the right line, under the right code, with the right words, and nothing else is
// reported as an error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

struct Seed {
  const char* name;
  const char* file;  // under ../shared/corpus/azureml-examples/cli/jobs
  const char* from;  // text replaced (its first occurrence)
  const char* to;
  uint32_t line;  // 1-based line of the diagnostic
  const char* code;
  const char* words;  // part of the message
  Severity severity = Severity::Error;
};

const Seed kSeeds[] = {
    {"misspelt_key", "single-step/pytorch/iris/job.yml", "environment:", "enviroment:", 15,
     "unknown-key", "did you mean `environment`?"},
    {"wrong_enum", "pipelines/nyc-taxi/pipeline.yml", "mode: upload", "mode: uplod", 18,
     "invalid-enum", "`upload`"},
    {"wrong_type", "basics/hello-sweep.yml", "max_total_trials: 4", "max_total_trials: four", 26,
     "invalid-type", "integer"},
    {"missing_required_key", "basics/hello-sweep.yml", "  primary_metric: random_metric\n", "", 22,
     "missing-key", "`primary_metric`"},
    {"duplicate_key", "single-step/pytorch/iris/job.yml", "compute: azureml:cpu-cluster\n",
     "compute: azureml:cpu-cluster\ncompute: azureml:gpu-cluster\n", 16, "duplicate-key",
     "line 17 wins", Severity::Warning},
    {"syntax_error", "single-step/pytorch/iris/job.yml", "  epochs: 10\n", "  epochs: [10\n", 13,
     "syntax-error", "invalid YAML"},
    {"undefined_input", "single-step/pytorch/iris/job.yml", "--lr ${{inputs.lr}}",
     "--lr ${{inputs.lr_rate}}", 8, "undefined-input", "`lr_rate`"},
    {"undefined_step_output", "pipelines/nyc-taxi/pipeline.yml",
     "${{parent.jobs.prep_job.outputs.prep_data}}", "${{parent.jobs.prep_job.outputs.prepdata}}",
     30, "undefined-step-output", "did you mean `prep_data`?"},
    {"undefined_step", "pipelines/nyc-taxi/pipeline.yml",
     "${{parent.jobs.prep_job.outputs.prep_data}}", "${{parent.jobs.prep.outputs.prep_data}}", 30,
     "undefined-step", "`prep`"},
    {"legacy_binding", "single-step/pytorch/iris/job.yml", "--lr ${{inputs.lr}}",
     "--lr $<<inputs.lr>>", 8, "legacy-binding-syntax", "${{inputs.lr}}", Severity::Warning},
    {"undefined_search_space", "basics/hello-sweep.yml", "${{search_space.C}}",
     "${{search_space.D}}", 8, "undefined-search-space", "`D`"},
    {"sas_token", "single-step/pytorch/iris/job.yml",
     "https://azuremlexamples.blob.core.windows.net/datasets/iris.csv",
     "https://azuremlexamples.blob.core.windows.net/datasets/iris.csv?sv=2022-11-02&sr=b&"
     "sig=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA%3D",
     12, "secret-in-file", "SAS token"},
    {"malformed_datastore_uri", "pipelines/nyc-taxi/pipeline.yml", "path: ./data",
     "path: azureml://datastores/workspaceblobstore/data/raw", 15, "malformed-reference",
     "azureml://datastores/<datastore>/paths/<path>"},
    {"pip_install", "basics/hello-sweep.yml", "python hello-sweep.py",
     "pip install lightgbm && python hello-sweep.py", 5, "package-install-in-command",
     "pip install", Severity::Warning},
    {"hardcoded_name", "single-step/pytorch/iris/job.yml", "display_name:",
     "name: iris-run-1\ndisplay_name:", 17, "hardcoded-job-name", "unique", Severity::Warning},
    {"instance_count_without_distribution", "single-step/pytorch/iris/job.yml",
     "compute: azureml:cpu-cluster\n",
     "compute: azureml:cpu-cluster\nresources:\n  instance_count: 2\n", 18, "distribution-missing",
     "distribution", Severity::Warning},
    {"concurrent_above_total", "basics/hello-sweep.yml", "max_concurrent_trials: 2",
     "max_concurrent_trials: 8", 27, "concurrent-trials-above-total", "max_total_trials",
     Severity::Warning},
};

class SeededFault : public ::testing::TestWithParam<Seed> {};

// The file's whole folder is copied, so its code folders and components stay beside it.
fs::path copy_with_fault(const Seed& seed, fs::path& scratch) {
  fs::path source = amllint::testing::corpus_dir() / "cli" / "jobs" / seed.file;
  scratch = fs::temp_directory_path() /
            ("amllint-seed-" + std::string(seed.name) + "-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  fs::copy(source.parent_path(), scratch, fs::copy_options::recursive);
  fs::path copy = scratch / source.filename();
  std::string text = amllint::testing::read_file(copy);
  size_t at = text.find(seed.from);
  EXPECT_NE(at, std::string::npos) << seed.from;
  if (at != std::string::npos) text.replace(at, std::strlen(seed.from), seed.to);
  std::ofstream(copy, std::ios::binary | std::ios::trunc) << text;
  return copy;
}

}  // namespace

TEST_P(SeededFault, IsReportedOnItsLine) {
  const Seed& seed = GetParam();
  fs::path scratch;
  fs::path copy = copy_with_fault(seed, scratch);
  auto linted = amllint::testing::lint_file(copy);
  bool found = false;
  std::string others;
  for (const Diagnostic& d : linted.analysis.diagnostics) {
    std::string where = amllint::testing::describe(copy.filename().string(), linted.doc, d);
    if (d.code == seed.code && linted.doc.line_of(d.range.begin) + 1 == seed.line &&
        d.severity == seed.severity && d.message.find(seed.words) != std::string::npos) {
      found = true;
    } else if (d.severity == Severity::Error) {
      others += where + "\n";
    }
  }
  std::string all;
  for (const Diagnostic& d : linted.analysis.diagnostics)
    all += amllint::testing::describe(copy.filename().string(), linted.doc, d) + "\n";
  EXPECT_TRUE(found) << "expected " << seed.code << " on line " << seed.line << "; got:\n" << all;
  EXPECT_EQ(others, "");
  fs::remove_all(scratch);
}

INSTANTIATE_TEST_SUITE_P(Corpus, SeededFault, ::testing::ValuesIn(kSeeds),
                         [](const ::testing::TestParamInfo<Seed>& info) {
                           return std::string(info.param.name);
                         });
