// Completion inside `${{ }}` and the undefined-reference rules must agree on every name: each
// name completion offers is one the rules accept once inserted, and each name the rules accept
// (where they judge at all) is offered. Checked on every binding of the fixtures and corpus files
// with pipelines, components and sweeps: the cursor is put where the binding's name starts.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "environment.h"
#include "model/binding_scope.h"
#include "model/job_model.h"
#include "navigation/completion.h"
#include "navigation/tree_reading.h"
#include "navigation/typed_view.h"
#include "test_support.h"

namespace amllint::nav {
namespace {

namespace fs = std::filesystem;
using amllint::testing::lint_text;
using amllint::testing::read_file;

std::vector<fs::path> files_with_bindings() {
  std::vector<fs::path> out;
  const fs::path rules = amllint::testing::fixtures_dir() / "rules";
  for (const char* dir : {"undefined-input", "undefined-output", "undefined-step",
                          "undefined-step-output", "undefined-search-space", "unused-input",
                          "incompatible-port-type", "missing-required-input"}) {
    if (!fs::is_directory(rules / dir)) continue;
    for (const auto& e : fs::directory_iterator(rules / dir))
      if (e.path().extension() == ".yml") out.push_back(e.path());
  }
  const fs::path corpus = amllint::testing::corpus_dir();
  if (fs::is_directory(corpus))
    for (const auto& e : fs::recursive_directory_iterator(corpus)) {
      if (e.path().extension() != ".yml" && e.path().extension() != ".yaml") continue;
      std::string text = read_file(e.path());
      if (text.find("${{") != std::string::npos) out.push_back(e.path());
    }
  std::sort(out.begin(), out.end());
  return out;
}

bool undefined_at(const Analysis& a, uint32_t begin) {
  return std::any_of(a.diagnostics.begin(), a.diagnostics.end(), [&](const Diagnostic& d) {
    return d.code.starts_with("undefined-") && d.range.begin == begin;
  });
}

// The segment a binding's name starts at: the step of `parent.jobs.<s>`, else the looked-up
// name's first segment.
const BindingSegment* judged_segment(const Binding& b) {
  if (b.kind == BindingKind::ParentJob) {
    for (const BindingSegment& s : b.segments)
      if (s.range.begin == b.step_range.begin && !b.step.empty()) return &s;
    return nullptr;
  }
  switch (b.kind) {
    case BindingKind::Input:
    case BindingKind::Output:
    case BindingKind::ParentInput:
    case BindingKind::ParentOutput:
    case BindingKind::ParentJobOutput:
    case BindingKind::SearchSpace: return name_segment(b);
    default: return nullptr;
  }
}

struct Site {
  uint32_t begin = 0, end = 0;  // the judged segment
  std::string name;
};

TEST(NavigationAgreement, CompletionsInBindingsAreWhatTheRulesAccept) {
  size_t files = 0, sites = 0, offered = 0, accepted_checked = 0;
  for (const fs::path& path : files_with_bindings()) {
    const std::string text = read_file(path);
    auto linted = lint_text(text, path.string());
    const Analysis& a = linted.analysis;
    if (!a.model) continue;
    ++files;
    auto view = typed_view(a);
    std::vector<Site> todo;
    for (const BoundExpression& e : a.model->bindings) {
      const Binding& b = e.binding;
      if (b.implicit_parent || b.legacy_angle) continue;
      const BindingSegment* seg = judged_segment(b);
      if (!seg) continue;
      // The cursor context reads `${{` on the cursor's line.
      if (text.substr(b.range.begin, seg->range.begin - b.range.begin).find('\n') !=
          std::string::npos)
        continue;
      if (text.substr(seg->range.begin, seg->range.end - seg->range.begin) != seg->text) continue;
      todo.push_back({seg->range.begin, seg->range.end, seg->text});
    }
    for (const Site& s : todo) {
      ++sites;
      std::vector<CompletionItem> items = complete(linted.doc, a, *view, s.begin);
      std::set<std::string> labels;
      for (const CompletionItem& c : items) {
        if (c.kind != CompletionItem::Kind::Name && c.kind != CompletionItem::Kind::Step) continue;
        labels.insert(c.label);
        if (c.label == s.name) continue;  // already judged by `a`
        ++offered;
        std::string edited = text.substr(0, s.begin) + c.label + text.substr(s.end);
        auto again = lint_text(edited, path.string());
        EXPECT_FALSE(undefined_at(again.analysis, s.begin))
            << path << " at " << s.begin << ": offered `" << c.label << "` for `" << s.name
            << "` but the rules reject it";
      }
      if (undefined_at(a, s.begin)) {
        EXPECT_FALSE(labels.count(s.name))
            << path << ": offered `" << s.name << "`, which the rules reject here";
        continue;
      }
      // Accepted here. Where the rules judge names at all (a made-up one is reported), the
      // accepted name must be offered.
      std::string wrong = text.substr(0, s.begin) + "zz_no_such_name" + text.substr(s.end);
      if (!undefined_at(lint_text(wrong, path.string()).analysis, s.begin)) continue;
      ++accepted_checked;
      EXPECT_TRUE(labels.count(s.name)) << path << " at " << s.begin << ": the rules accept `"
                                        << s.name << "` but completion does not offer it";
    }
  }
  // The sets are not empty: the fixtures hold pipelines, components and sweeps.
  EXPECT_GT(files, 20u);
  EXPECT_GT(sites, 100u);
  EXPECT_GT(offered, 50u);
  EXPECT_GT(accepted_checked, 50u);
  std::printf(
      "files %zu, binding sites %zu, other names offered and linted %zu, accepted names "
      "checked %zu\n",
      files, sites, offered, accepted_checked);
}

// The scope that completion computes for a cursor is the one the job model gives the bindings
// written there.
TEST(NavigationAgreement, BindingPlaceIsTheModelsScope) {
  size_t checked = 0;
  for (const fs::path& path : files_with_bindings()) {
    auto linted = lint_text(read_file(path), path.string());
    const Analysis& a = linted.analysis;
    if (!a.model) continue;
    for (const BoundExpression& e : a.model->bindings) {
      TreePath tp = tree_path(*a.tree, e.scalar->range.begin);
      if (tp.key || tp.value != e.scalar) continue;  // an alias: written elsewhere
      BindingPlace place = place_at(*a.model, tp.tokens);
      EXPECT_EQ(place.scope, e.scope) << path << " " << e.pointer;
      EXPECT_EQ(place.owner, e.owner) << path << " " << e.pointer;
      EXPECT_EQ(place.step, e.step) << path << " " << e.pointer;
      ++checked;
    }
  }
  EXPECT_GT(checked, 200u);
}

// The disagreement this replaced: after `parent.jobs.<s>.outputs.` the names are the outputs the
// step's component declares, not those the step binds in the pipeline.
TEST(NavigationAgreement, StepOutputsAreTheComponentsDeclaredOnes) {
  const fs::path dir = fs::temp_directory_path() / ("amllint-nav-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "train.yml")
        << "type: command\nname: train\noutputs:\n  model_output:\n    type: uri_folder\n"
           "command: python train.py --out ${{outputs.model_output}}\n"
           "environment: azureml:env:1\n";
  }
  std::string text =
      "type: pipeline\n"
      "jobs:\n"
      "  train:\n"
      "    component: ./train.yml\n"
      "    outputs:\n"
      "      bound_in_pipeline: ${{parent.outputs.x}}\n"
      "  use:\n"
      "    type: command\n"
      "    command: echo ${{inputs.m}}\n"
      "    environment: azureml:env:1\n"
      "    inputs:\n"
      "      m: ${{parent.jobs.train.outputs.}}\n";
  auto linted = lint_text(text, (dir / "pipeline.yml").string());
  uint32_t cursor = static_cast<uint32_t>(text.find("outputs.}}") + 8);
  auto items = complete(linted.doc, linted.analysis, *typed_view(linted.analysis), cursor);
  std::vector<std::string> labels;
  for (const auto& c : items) labels.push_back(c.label);
  EXPECT_EQ(labels, std::vector<std::string>{"model_output"});
  fs::remove_all(dir);
}

// After `azureml:` every name offered is one unknown-asset accepts once inserted: the project's
// own specs of the kind the key names, and the curated environments.
TEST(NavigationAgreement, AzuremlNamesOfferedAreKnownAssets) {
  const fs::path dir =
      fs::temp_directory_path() / ("amllint-nav-assets-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "env.yml")
      << "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n"
         "name: my-env\nversion: 3\nimage: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\n";
  std::ofstream(dir / "compute.yml")
      << "$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json\n"
         "name: gpu-cluster\ntype: amlcompute\nsize: STANDARD_NC6\n";
  // Listed kinds make the index complete for them: then the rule judges every name.
  std::ofstream(dir / ".amllint.yaml")
      << "workspace:\n  computes: [cpu-cluster]\n  environments: [cfg-env]\n";
  const std::string path = (dir / "job.yml").string();
  auto env = make_disk_environment();
  size_t checked = 0;
  for (const std::string key : {"environment", "compute"}) {
    std::string text =
        "type: command\ncommand: echo hi\nenvironment: azureml:AzureML-x@latest\n"
        "compute: azureml:gpu-cluster\n";
    const std::string line = key + ": azureml:";
    size_t at = text.find(line);
    text.replace(at, text.find('\n', at) - at, line);
    const uint32_t cursor = static_cast<uint32_t>(at + line.size());
    auto linted = lint_text(text, path);
    auto items = complete(linted.doc, linted.analysis, *typed_view(linted.analysis), cursor, path,
                          env.get());
    std::set<std::string> labels;
    for (const CompletionItem& c : items) {
      ASSERT_EQ(c.kind, CompletionItem::Kind::Asset);
      labels.insert(c.label);
      std::string edited = text.substr(0, cursor) + c.label + text.substr(cursor);
      auto again = lint_text(edited, path);
      for (const Diagnostic& d : again.analysis.diagnostics)
        EXPECT_NE(d.code, "unknown-asset") << c.label << ": " << d.message;
      ++checked;
    }
    if (key == "compute") EXPECT_EQ(labels, (std::set<std::string>{"gpu-cluster", "cpu-cluster"}));
    if (key == "environment")
      EXPECT_TRUE(labels.count("my-env:3") && labels.count("my-env@latest") &&
                  labels.count("cfg-env@latest"));
    // The rule does judge names here: one nothing declares is reported.
    auto wrong = lint_text(text.substr(0, cursor) + "zz-nothing" + text.substr(cursor), path);
    EXPECT_TRUE(std::any_of(wrong.analysis.diagnostics.begin(), wrong.analysis.diagnostics.end(),
                            [](const Diagnostic& d) { return d.code == "unknown-asset"; }))
        << key;
  }
  EXPECT_GT(checked, 50u);  // the curated environments are offered too
  fs::remove_all(dir);
}

}  // namespace
}  // namespace amllint::nav
