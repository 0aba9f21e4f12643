// Old binding spellings. `$<<inputs.x>>` is not resolved by Azure ML, so the job receives the
// text itself; it is still resolved for navigation and reported here with the `${{...}}` fix.
// `{inputs.x}` (single braces, no `$`) is the spelling of the 2021 CLI v2 preview: azure-ai-ml
// still rewrites it in the command of a command job and of a sweep job's trial (with a
// deprecation warning), where the fix cannot change what runs; in a component's or a pipeline
// step's command it stays text, like `${inputs.x}` anywhere.
#include "model/job_model.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "legacy-binding-syntax";

// Whether azure-ai-ml rewrites `{inputs.x}` in this command (map_single_brackets_and_warn is
// called by CommandJob and SweepJob only).
bool sdk_rewrites(const JobModel& model, const CommandSite& site) {
  if (!model.root || !model.root->is_mapping() || site.pipeline_step) return false;
  if (model.kind == FileKind::CommandJob) return site.holder == model.root;
  if (model.kind == FileKind::SweepJob) return site.holder == model.root->get("trial");
  return false;
}

void check_braces(RuleContext& ctx) {
  for (const CommandSite& site : command_sites(ctx.model)) {
    if (!site.command) continue;
    const bool rewritten = sdk_rewrites(ctx.model, site);
    for (const BraceBinding& b : find_brace_bindings(site.command->value)) {
      std::string old(site.command->value.substr(b.range.begin, b.range.end - b.range.begin));
      std::string message = "`" + old + "` is ";
      if (b.dollar) {
        message += "not a binding: Azure ML passes it to the job as text";
      } else if (rewritten) {
        message +=
            "the 2021 preview spelling of a binding; the CLI still rewrites it here, with a "
            "deprecation warning";
      } else {
        message +=
            "the 2021 preview spelling of a binding, which is not resolved in a component's or "
            "a pipeline step's command: the job receives this text as it is";
      }
      message += "; write `" + b.replacement() + "`";
      // Only where the SDK already reads it so does the fix keep what runs.
      Fix fix("Change to `" + b.replacement() + "`",
              {{ctx.value_range(*site.command, b.range.begin, b.range.end), b.replacement()}},
              rewritten && !b.dollar ? Applicability::Safe : Applicability::Unsafe);
      ctx.report(kCode, ctx.value_range(*site.command, b.range.begin, b.range.end),
                 std::move(message), {fix});
    }
  }
}

class LegacyBindingSyntax final : public Rule {
 public:
  // Step-local (rule.h): each finding is one value's own text.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    for (const BoundExpression& e : ctx.model.bindings) {
      const Binding& b = e.binding;
      if (!b.legacy_angle) continue;
      // `$<<x>>` can only mean the binding `${{x}}`: no guess.
      Fix fix("Change to `" + b.replacement + "`", {{b.range, b.replacement}}, Applicability::Safe);
      ctx.report(kCode, b.range,
                 "`$<<" + b.path +
                     ">>` is not resolved by Azure ML: the job receives this text "
                     "as it is; write `" +
                     b.replacement + "`",
                 {fix});
    }
    check_braces(ctx);
  }
};

}  // namespace

const Rule& legacy_binding_syntax() {
  static const LegacyBindingSyntax rule;
  return rule;
}

}  // namespace amllint::rules
