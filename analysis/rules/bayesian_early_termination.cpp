#include "rules/rule_sites.h"
#include "rules/rules.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"bayesian-early-termination", Severity::Error,
     "bayesian sampling combined with an early-termination policy, which it does not support"},
};

class BayesianEarlyTermination final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  void check(RuleContext& ctx) const override {
    for (const yaml::Node* sweep : sweep_sites(ctx.model)) {
      if (sampling_algorithm(*sweep) != "bayesian") continue;
      const yaml::Pair* policy = sweep->find_pair("early_termination");
      if (!policy || !policy->value || policy->value->is_null()) continue;
      ctx.report(kCodes[0].code, policy->key->range,
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
