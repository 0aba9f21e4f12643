// Names in binding expressions that nothing declares: `${{inputs.learnin_rate}}`, a step or a
// step output that does not exist. The SDK rejects them (a component's command is checked name
// by name; pipeline bindings must resolve to a node), so they are errors — but only where every
// candidate name is visible in the file.
#include <algorithm>

#include "model/binding_scope.h"
#include "rules/rule.h"
#include "suggest.h"

namespace amllint::rules {
namespace {

std::string quoted_list(const std::vector<std::string>& names) {
  if (names.empty()) return "none is declared";
  std::string out = "declared: ";
  for (size_t i = 0; i < names.size() && i < 8; ++i) out += (i ? ", `" : "`") + names[i] + "`";
  if (names.size() > 8) out += ", ...";
  return out;
}

// The closest candidate by spelling, or else the only one that extends `word` or that `word`
// extends (`model` for `model_output`): a shortened name is as common as a typo.
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  std::string close = closest_name(word, candidates);
  if (!close.empty() || word.size() < 3) return close;
  for (const std::string& c : candidates) {
    if (c.size() < 3 || (!c.starts_with(word) && !word.starts_with(c))) continue;
    if (!close.empty()) return {};
    close = c;
  }
  return close;
}

// Reports `wrong` (a segment of a binding) as not among `candidates`, with the closest one.
void report_name(RuleContext& ctx, std::string_view code, const BindingSegment& wrong,
                 std::string what, const std::vector<std::string>& candidates) {
  std::string close = suggestion(wrong.text, candidates);
  std::string message = "`" + wrong.text + "` is not " + what;
  std::vector<Fix> fixes;
  if (!close.empty()) {
    message += "; did you mean `" + close + "`?";
    // The closest name is a guess: the user may have meant to declare `wrong` instead.
    fixes.push_back({"Change to `" + close + "`", {{wrong.range, close}}, Applicability::Unsafe});
  } else {
    message += " (" + quoted_list(candidates) + ")";
  }
  ctx.report(code, wrong.range, std::move(message), std::move(fixes));
}

bool is_search_parameter(const JobModel* model, std::string_view name) {
  return model && model->kind == FileKind::SweepJob && model->parameter(name);
}

// `${{inputs.C}}` in a sweep's trial where `C` is only a search-space parameter. The trial reads
// parameters as `${{search_space.C}}`; `az ml job create` checks every `${{inputs.x}}` of the trial
// command against the job's inputs before it submits (SweepJob._to_rest_object, measured: "Inputs
// to job does not contain 'C' referenced in command"). In an optional block the SDK skips the
// check and the block is dropped: nothing to call an error there.
void report_search_parameter_as_input(RuleContext& ctx, const BoundExpression& e,
                                      const BindingSegment& name) {
  const Binding& b = e.binding;
  if (b.in_optional_block() || b.segments.empty()) return;
  // No guess: the name is exact and the search space is the only place that declares it.
  Fix fix("Change to `${{search_space." + b.name + "}}`", {{b.segments[0].range, "search_space"}},
          Applicability::Safe);
  ctx.report("undefined-input", name.range,
             "`" + name.text +
                 "` is not an input of this sweep job but a parameter of its `search_space`, "
                 "which the trial reads as `${{search_space." +
                 b.name + "}}`",
             {fix});
}

void check_port(RuleContext& ctx, const BoundExpression& e, const Lookup& lookup) {
  const BindingSegment* seg = name_segment(e.binding);
  if (!seg || !lookup.ports.known() || lookup.ports.find(seg->text)) return;
  std::string_view code;
  std::string what;
  switch (lookup.kind) {
    case LookupKind::Inputs:
      if (is_search_parameter(lookup.model, seg->text)) {
        report_search_parameter_as_input(ctx, e, *seg);
        return;
      }
      code = "undefined-input";
      what = "an input of " + lookup.where();
      break;
    case LookupKind::Outputs:
      code = "undefined-output";
      what = "an output of " + lookup.where();
      break;
    case LookupKind::SearchSpace:
      code = "undefined-search-space";
      what = "a parameter of the `search_space` of " + lookup.where();
      break;
    default: return;
  }
  report_name(ctx, code, *seg, std::move(what), lookup.ports.names());
}

// An AutoML step has no component whose ports would list its outputs: the service produces
// `best_model` (which real files declare under the step's `outputs:`, or bind without one).
// Other outputs it may produce are not known here, so only a near miss of a known name — a typo
// such as `best_modle` — is reported.
void check_automl_output(RuleContext& ctx, const Step& step, const BindingSegment& name) {
  if (step.type != "automl" || !step.node || !section_complete(step.node, "outputs")) return;
  std::vector<std::string> known = {"best_model"};
  for (const Port& p : step.outputs)
    if (p.name != "best_model") known.push_back(p.name);
  if (std::find(known.begin(), known.end(), name.text) != known.end()) return;
  if (closest_name(name.text, known).empty()) return;
  report_name(ctx, "undefined-step-output", name, "an output of AutoML step `" + step.name + "`",
              known);
}

void check_step(RuleContext& ctx, const BoundExpression& e, const Lookup& lookup,
                StepIndex& steps) {
  const Binding& b = e.binding;
  const JobModel& pipeline = *lookup.pipeline;
  if (b.step.empty()) return;
  const Step* step = steps.find(pipeline, b.step);
  if (!step) {
    if (!section_complete(pipeline.root, "jobs")) return;
    std::vector<std::string> names;
    for (const Step& s : pipeline.steps) names.push_back(s.name);
    const BindingSegment* seg = nullptr;
    for (const BindingSegment& s : b.segments)
      if (s.range.begin == b.step_range.begin) seg = &s;
    if (seg) report_name(ctx, "undefined-step", *seg, "a step of " + lookup.where(), names);
    return;
  }
  if (b.kind != BindingKind::ParentJobOutput) return;
  const BindingSegment* seg = name_segment(b);
  if (!seg) return;
  PortList outputs = step_ports(*step).outputs;
  if (!outputs.known()) {
    check_automl_output(ctx, *step, *seg);
    return;
  }
  if (outputs.find(seg->text)) return;
  report_name(ctx, "undefined-step-output", *seg, "an output of step `" + step->name + "`",
              outputs.names());
}

class UndefinedReference final : public Rule {
 public:
  bool interface_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    StepIndex& steps = ctx.steps();
    for (const BoundExpression& e : ctx.model.bindings) {
      if (!ctx.looks_at(e.binding.range)) continue;
      Lookup lookup = lookup_for(e);
      if (lookup.kind == LookupKind::None) continue;
      if (lookup.kind == LookupKind::Steps)
        check_step(ctx, e, lookup, steps);
      else
        check_port(ctx, e, lookup);
    }
  }
};

}  // namespace

const Rule& undefined_reference() {
  static const UndefinedReference rule;
  return rule;
}

}  // namespace amllint::rules
