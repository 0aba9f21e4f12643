#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "missing-experiment-name";

class MissingExperimentName final : public Rule {
 public:
  // Step-local (rule.h): it reads the top level's keys only.
  bool step_local() const override { return true; }
  // Jobs only: components and pipeline steps are named by the job that runs them.
  void check(RuleContext& ctx) const override {
    const yaml::Node* root = ctx.model.root;
    if (!is_job(ctx.model.kind) || !root || !root->is_mapping() || root->pairs.empty()) return;
    if (sets_key_or_misspelling(*root, "experiment_name")) return;
    // On the `type` key, which every job shows near its top, else on the first key.
    const yaml::Pair* anchor = root->find_pair("type");
    if (!anchor || anchor->merged) anchor = &root->pairs.front();
    ctx.report(kCode, anchor->key->range,
               "no `experiment_name`: the job is filed under an experiment named after the folder "
               "it was submitted from, so runs of one project scatter or mix with others; set "
               "`experiment_name` to group its runs");
  }
};

}  // namespace

const Rule& missing_experiment_name() {
  static const MissingExperimentName rule;
  return rule;
}

}  // namespace amllint::rules
