#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "concurrent-trials-above-total";

class ConcurrentTrialsAboveTotal final : public Rule {
 public:
  // Step-local (rule.h): each sweep (the job, or one sweep step) is judged on its own limits.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    for (const yaml::Node* sweep : sweep_sites(ctx.model)) {
      const yaml::Node* limits = sweep->get("limits");
      if (!limits || !limits->is_mapping()) continue;
      const yaml::Node* concurrent = limits->get("max_concurrent_trials");
      std::optional<long long> c = integer_value(concurrent);
      std::optional<long long> t = integer_value(limits->get("max_total_trials"));
      if (!c || !t || *c <= *t) continue;
      ctx.report(kCode, concurrent->range,
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
