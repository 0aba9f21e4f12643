#include "model/binding_scope.h"

namespace amllint {
namespace {

bool contains(const yaml::Node* outer, const yaml::Node* inner) {
  return outer && inner && outer->range.begin <= inner->range.begin &&
         inner->range.end <= outer->range.end;
}

PortList inputs_of(const JobModel& m) {
  return {&m.inputs, m.inputs_complete};
}
PortList outputs_of(const JobModel& m) {
  return {&m.outputs, m.outputs_complete};
}

std::string_view describe_owner(const BoundExpression& e) {
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
    out.inputs = inputs_of(*m);
    out.outputs = outputs_of(*m);
    return out;
  }
  if (step.component || !step.node || !step.node->is_mapping()) return out;
  if (step.type == "command" || step.type == "parallel" || step.type == "spark") {
    out.inputs = {&step.inputs, step.inputs_complete};
    out.outputs = {&step.outputs, step.outputs_complete};
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
  if (added) {
    it->second.reserve(pipeline.steps.size());
    for (const Step& s : pipeline.steps) it->second.try_emplace(s.name, &s);
  }
  auto found = it->second.find(name);
  return found == it->second.end() ? nullptr : found->second;
}

const BindingSegment* name_segment(const Binding& b) {
  for (const BindingSegment& s : b.segments)
    if (s.range.begin == b.name_range.begin && !b.name.empty()) return &s;
  return nullptr;
}

std::string Lookup::where() const {
  if (where_step) return "step `" + where_step->name + "`";
  return std::string(where_text);
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
        out.ports = {&owner->search_space, owner->search_space_complete};
        out.model = owner;
        out.where_text = "this sweep job";
      }
      return out;
    case BindingKind::Input:
    case BindingKind::Output: {
      const bool input = b.kind == BindingKind::Input;
      out.kind = input ? LookupKind::Inputs : LookupKind::Outputs;
      if (!parent) {
        out.ports = input ? inputs_of(*owner) : outputs_of(*owner);
        out.model = owner;
        out.where_text = describe_owner(e);
        return out;
      }
      const Step* step = step_of(e);
      if (!step || !step->node || !step->node->is_mapping()) return Lookup{};
      // Legacy spelling: in a step's `inputs:`/`outputs:` values, `inputs.x` names the pipeline's.
      if (contains(step->node->get("inputs"), e.scalar) ||
          contains(step->node->get("outputs"), e.scalar)) {
        out.ports = input ? inputs_of(*owner) : outputs_of(*owner);
        out.model = owner;
        out.where_text = "the pipeline";
        return out;
      }
      // Elsewhere in the step (parallel `input_data`, `task.program_arguments`, Spark `args`)
      // it names the step's own ports.
      StepPorts ports = step_ports(*step);
      out.ports = input ? ports.inputs : ports.outputs;
      out.model = step->ports();
      out.where_step = step;
      return out;
    }
    case BindingKind::ParentInput:
    case BindingKind::ParentOutput:
      if (!parent) return out;
      out.kind = b.kind == BindingKind::ParentInput ? LookupKind::Inputs : LookupKind::Outputs;
      out.ports = out.kind == LookupKind::Inputs ? inputs_of(*owner) : outputs_of(*owner);
      out.model = owner;
      out.where_text = "the pipeline";
      return out;
    case BindingKind::ParentJob:
    case BindingKind::ParentJobOutput:
      if (!parent) return out;
      out.kind = LookupKind::Steps;
      out.pipeline = owner;
      out.where_text = "this pipeline";
      return out;
    case BindingKind::Macro:
    case BindingKind::Unknown: return out;
  }
  return out;
}

}  // namespace amllint
