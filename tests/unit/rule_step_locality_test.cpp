// A rule that claims to be step-local (Rule::step_local) lets amlls re-run it on one edited step:
// its findings inside a step must be what it finds in a copy of the file whose `jobs` holds that
// step alone, and its findings outside the steps must not change either. This checks the claim
// of every such rule on every pipeline of the corpus and the fixtures, and on the editor
// benchmark's 202-step pipeline, independently of the random edits of incremental_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "environment.h"
#include "model/job_model.h"
#include "rules/rule.h"
#include "syntax/yaml_tree.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

// "code begin-end: message" of each finding that starts inside `span`, or outside every span.
std::vector<std::string> findings(const std::vector<Diagnostic>& ds, const TextRange* span,
                                  const std::vector<TextRange>& steps) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds) {
    bool in = span ? span->contains(d.range.begin)
                   : std::none_of(steps.begin(), steps.end(),
                                  [&](const TextRange& s) { return s.contains(d.range.begin); });
    if (in)
      out.push_back(d.code + " " + std::to_string(d.range.begin) + "-" +
                    std::to_string(d.range.end) + ": " + d.message);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Diagnostic> step_local_findings(const Document& doc, const yaml::Tree& tree,
                                            FileKind kind, const std::string& path,
                                            Environment& env) {
  auto model = build_job_model(doc, tree.root, kind, path, env);
  RuleContext ctx(doc, tree, *model, env, path);
  return run_rules(ctx, RuleSet::StepLocal).diagnostics;
}

// Checks one file; returns the number of steps checked.
int check_file(const fs::path& path, Environment& env) {
  amllint::testing::Linted linted = amllint::testing::lint_file(path);
  const Analysis& a = linted.analysis;
  if (!a.tree || !a.tree->root || !a.tree->root->is_mapping() || a.tree->has_aliases) return 0;
  const yaml::Pair* jobs = a.tree->root->find_pair("jobs");
  if (!jobs || !jobs->value || !jobs->value->is_mapping() || jobs->value->pairs.empty()) return 0;
  const std::string p = path.string();
  std::vector<Diagnostic> whole = step_local_findings(linted.doc, *a.tree, a.kind, p, env);

  // A step's span: from its key to the next step's key (the last one to the end of `jobs`).
  const auto& pairs = jobs->value->pairs;
  std::vector<TextRange> spans;
  for (size_t i = 0; i < pairs.size(); ++i)
    spans.push_back({pairs[i].key->range.begin, i + 1 < pairs.size() ? pairs[i + 1].key->range.begin
                                                                     : jobs->value->range.end});
  const std::vector<std::string> outside = findings(whole, nullptr, spans);
  for (size_t i = 0; i < pairs.size(); ++i) {
    yaml::Node one = *jobs->value;
    one.pairs = yaml::NodeList<yaml::Pair>(&pairs[i], 1);
    std::vector<yaml::Pair> root_pairs(a.tree->root->pairs.begin(), a.tree->root->pairs.end());
    for (yaml::Pair& p2 : root_pairs)
      if (p2.key == jobs->key) p2.value = &one;
    yaml::Node root = *a.tree->root;
    root.pairs = yaml::NodeList<yaml::Pair>(root_pairs.data(), root_pairs.size());
    yaml::Tree stand_in;
    stand_in.root = &root;
    std::vector<Diagnostic> alone = step_local_findings(linted.doc, stand_in, a.kind, p, env);
    EXPECT_EQ(findings(alone, &spans[i], spans), findings(whole, &spans[i], spans))
        << p << ": step `" << pairs[i].key->value << "` alone";
    EXPECT_EQ(findings(alone, nullptr, spans), outside)
        << p << ": outside the steps, with step `" << pairs[i].key->value << "` alone";
  }
  return static_cast<int>(pairs.size());
}

}  // namespace

TEST(RuleStepLocality, CorpusFixturesAndTheLargePipeline) {
  std::shared_ptr<Environment> env = make_disk_environment();
  int steps = 0;
  for (const fs::path& f : amllint::testing::pipeline_test_files()) steps += check_file(f, *env);
  // Hundreds of steps, or this checks nothing.
  EXPECT_GT(steps, 400);
}
