// Completion of keys and values inside pipeline steps (issue 12): every step of a pipeline gets
// its type's keys, also when the step's name or `type` is wrong, when it has no `type`, and a
// `component:` step gets its component's port names.
#include "navigation/completion.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "model/job_model.h"
#include "navigation/schema_facts.h"
#include "navigation/typed_view.h"
#include "syntax/json_view.h"
#include "test_support.h"

namespace amllint::nav {
namespace {

namespace fs = std::filesystem;
using amllint::testing::lint_text;
using amllint::testing::read_file;

std::vector<std::string> labels_of(const std::vector<CompletionItem>& items) {
  std::vector<std::string> out;
  for (const auto& c : items) out.push_back(c.label);
  std::sort(out.begin(), out.end());
  return out;
}

bool has(const std::vector<std::string>& labels, const std::string& l) {
  return std::find(labels.begin(), labels.end(), l) != labels.end();
}

// The cursor is where `|` stands; it is removed from the text.
std::vector<std::string> complete_at(std::string text, const std::string& path = "inline.yml") {
  size_t bar = text.find('|');
  text.erase(bar, 1);
  auto linted = lint_text(text, path);
  return labels_of(complete(linted.doc, linted.analysis, *typed_view(linted.analysis),
                            static_cast<uint32_t>(bar)));
}

const fs::path kLarge =
    amllint::testing::shared_dir() / "tools/lspbench/data/large/pipeline-200.yml";

// lspbench's in-step position (scenario-azureml.json, "new key in step (line ~1500)"): a new
// line after `train-job-g031:` / `type: command`. The peer offers 20 items; we offered none,
// since the step's name has hyphens and so matched no step of the schema.
TEST(Completion, NewKeyInAStepOfTheLargePipeline) {
  if (!fs::exists(kLarge)) GTEST_SKIP() << "no " << kLarge;
  std::string text = read_file(kLarge);
  const std::string anchor = "  train-job-g031:\n    type: command";
  size_t at = text.find(anchor);
  ASSERT_NE(at, std::string::npos);
  at += anchor.size();
  text.insert(at, "\n    ");
  auto linted = lint_text(text, kLarge.string());
  auto view = typed_view(linted.analysis);
  const uint32_t cursor = static_cast<uint32_t>(at + 5);
  auto start = std::chrono::steady_clock::now();
  auto items = complete(linted.doc, linted.analysis, *view, cursor);
  auto took = std::chrono::steady_clock::now() - start;
  auto labels = labels_of(items);
  for (const char* want : {"distribution", "resources", "display_name", "limits"})
    EXPECT_TRUE(has(labels, want)) << want;
  // Keys the step already has are not offered again (lspbench expects `compute`, which the
  // step has: offering it would write a duplicate key).
  for (const char* present :
       {"type", "inputs", "outputs", "code", "environment", "command", "compute"})
    EXPECT_FALSE(has(labels, present)) << present;
  std::printf("[ figures  ] completion in step train-job-g031 of %u lines: %zu items, %.2f ms\n",
              linted.doc.line_count(), items.size(),
              std::chrono::duration<double, std::milli>(took).count());
}

// Every step of the large pipeline, whatever its type (`command`, the preview's `component` and
// `component_job`, none), offers keys at its first key's column.
TEST(Completion, EveryStepOfTheLargePipelineOffersKeys) {
  if (!fs::exists(kLarge)) GTEST_SKIP() << "no " << kLarge;
  auto linted = amllint::testing::lint_file(kLarge);
  auto view = typed_view(linted.analysis);
  ASSERT_TRUE(linted.analysis.model);
  size_t steps = 0;
  double total_ms = 0;
  for (const Step& s : linted.analysis.model->steps) {
    ASSERT_TRUE(s.node && s.node->is_mapping() && !s.node->pairs.empty()) << s.name;
    // At the start of the step's first key: a new key of the step.
    const uint32_t cursor = s.node->pairs.front().key->range.begin;
    auto start = std::chrono::steady_clock::now();
    auto labels = labels_of(complete(linted.doc, linted.analysis, *view, cursor));
    total_ms +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(has(labels, "tags") && has(labels, "identity")) << s.name;
    ++steps;
  }
  EXPECT_GE(steps, 200u);
  std::printf("[ figures  ] %zu steps, completion %.2f ms per step\n", steps, total_ms / steps);
}

TEST(Completion, MisspeltStepTypeOffersTheClosestTypesKeys) {
  auto labels = complete_at(
      "type: pipeline\njobs:\n  train:\n    type: comand\n    |\n    command: echo hi\n");
  for (const char* want : {"environment", "code", "distribution", "resources", "compute"})
    EXPECT_TRUE(has(labels, want)) << want;
  EXPECT_FALSE(has(labels, "command"));
  EXPECT_FALSE(has(labels, "trial"));  // a sweep key
  // A sweep step misspelt reads as a sweep.
  labels = complete_at("type: pipeline\njobs:\n  tune:\n    type: swep\n    |\n");
  EXPECT_TRUE(has(labels, "trial"));
  EXPECT_TRUE(has(labels, "search_space"));
  EXPECT_FALSE(has(labels, "command"));
}

// `tr` typed below `type: sweep` makes YAML read the type as `sweep tr`: still a sweep.
TEST(Completion, KeyTypedBelowTheTypeLineKeepsTheType) {
  auto labels = complete_at("type: pipeline\njobs:\n  tune:\n    type: sweep\n    tr|\n");
  EXPECT_TRUE(has(labels, "trial"));
  EXPECT_FALSE(has(labels, "command"));
}

TEST(Completion, UnknownStepTypeOffersTheDefaultsKeys) {
  auto labels = complete_at("type: pipeline\njobs:\n  train:\n    type: xyzzy\n    |\n");
  EXPECT_TRUE(has(labels, "command"));
  EXPECT_TRUE(has(labels, "environment"));
}

TEST(Completion, StepTypeValuesAreOffered) {
  auto all = SchemaLookup::step_types();
  ASSERT_GE(all.size(), 10u);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(complete_at("type: pipeline\njobs:\n  train-1:\n    type: |\n"), all);
  EXPECT_EQ(complete_at("type: pipeline\njobs:\n  train:\n    type: comand|\n"), all);
  EXPECT_EQ(complete_at("type: pipeline\njobs:\n  train:\n    type: xyzzy|\n"), all);
}

TEST(Completion, StepWithoutTypeIsACommandStep) {
  auto labels = complete_at("type: pipeline\njobs:\n  train:\n    command: echo hi\n    |\n");
  EXPECT_TRUE(has(labels, "environment"));
  EXPECT_TRUE(has(labels, "distribution"));
  EXPECT_FALSE(has(labels, "command"));
}

// A step without `type` runs as its component's type (the SDK oracle accepts
// `mini_batch_size` in a step whose component is a parallel one), and under `inputs:` it is
// offered the component's input names.
TEST(Completion, ComponentStepTakesTheComponentsTypeAndPorts) {
  const fs::path dir =
      fs::temp_directory_path() / ("amllint-completion-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "par.yml") << "type: parallel\n"
                                    "inputs:\n"
                                    "  input_data:\n    type: mltable\n"
                                    "  threshold:\n    type: integer\n    default: 5\n"
                                    "outputs:\n  scored:\n    type: uri_folder\n"
                                    "input_data: ${{inputs.input_data}}\n"
                                    "task:\n  type: run_function\n  code: ./src\n"
                                    "  entry_script: score.py\n  environment: azureml:env:1\n";
  const std::string path = (dir / "pipeline.yml").string();
  auto labels =
      complete_at("type: pipeline\njobs:\n  score:\n    component: ./par.yml\n    |\n", path);
  EXPECT_TRUE(has(labels, "mini_batch_size"));
  EXPECT_TRUE(has(labels, "max_concurrency_per_instance"));
  labels = complete_at(
      "type: pipeline\njobs:\n  score:\n    component: ./par.yml\n    inputs:\n"
      "      threshold: 3\n      |\n",
      path);
  EXPECT_EQ(labels, std::vector<std::string>{"input_data"});
  labels = complete_at(
      "type: pipeline\njobs:\n  score:\n    component: ./par.yml\n    outputs:\n      |\n", path);
  EXPECT_EQ(labels, std::vector<std::string>{"scored"});
  fs::remove_all(dir);
}

// An inline component's `type:` gives the step's.
TEST(Completion, InlineComponentGivesTheStepsType) {
  auto labels =
      complete_at("type: pipeline\njobs:\n  s:\n    component:\n      type: parallel\n    |\n");
  EXPECT_TRUE(has(labels, "mini_batch_size"));
}

}  // namespace
}  // namespace amllint::nav
