// A pipeline step that binds an input or output its component does not declare. azure-ai-ml
// 1.34 accepts such a step without a word (measured with the SDK oracle, for component files and
// inline components alike): nothing in the component reads the value, so the binding is almost
// surely a misspelt or stale port name. A warning, with the closest declared port.
#include "model/binding_scope.h"
#include "model/step_walk.h"
#include "rules/rule.h"
#include "suggest.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "unknown-port";

std::string declared_list(const std::vector<std::string>& names) {
  if (names.empty()) return "it declares none";
  std::string out = "it declares ";
  for (size_t i = 0; i < names.size() && i < 8; ++i) out += (i ? ", `" : "`") + names[i] + "`";
  if (names.size() > 8) out += ", ...";
  return out;
}

std::string component_label(const Step& step) {
  if (step.component && step.component->is_scalar())
    return "component `" + step.component->value + "`";
  return "inline component";
}

// Whether the step already binds `name`: a rename must not create a duplicate key.
bool bound(const std::vector<Port>& ports, std::string_view name) {
  for (const Port& p : ports)
    if (p.name == name) return true;
  return false;
}

void check_side(RuleContext& ctx, const Step& step, const std::vector<Port>& bound_ports,
                const PortList& declared, std::string_view section, std::string_view what) {
  if (!declared.known() || !section_complete(step.node, section)) return;
  const std::vector<std::string> names = declared.names();
  for (const Port& p : bound_ports) {
    // Dotted keys address input groups, which YAML components do not declare one by one.
    if (!p.key || p.name.find('.') != std::string::npos || declared.find(p.name)) continue;
    std::string close = closest_name(p.name, names);
    std::string message = "`" + p.name + "` is not " + std::string(what) + " of the step's " +
                          component_label(step) + ", so nothing reads this binding (" +
                          declared_list(names) + ")";
    std::vector<Fix> fixes;
    if (!close.empty()) {
      message += "; did you mean `" + close + "`?";
      if (!bound(bound_ports, close)) {
        // A guessed port: the value then reaches it, a change of what runs.
        fixes.push_back(
            {"Change to `" + close + "`", {{p.key->range, close}}, Applicability::Unsafe});
      }
    }
    ctx.report(kCode, p.key->range, std::move(message), std::move(fixes));
  }
}

// Steps of inline pipeline components are part of this file: walk_steps enters them.
void check_step(RuleContext& ctx, const Step& step) {
  if (!step.node || !step.node->is_mapping()) return;
  // An inline command step's `inputs:`/`outputs:` are its own declarations.
  if (!step.component) return;
  StepPorts declared = step_ports(step);
  check_side(ctx, step, step.inputs, declared.inputs, "inputs", "an input");
  check_side(ctx, step, step.outputs, declared.outputs, "outputs", "an output");
}

class UnknownPort final : public Rule {
 public:
  // Step-local (rule.h): each finding is one step's bindings against its own component.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    walk_steps(ctx.model, [&](const Step& step, const JobModel&, int) { check_step(ctx, step); });
  }
};

}  // namespace

const Rule& unknown_port() {
  static const UnknownPort rule;
  return rule;
}

}  // namespace amllint::rules
