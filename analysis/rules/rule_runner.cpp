// Runs rules over one context: in the registry's order, each reporting under its own codes.
#include <exception>
#include <utility>

#include "rules/rule.h"

namespace amllint {

namespace {

RuleSet set_of(const Rule& rule) {
  if (rule.step_local()) return RuleSet::StepLocal;
  if (rule.interface_local()) return RuleSet::InterfaceLocal;
  return RuleSet::Whole;
}

}  // namespace

RuleFindings run_rules(RuleContext& ctx, RuleSet set) {
  for (const Rule* rule : all_rules()) {
    if (set != RuleSet::All && set_of(*rule) != set) continue;
    if (ctx.cancel && ctx.cancel->load(std::memory_order_relaxed)) throw AnalysisCancelled{};
    ctx.current_codes = rule->codes();
    try {
      rule->check(ctx);
    } catch (const std::exception& e) {
      // A rule that trips over an input it did not foresee must not take the others down.
      ctx.diagnostics.push_back({{0, 0},
                                 Severity::Warning,
                                 std::string(rule->codes()[0].code),
                                 std::string("internal error in this rule: ") + e.what(),
                                 {}});
      ctx.rule_failed = true;
    }
  }
  return {std::exchange(ctx.diagnostics, {}), std::exchange(ctx.superseded, {}),
          std::exchange(ctx.rule_failed, false)};
}

}  // namespace amllint
