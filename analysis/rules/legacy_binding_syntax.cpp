// `$<<inputs.x>>`: an old spelling Azure ML no longer resolves, so the job receives the text
// itself. It is still resolved for navigation; here it is reported with the `${{...}}` fix.
#include "job_model.h"
#include "rules.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"legacy-binding-syntax", Severity::Warning,
     "`$<<inputs.x>>` is not resolved by Azure ML; write `${{inputs.x}}`"},
};

class LegacyBindingSyntax final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  void check(RuleContext& ctx) const override {
    for (const BoundExpression& e : ctx.model.bindings) {
      const Binding& b = e.binding;
      if (!b.legacy_angle) continue;
      Fix fix;
      fix.title = "Change to `" + b.replacement + "`";
      fix.edits.push_back({b.range, b.replacement});
      ctx.report(kCodes[0].code, b.range,
                 "`$<<" + b.path +
                     ">>` is not resolved by Azure ML: the job receives this text "
                     "as it is; write `" +
                     b.replacement + "`",
                 {fix});
    }
  }
};

}  // namespace

const Rule& legacy_binding_syntax() {
  static const LegacyBindingSyntax rule;
  return rule;
}

}  // namespace amllint::rules
