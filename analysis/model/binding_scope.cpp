#include "model/binding_scope.h"

namespace amllint {
namespace {

bool contains(const yaml::Node* outer, const yaml::Node* inner) {
  return outer && inner && outer->range.begin <= inner->range.begin &&
         inner->range.end <= outer->range.end;
}

PortList ports_of(const std::vector<Port>& ports, const yaml::Node* holder, std::string_view key) {
  return {&ports, section_complete(holder, key)};
}

std::string describe_owner(const BoundExpression& e) {
  if (e.step >= 0) return "this step";
  if (e.owner && is_component_kind(e.owner->kind)) return "this component";
  return "this job";
}

}  // namespace

const Port* PortList::find(std::string_view name) const {
  if (!ports) return nullptr;
  for (const Port& p : *ports)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<std::string> PortList::names() const {
  std::vector<std::string> out;
  if (ports)
    for (const Port& p : *ports) out.push_back(p.name);
  return out;
}

bool section_complete(const yaml::Node* holder, std::string_view key) {
  if (!holder || !holder->is_mapping()) return false;
  const yaml::Node* section = holder->get(key);
  if (!section || section->is_null()) return true;
  if (section->is_scalar()) return section->value.empty();
  if (!section->is_mapping()) return false;
  for (const yaml::Pair& p : section->pairs)
    if (!p.key || !p.key->is_scalar()) return false;
  return true;
}

StepPorts step_ports(const Step& step) {
  StepPorts out;
  if (const JobModel* m = step.ports()) {
    if (m->kind == FileKind::NotAzureMl || !m->root) return out;
    out.inputs = ports_of(m->inputs, m->root, "inputs");
    out.outputs = ports_of(m->outputs, m->root, "outputs");
    return out;
  }
  if (step.component || !step.node || !step.node->is_mapping()) return out;
  if (step.type == "command" || step.type == "parallel" || step.type == "spark") {
    out.inputs = ports_of(step.inputs, step.node, "inputs");
    out.outputs = ports_of(step.outputs, step.node, "outputs");
  }
  return out;
}

const Step* step_of(const BoundExpression& e) {
  if (e.scope != BindingScope::Parent || !e.owner || e.step < 0 ||
      static_cast<size_t>(e.step) >= e.owner->steps.size())
    return nullptr;
  return &e.owner->steps[e.step];
}

const Step* StepIndex::find(const JobModel& pipeline, std::string_view name) {
  auto [it, added] = steps_.try_emplace(&pipeline);
  if (added)
    for (const Step& s : pipeline.steps) it->second.try_emplace(s.name, &s);
  auto found = it->second.find(name);
  return found == it->second.end() ? nullptr : found->second;
}

const BindingSegment* name_segment(const Binding& b) {
  for (const BindingSegment& s : b.segments)
    if (s.range.begin == b.name_range.begin && !b.name.empty()) return &s;
  return nullptr;
}

Lookup lookup_for(const BoundExpression& e) {
  Lookup out;
  const Binding& b = e.binding;
  const JobModel* owner = e.owner;
  if (!owner || !owner->root) return out;
  const bool parent = e.scope == BindingScope::Parent;
  switch (b.kind) {
    case BindingKind::SearchSpace:
      if (!parent && owner->kind == FileKind::SweepJob) {
        out.kind = LookupKind::SearchSpace;
        out.ports = ports_of(owner->search_space, owner->root, "search_space");
        out.model = owner;
        out.where = "this sweep job";
      }
      return out;
    case BindingKind::Input:
    case BindingKind::Output: {
      const bool input = b.kind == BindingKind::Input;
      out.kind = input ? LookupKind::Inputs : LookupKind::Outputs;
      if (!parent) {
        out.ports = input ? ports_of(owner->inputs, owner->root, "inputs")
                          : ports_of(owner->outputs, owner->root, "outputs");
        out.model = owner;
        out.where = describe_owner(e);
        return out;
      }
      const Step* step = step_of(e);
      if (!step || !step->node || !step->node->is_mapping()) return Lookup{};
      // Legacy spelling: in a step's `inputs:`/`outputs:` values, `inputs.x` names the pipeline's.
      if (contains(step->node->get("inputs"), e.scalar) ||
          contains(step->node->get("outputs"), e.scalar)) {
        out.ports = input ? ports_of(owner->inputs, owner->root, "inputs")
                          : ports_of(owner->outputs, owner->root, "outputs");
        out.model = owner;
        out.where = "the pipeline";
        return out;
      }
      // Elsewhere in the step (parallel `input_data`, `task.program_arguments`, Spark `args`)
      // it names the step's own ports.
      StepPorts ports = step_ports(*step);
      out.ports = input ? ports.inputs : ports.outputs;
      out.model = step->ports();
      out.where = "step `" + step->name + "`";
      return out;
    }
    case BindingKind::ParentInput:
    case BindingKind::ParentOutput:
      if (!parent) return out;
      out.kind = b.kind == BindingKind::ParentInput ? LookupKind::Inputs : LookupKind::Outputs;
      out.ports = out.kind == LookupKind::Inputs ? ports_of(owner->inputs, owner->root, "inputs")
                                                 : ports_of(owner->outputs, owner->root, "outputs");
      out.model = owner;
      out.where = "the pipeline";
      return out;
    case BindingKind::ParentJob:
    case BindingKind::ParentJobOutput:
      if (!parent) return out;
      out.kind = LookupKind::Steps;
      out.pipeline = owner;
      out.where = "this pipeline";
      return out;
    case BindingKind::Macro:
    case BindingKind::Unknown: return out;
  }
  return out;
}

}  // namespace amllint
