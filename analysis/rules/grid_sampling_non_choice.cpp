#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "grid-sampling-non-choice";

class GridSamplingNonChoice final : public Rule {
 public:
  // Step-local (rule.h): each sweep (the job, or one sweep step) is judged on its own search space.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    for (const yaml::Node* sweep : sweep_sites(ctx.model)) {
      if (sampling_algorithm(*sweep) != "grid") continue;
      const yaml::Node* space = sweep->get("search_space");
      if (!space || !space->is_mapping()) continue;
      for (const yaml::Pair& p : space->pairs) {
        if (!p.key || !p.value || !p.value->is_mapping()) continue;
        const yaml::Node* type = p.value->get("type");
        if (!type || !type->is_scalar() || type->value == "choice") continue;
        ctx.report(kCode, type->range,
                   "grid sampling enumerates every combination, so it accepts only `choice` " +
                       std::string("parameters; `") + p.key->value + "` is `" + type->value +
                       "`: list its values with `type: choice`, or use `random` or `bayesian` " +
                       "sampling");
      }
    }
  }
};

}  // namespace

const Rule& grid_sampling_non_choice() {
  static const GridSamplingNonChoice rule;
  return rule;
}

}  // namespace amllint::rules
