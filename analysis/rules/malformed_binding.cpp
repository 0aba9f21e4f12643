// Binding expressions Azure ML cannot resolve: `${{` without `}}`, `${{}}`, spaces or empty names
// inside, `${{input.x}}`. The SDK finds bindings with `\$\{\{\s*(\S*)\s*\}\}` and, in a command
// component's `command`, looks every one up as an attribute path of the component: there an
// empty or unknown binding rejects the file (`invalid-binding`, an error). Elsewhere, and for
// text the pattern does not match, the text reaches the job verbatim and fails when it runs
// (`malformed-binding`, a warning).
#include <map>

#include "model/job_model.h"
#include "model/step_walk.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"
#include "suggest.h"

namespace amllint::rules {
namespace {

// The `command` scalars of command components in this file: the file itself, inline
// `component:` mappings of pipeline steps at any depth, and command steps written inline (no
// `component:`). `az ml job create` registers each inline step as an anonymous component and
// validates it first (ComponentOperations.create_or_update), with the same binding check as a
// component file: measured, `${{parent.inputs.x}}` in such a command is rejected there although
// the pipeline file itself loads and validates.
// Each command maps to whether it is written in a step (rather than in a component).
using Commands = std::map<const yaml::Node*, bool>;

void component_command(const JobModel& model, Commands& out) {
  if (model.kind == FileKind::CommandComponent && model.root && model.root->is_mapping())
    if (const yaml::Node* c = model.root->get("command"); c && c->is_scalar()) out[c] = false;
}

void component_commands(const JobModel& model, Commands& out) {
  component_command(model, out);
  walk_steps(model, [&](const Step& s, const JobModel&, int) {
    if (!s.inline_model) return;
    if (s.component && s.component->is_mapping()) {
      component_command(*s.inline_model, out);  // inline pipelines: walk_steps enters them
    } else if (!s.component && (s.type.empty() || s.type == "command") && s.node &&
               s.node->is_mapping()) {
      if (const yaml::Node* c = s.node->get("command"); c && c->is_scalar()) out[c] = true;
    }
  });
}

// What to write instead of a pipeline binding in a command: bind the value to a port of the
// step and read the port.
std::string rebinding_advice(const Binding& b) {
  std::string port = b.name.empty() ? std::string("x") : b.name;
  switch (b.kind) {
    case BindingKind::ParentInput:
    case BindingKind::ParentJobOutput:
      return "; bind it in the step (`inputs: {" + port + ": ${{" + b.path +
             "}}}`) and write `${{inputs." + port + "}}` here";
    case BindingKind::ParentOutput:
      return "; bind it in the step (`outputs: {" + port + ": ${{" + b.path +
             "}}}`) and write `${{outputs." + port + "}}` here";
    case BindingKind::SearchSpace:
      return "; a sweep step sets the component's inputs from its search space: write "
             "`${{inputs." +
             port + "}}`";
    default: return {};
  }
}

void scalars(const yaml::Node* n, std::vector<const yaml::Node*>& out, size_t& budget) {
  if (!n || budget == 0) return;
  --budget;
  if (n->is_scalar()) {
    if (may_contain_binding(n->value)) out.push_back(n);
  } else if (n->is_sequence()) {
    for (const yaml::Node* i : n->items) scalars(i, out, budget);
  } else if (n->is_mapping()) {
    for (const yaml::Pair& p : n->pairs)
      if (!p.merged) scalars(p.value, out, budget);
  }
}

std::string unknown_message(const Binding& b) {
  std::string head = b.segments.empty() ? std::string() : b.segments[0].text;
  std::string message = "`${{" + b.path + "}}` is not a binding Azure ML resolves";
  std::string close = closest_name(head, {"inputs", "outputs", "parent", "search_space", "jobs"});
  if (!close.empty()) return message + "; did you mean `" + close + "`?";
  return message +
         "; expected `inputs.<name>`, `outputs.<name>`, `parent.inputs.<name>`, "
         "`parent.outputs.<name>`, `parent.jobs.<step>.outputs.<name>` or `search_space.<name>`";
}

// A fix for a misspelt first word (`input.x` -> `inputs.x`), when there is a close one.
std::vector<Fix> head_fix(const Binding& b) {
  if (b.segments.empty()) return {};
  std::string close =
      closest_name(b.segments[0].text, {"inputs", "outputs", "parent", "search_space", "jobs"});
  if (close.empty()) return {};
  // A guessed word: another one may have been meant.
  return {Fix("Change to `" + close + "`", {{b.segments[0].range, close}}, Applicability::Unsafe)};
}

class MalformedBinding final : public Rule {
 public:
  // Step-local (rule.h): each finding is one value's own text, judged by the command it is in.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    Commands commands;
    component_commands(ctx.model, commands);

    std::vector<const yaml::Node*> values;
    size_t budget = 1'000'000;
    scalars(ctx.model.root, values, budget);
    for (const yaml::Node* scalar : values) {
      const bool strict = commands.count(scalar) > 0;
      auto scan = binding_scan_of(scalar->value);
      for (const BindingIssue& issue : scan->issues) {
        if (issue.kind == BindingIssueKind::EmptyOptional) continue;  // undocumented: no verdict
        TextRange range = ctx.value_range(*scalar, issue.range.begin, issue.range.end);
        const bool rejected = strict && issue.kind == BindingIssueKind::Empty;
        ctx.report(rejected ? "invalid-binding" : "malformed-binding", range,
                   issue.message + (rejected ? "; the SDK rejects it in a component's command"
                                             : "; Azure ML passes it to the job unresolved"));
      }
    }

    for (const BoundExpression& e : ctx.model.bindings) {
      const Binding& b = e.binding;
      if (b.legacy_angle) continue;  // legacy-binding-syntax reports these
      const bool strict = commands.count(e.scalar) > 0;
      if (b.kind == BindingKind::Unknown) {
        ctx.report(strict ? "invalid-binding" : "malformed-binding", b.range, unknown_message(b),
                   head_fix(b));
      } else if (strict &&
                 (b.kind == BindingKind::ParentInput || b.kind == BindingKind::ParentOutput ||
                  b.kind == BindingKind::ParentJob || b.kind == BindingKind::ParentJobOutput ||
                  b.kind == BindingKind::SearchSpace)) {
        const bool step = commands[e.scalar];
        ctx.report(
            "invalid-binding", b.range,
            "`${{" + b.path + "}}` cannot be resolved in a " + (step ? "step's" : "component's") +
                " command, which sees only its own `inputs` and `outputs`" + rebinding_advice(b));
      }
    }
  }
};

}  // namespace

const Rule& malformed_binding() {
  static const MalformedBinding rule;
  return rule;
}

}  // namespace amllint::rules
