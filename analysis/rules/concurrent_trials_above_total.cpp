#include "rules/rule_sites.h"
#include "rules/rules.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"concurrent-trials-above-total", Severity::Warning,
     "`limits.max_concurrent_trials` is above `limits.max_total_trials`"},
};

class ConcurrentTrialsAboveTotal final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  void check(RuleContext& ctx) const override {
    for (const yaml::Node* sweep : sweep_sites(ctx.model)) {
      const yaml::Node* limits = sweep->get("limits");
      if (!limits || !limits->is_mapping()) continue;
      const yaml::Node* concurrent = limits->get("max_concurrent_trials");
      std::optional<long long> c = integer_value(concurrent);
      std::optional<long long> t = integer_value(limits->get("max_total_trials"));
      if (!c || !t || *c <= *t) continue;
      ctx.report(kCodes[0].code, concurrent->range,
                 "`max_concurrent_trials: " + std::to_string(*c) +
                     "` is above `max_total_trials: " + std::to_string(*t) + "`: no more than " +
                     std::to_string(*t) +
                     " trials ever run, so the setting cannot take effect (are the two " +
                     "values swapped?); lower it to at most " + std::to_string(*t));
    }
  }
};

}  // namespace

const Rule& concurrent_trials_above_total() {
  static const ConcurrentTrialsAboveTotal rule;
  return rule;
}

}  // namespace amllint::rules
