// An edge of a pipeline whose two ends disagree on the kind of data: a `uri_file` output into a
// `uri_folder` input, a data asset into a parameter. The SDK does not compare the declared types,
// so the job is accepted and the step fails (or reads the wrong thing) when it runs: a warning.
#include "model/binding_scope.h"
#include "rules/rule.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "incompatible-port-type";

bool is_primitive(std::string_view t) {
  return t == "integer" || t == "number" || t == "string" || t == "boolean";
}

bool is_asset(std::string_view t) {
  return t == "uri_file" || t == "uri_folder" || t == "mltable" || t == "mlflow_model" ||
         t == "custom_model" || t == "triton_model";
}

// Folder-shaped assets (uri_folder, mltable, models) mount the same way and are read as folders;
// only a single file against a folder, or data against a parameter, is certainly wrong. Legacy
// `path` and unknown types are compatible with everything.
bool incompatible(std::string_view from, std::string_view to) {
  if (from == to) return false;
  if (is_primitive(from) && is_primitive(to)) return false;
  if ((is_primitive(from) && is_asset(to)) || (is_asset(from) && is_primitive(to))) return true;
  if (is_asset(from) && is_asset(to)) return (from == "uri_file") != (to == "uri_file");
  return false;
}

// The input of `step` whose value holds `scalar` (directly, or as its `path:`), or null.
const Port* bound_input(const Step& step, const yaml::Node* scalar) {
  for (const Port& p : step.inputs) {
    if (p.value == scalar) return &p;
    if (p.value && p.value->is_mapping() && p.value->get("path") == scalar) return &p;
  }
  return nullptr;
}

class IncompatiblePortType final : public Rule {
 public:
  bool interface_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    StepIndex& steps = ctx.steps();
    for (const BoundExpression& e : ctx.model.bindings) {
      if (!ctx.looks_at(e.binding.range)) continue;
      const Binding& b = e.binding;
      const Step* dst = step_of(e);
      if (!dst || !e.scalar || e.binding.range.end - e.binding.range.begin == 0) continue;
      // Only a value that is exactly one binding passes the data through unchanged.
      if (b.path.empty() || e.scalar->value.find("${{") != e.scalar->value.rfind("${{")) continue;
      const Port* input = bound_input(*dst, e.scalar);
      if (!input) continue;
      const BindingSegment* seg = name_segment(b);
      if (!seg) continue;

      std::string from, source;
      if (b.kind == BindingKind::ParentJobOutput) {
        const Step* src = steps.find(*e.owner, b.step);
        if (!src) continue;
        const Port* out = step_ports(*src).outputs.find(seg->text);
        if (!out) continue;
        from = out->type;
        source = "output `" + out->name + "` of step `" + src->name + "`";
      } else if (b.kind == BindingKind::ParentInput) {
        const Port* in = e.owner->input(seg->text);
        // A plain value has no declared type: it is converted to whatever the input expects.
        if (!in || in->is_literal) continue;
        from = in->type;
        source = "pipeline input `" + in->name + "`";
      } else {
        continue;
      }
      // The step may state the type itself; otherwise its component's declaration applies.
      std::string to = input->is_literal ? std::string() : input->type;
      if (to.empty())
        if (const Port* declared = step_ports(*dst).inputs.find(input->name);
            declared && !declared->is_literal)
          to = declared->type;
      if (from.empty() || to.empty() || !incompatible(from, to)) continue;
      ctx.report(kCode, b.range,
                 source + " is a `" + from + "` but input `" + input->name + "` of step `" +
                     dst->name + "` expects a `" + to + "`");
    }
  }
};

}  // namespace

const Rule& incompatible_port_type() {
  static const IncompatiblePortType rule;
  return rule;
}

}  // namespace amllint::rules
