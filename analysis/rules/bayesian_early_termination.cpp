#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "bayesian-early-termination";

class BayesianEarlyTermination final : public Rule {
 public:
  // Step-local (rule.h): each sweep (the job, or one sweep step) is judged on its own keys.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    for (const yaml::Node* sweep : sweep_sites(ctx.model)) {
      if (sampling_algorithm(*sweep) != "bayesian") continue;
      const yaml::Pair* policy = sweep->find_pair("early_termination");
      if (!policy || !policy->value || policy->value->is_null()) continue;
      ctx.report(kCode, policy->key->range,
                 "bayesian sampling picks each trial from the results of completed ones and "
                 "does not support an early-termination policy; remove `early_termination` or "
                 "use `random` sampling");
    }
  }
};

}  // namespace

const Rule& bayesian_early_termination() {
  static const BayesianEarlyTermination rule;
  return rule;
}

}  // namespace amllint::rules
