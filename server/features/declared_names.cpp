#include "declared_names.h"

#include <algorithm>

#include "analyze.h"
#include "model/binding_scope.h"
#include "model/job_model.h"

namespace amlls {
namespace {

using amllint::BindingKind;
using amllint::BoundExpression;
using amllint::JobModel;
using amllint::Port;
using amllint::Step;
using Role = NameUse::Role;
using Kind = Name::Kind;

// An inline command step is its own component: its `inputs:`/`outputs:` keys declare the ports
// its command binds (the job model copies them into the step's inline model).
bool declares_own_ports(const Step& s) {
  return s.inline_model && s.inline_model->root == s.node;
}

void add_ports(const std::vector<Port>& ports, Kind kind, const JobModel* model, Role role,
               std::vector<NameUse>& out) {
  if (!model) return;
  for (const Port& p : ports)
    if (p.key) out.push_back({{kind, model, p.name}, key_text_range(*p.key), role});
}

// The declarations of `m` and of the inline components of its steps, and the step port keys that
// bind a known component's ports.
void add_declarations(const JobModel& m, std::vector<NameUse>& out) {
  add_ports(m.inputs, Kind::Input, &m, Role::Declaration, out);
  add_ports(m.outputs, Kind::Output, &m, Role::Declaration, out);
  add_ports(m.search_space, Kind::Parameter, &m, Role::Declaration, out);
  for (const Step& s : m.steps) {
    if (s.key) out.push_back({{Kind::Step, &m, s.name}, key_text_range(*s.key), Role::Declaration});
    const Role role = declares_own_ports(s) ? Role::Declaration : Role::StepPort;
    add_ports(s.inputs, Kind::Input, s.ports(), role, out);
    add_ports(s.outputs, Kind::Output, s.ports(), role, out);
    if (s.inline_model && !declares_own_ports(s)) add_declarations(*s.inline_model, out);
  }
}

const amllint::BindingSegment* segment_at(const amllint::Binding& b, uint32_t begin) {
  for (const auto& s : b.segments)
    if (s.range.begin == begin) return &s;
  return nullptr;
}

// The names one binding mentions: a port, a search-space parameter, or a step and maybe one of
// its outputs. Names whose list of candidates is unknown (registry components) are left out.
void add_binding(const BoundExpression& e, std::vector<NameUse>& out) {
  const amllint::Binding& b = e.binding;
  amllint::Lookup lookup = amllint::lookup_for(e);
  switch (lookup.kind) {
    case amllint::LookupKind::None: return;
    case amllint::LookupKind::Steps: {
      if (b.step.empty() || !lookup.pipeline || !segment_at(b, b.step_range.begin)) return;
      out.push_back({{Kind::Step, lookup.pipeline, b.step}, b.step_range, Role::Binding});
      const Step* step = lookup.pipeline->step(b.step);
      const amllint::BindingSegment* seg = amllint::name_segment(b);
      if (b.kind == BindingKind::ParentJobOutput && step && step->ports() && seg)
        out.push_back({{Kind::Output, step->ports(), seg->text}, seg->range, Role::Binding});
      return;
    }
    default: break;
  }
  const amllint::BindingSegment* seg = amllint::name_segment(b);
  if (!seg || !lookup.model) return;
  Kind kind = lookup.kind == amllint::LookupKind::Inputs    ? Kind::Input
              : lookup.kind == amllint::LookupKind::Outputs ? Kind::Output
                                                            : Kind::Parameter;
  // A sweep's trial may read its search-space parameters as inputs (as the rules accept).
  if (kind == Kind::Input && !lookup.model->input(seg->text) &&
      lookup.model->kind == amllint::FileKind::SweepJob && lookup.model->parameter(seg->text))
    kind = Kind::Parameter;
  out.push_back({{kind, lookup.model, seg->text}, seg->range, Role::Binding});
}

// Whether `m` is `root` or an inline model under it (its nodes are in the analysed document).
bool in_document(const JobModel& root, const JobModel* m) {
  if (&root == m) return true;
  for (const Step& s : root.steps)
    if (s.inline_model && in_document(*s.inline_model, m)) return true;
  return false;
}

const amllint::LoadedFile* component_file_of(const JobModel& root, const JobModel* m) {
  for (const Step& s : root.steps) {
    if (s.component_file && s.component_file->model.get() == m) return s.component_file.get();
    if (s.inline_model)
      if (auto* f = component_file_of(*s.inline_model, m)) return f;
  }
  return nullptr;
}

const Port* find(const std::vector<Port>& ports, const std::string& name) {
  for (const Port& p : ports)
    if (p.name == name) return &p;
  return nullptr;
}

void steps_running(const JobModel& m, const std::string& path, std::vector<const Step*>& out) {
  for (const Step& s : m.steps) {
    if (s.component_path == path) out.push_back(&s);
    if (s.inline_model) steps_running(*s.inline_model, path, out);
  }
}

}  // namespace

amllint::TextRange key_text_range(const amllint::yaml::Node& key) {
  using Style = amllint::yaml::ScalarStyle;
  bool quoted = key.style == Style::SingleQuoted || key.style == Style::DoubleQuoted;
  if (quoted && key.range.end - key.range.begin >= 2)
    return {key.range.begin + 1, key.range.end - 1};
  return key.range;
}

std::vector<NameUse> name_uses(const amllint::Analysis& analysis) {
  std::vector<NameUse> out;
  if (!analysis.model) return out;
  add_declarations(*analysis.model, out);
  for (const BoundExpression& e : analysis.model->bindings) add_binding(e, out);
  std::stable_sort(out.begin(), out.end(), [](const NameUse& a, const NameUse& b) {
    return a.range.begin < b.range.begin;
  });
  // An aliased node is reached twice; keep it once.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const NameUse& a, const NameUse& b) {
                          return a.range == b.range && a.name == b.name;
                        }),
            out.end());
  return out;
}

std::optional<NameUse> name_at(const amllint::Analysis& analysis, uint32_t offset) {
  std::vector<NameUse> uses = name_uses(analysis);
  std::optional<NameUse> found;
  for (const NameUse& u : uses) {
    if (u.range.begin > offset) break;
    if (offset < u.range.end) return u;
    if (offset == u.range.end) found = u;  // just past it, unless another name starts here
  }
  if (found || !analysis.model) return found;
  // Elsewhere in a binding (`${{`, `parent.inputs.`): the last name it mentions.
  for (const BoundExpression& e : analysis.model->bindings) {
    const amllint::TextRange r = e.binding.range;
    if (offset < r.begin || offset >= r.end) continue;
    for (const NameUse& u : uses)
      if (u.role == Role::Binding && r.begin <= u.range.begin && u.range.end <= r.end) found = u;
    return found;
  }
  return std::nullopt;
}

std::vector<NameUse> uses_of(const amllint::Analysis& analysis, const Name& name) {
  std::vector<NameUse> all = name_uses(analysis);
  std::erase_if(all, [&](const NameUse& u) { return !(u.name == name); });
  return all;
}

std::optional<Declaration> declaration_of(const amllint::Analysis& analysis, const Name& name) {
  if (!analysis.model || !name.model) return std::nullopt;
  const JobModel& m = *name.model;
  const amllint::yaml::Node* key = nullptr;
  switch (name.kind) {
    case Kind::Input:
      if (auto* p = find(m.inputs, name.text)) key = p->key;
      break;
    case Kind::Output:
      if (auto* p = find(m.outputs, name.text)) key = p->key;
      break;
    case Kind::Parameter:
      if (auto* p = find(m.search_space, name.text)) key = p->key;
      break;
    case Kind::Step:
      if (auto* s = m.step(name.text)) key = s->key;
      break;
  }
  if (!key) return std::nullopt;
  if (in_document(*analysis.model, &m)) return Declaration{key, nullptr};
  if (auto* file = component_file_of(*analysis.model, &m)) return Declaration{key, file};
  return std::nullopt;
}

std::vector<NameUse> component_port_uses(const amllint::Analysis& analysis,
                                         const std::string& component_path, Name::Kind kind,
                                         const std::string& port) {
  std::vector<NameUse> out;
  if (!analysis.model) return out;
  std::vector<const Step*> steps;
  steps_running(*analysis.model, component_path, steps);
  for (const Step* s : steps) {
    if (!s->ports()) continue;
    for (NameUse& u : uses_of(analysis, {kind, s->ports(), port}))
      if (u.role != Role::Declaration) out.push_back(std::move(u));
  }
  std::sort(out.begin(), out.end(),
            [](const NameUse& a, const NameUse& b) { return a.range.begin < b.range.begin; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const NameUse& a, const NameUse& b) { return a.range == b.range; }),
            out.end());
  return out;
}

}  // namespace amlls
