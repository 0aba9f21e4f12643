// A rule that claims to be interface-local (Rule::interface_local) lets amlls re-run it on one
// edited step over the whole model: run limited to a step (RuleContext::only), it must find
// there exactly what a run over the whole file finds there, and nothing elsewhere. This checks
// the claim of every such rule on every pipeline of the corpus and the fixtures and on the
// editor benchmark's 202-step pipeline. That the other steps' findings depend on no more than
// step_interface() fingerprints is held by the random edits of incremental_test.cpp, and by the
// fingerprint tests below.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "environment.h"
#include "incremental/step_interface.h"
#include "model/job_model.h"
#include "rules/rule.h"
#include "syntax/yaml_tree.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

// "code begin-end: message" of each finding that starts inside `span` (or anywhere).
std::vector<std::string> findings(const std::vector<Diagnostic>& ds, const TextRange* span) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds)
    if (!span || span->contains(d.range.begin))
      out.push_back(d.code + " " + std::to_string(d.range.begin) + "-" +
                    std::to_string(d.range.end) + ": " + d.message);
  std::sort(out.begin(), out.end());
  return out;
}

// Checks one file; returns the number of steps checked.
int check_file(const fs::path& path, Environment& env) {
  amllint::testing::Linted linted = amllint::testing::lint_file(path);
  const Analysis& a = linted.analysis;
  if (!a.tree || !a.tree->root || !a.tree->root->is_mapping() || !a.model) return 0;
  const yaml::Pair* jobs = a.tree->root->find_pair("jobs");
  if (!jobs || !jobs->value || !jobs->value->is_mapping() || jobs->value->pairs.empty()) return 0;
  const std::string p = path.string();
  RuleContext ctx(linted.doc, *a.tree, *a.model, env, p);
  const std::vector<Diagnostic> whole = run_rules(ctx, RuleSet::InterfaceLocal).diagnostics;

  const auto& pairs = jobs->value->pairs;
  int checked = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    TextRange span{pairs[i].key->range.begin,
                   i + 1 < pairs.size() ? pairs[i + 1].key->range.begin : jobs->value->range.end};
    ctx.only = span;
    const std::vector<Diagnostic> limited = run_rules(ctx, RuleSet::InterfaceLocal).diagnostics;
    ctx.only.reset();
    EXPECT_EQ(findings(limited, nullptr), findings(whole, &span))
        << p << ": step `" << std::string_view(pairs[i].key->value) << "`";
    ++checked;
  }
  return checked;
}

uint64_t interface_of(const std::string& text) {
  amllint::testing::Linted linted = amllint::testing::lint_text(text);
  EXPECT_TRUE(linted.analysis.model);
  return linted.analysis.model ? incremental::step_interface(*linted.analysis.model) : 0;
}

}  // namespace

TEST(RuleInterfaceLocality, CorpusFixturesAndTheLargePipeline) {
  std::shared_ptr<Environment> env = make_disk_environment();
  int steps = 0;
  for (const fs::path& f : amllint::testing::pipeline_test_files()) steps += check_file(f, *env);
  EXPECT_GT(steps, 400);  // or this checks nothing
  int claimed = 0;
  for (const Rule* r : all_rules()) claimed += r->interface_local() && !r->step_local();
  EXPECT_GT(claimed, 0);
}

// What another step may read of a step changes the fingerprint; what it may not leaves it.
TEST(StepInterface, ChangesWithNamesTypesAndOutputsOnly) {
  const std::string head =
      "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
      "type: pipeline\njobs:\n";
  auto pipeline = [&](std::string_view a_name, std::string_view a_type, std::string_view output,
                      std::string_view command) {
    return head + "  " + std::string(a_name) + ":\n    type: " + std::string(a_type) +
           "\n    command: " + std::string(command) + "\n    outputs:\n      " +
           std::string(output) +
           ":\n        type: uri_folder\n  b:\n    type: command\n"
           "    command: echo ${{parent.jobs.a.outputs.out}}\n";
  };
  const uint64_t base = interface_of(pipeline("a", "command", "out", "echo 1"));
  EXPECT_EQ(interface_of(pipeline("a", "command", "out", "echo 2 && ls")), base);
  EXPECT_NE(interface_of(pipeline("a2", "command", "out", "echo 1")), base);
  EXPECT_NE(interface_of(pipeline("a", "parallel", "out", "echo 1")), base);
  EXPECT_NE(interface_of(pipeline("a", "command", "out2", "echo 1")), base);
}
