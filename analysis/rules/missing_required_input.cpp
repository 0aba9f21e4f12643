// A pipeline step that leaves a required input of its component unbound: no value in the step,
// no `default`, not `optional`. The SDK validates every node of a pipeline job this way
// ("Required input ... not provided") and rejects the job. Inside a pipeline component the
// check is not made at registration, so only pipeline jobs are checked.
#include "model/binding_scope.h"
#include "rules/rule.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "missing-required-input";

bool is_null_value(const yaml::Node* v) {
  if (!v || v->is_null()) return true;
  return v->is_scalar() && yaml::resolve(*v).type == yaml::ScalarType::Null;
}

// The SDK treats `default: null` like no default.
bool has_usable_default(const Port& p) {
  if (!p.has_default || !p.value || !p.value->is_mapping()) return false;
  return !is_null_value(p.value->get("default"));
}

bool is_bound(const Step& step, const std::string& name) {
  for (const Port& p : step.inputs)
    if (p.name == name) return !is_null_value(p.value);
  return false;
}

class MissingRequiredInput final : public Rule {
 public:
  // Step-local (rule.h): each finding is one step's bindings against its own component.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    if (ctx.model.kind != FileKind::PipelineJob) return;
    for (const Step& step : ctx.model.steps) {
      // Only a component declared apart from the step has ports the step must bind; an inline
      // command step's inputs are its own declarations.
      if (!step.component || !step.key || !step.node || !step.node->is_mapping()) continue;
      if (!section_complete(step.node, "inputs")) continue;
      PortList declared = step_ports(step).inputs;
      if (!declared.known()) continue;
      std::vector<std::string> missing;
      for (const Port& port : *declared.ports) {
        if (port.optional || has_usable_default(port) || port.is_literal) continue;
        if (!is_bound(step, port.name)) missing.push_back(port.name);
      }
      if (missing.empty()) continue;
      const yaml::Pair* inputs = step.node->find_pair("inputs");
      TextRange where = inputs && inputs->key ? inputs->key->range : step.key->range;
      std::string list;
      for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", `" : "`") + missing[i] + "`";
      ctx.report(kCode, where,
                 "step `" + step.name + "` does not bind the required input" +
                     (missing.size() > 1 ? "s " : " ") + list +
                     " of its component (no `default`, not `optional`): the pipeline job is "
                     "rejected");
    }
  }
};

}  // namespace

const Rule& missing_required_input() {
  static const MissingRequiredInput rule;
  return rule;
}

}  // namespace amllint::rules
