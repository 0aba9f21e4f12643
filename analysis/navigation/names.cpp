#include "navigation/names.h"

#include <algorithm>

#include "model/binding_scope.h"
#include "model/job_model.h"
#include "navigation/tree_reading.h"

namespace amllint::nav {
namespace {

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

const BindingSegment* segment_at(const Binding& b, uint32_t begin) {
  for (const auto& s : b.segments)
    if (s.range.begin == begin) return &s;
  return nullptr;
}

// The names one binding mentions: a port, a search-space parameter, or a step and maybe one of
// its outputs. Names whose list of candidates is unknown (registry components) are left out.
void add_binding(const BoundExpression& e, std::vector<NameUse>& out) {
  const Binding& b = e.binding;
  Lookup lookup = lookup_for(e);
  switch (lookup.kind) {
    case LookupKind::None: return;
    case LookupKind::Steps: {
      if (b.step.empty() || !lookup.pipeline || !segment_at(b, b.step_range.begin)) return;
      out.push_back({{Kind::Step, lookup.pipeline, b.step}, b.step_range, Role::Binding});
      const Step* step = lookup.pipeline->step(b.step);
      const BindingSegment* seg = name_segment(b);
      if (b.kind == BindingKind::ParentJobOutput && step && step->ports() && seg)
        out.push_back({{Kind::Output, step->ports(), seg->text}, seg->range, Role::Binding});
      return;
    }
    default: break;
  }
  const BindingSegment* seg = name_segment(b);
  if (!seg || !lookup.model) return;
  Kind kind = lookup.kind == LookupKind::Inputs    ? Kind::Input
              : lookup.kind == LookupKind::Outputs ? Kind::Output
                                                   : Kind::Parameter;
  // A sweep's trial may read its search-space parameters as inputs (the rule then suggests
  // `search_space.`): navigation follows the name to the parameter.
  if (kind == Kind::Input && !lookup.model->input(seg->text) &&
      lookup.model->kind == FileKind::SweepJob && lookup.model->parameter(seg->text))
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

const LoadedFile* component_file_of(const JobModel& root, const JobModel* m) {
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

const char* kind_word(Kind k) {
  switch (k) {
    case Kind::Input: return "input";
    case Kind::Output: return "output";
    case Kind::Parameter: return "search-space parameter";
    case Kind::Step: return "step";
  }
  return "name";
}

std::vector<NameUse> name_uses(const Analysis& analysis) {
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

std::optional<NameUse> name_at(const Analysis& analysis, uint32_t offset) {
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
    const TextRange r = e.binding.range;
    if (offset < r.begin || offset >= r.end) continue;
    for (const NameUse& u : uses)
      if (u.role == Role::Binding && r.begin <= u.range.begin && u.range.end <= r.end) found = u;
    return found;
  }
  return std::nullopt;
}

std::vector<NameUse> uses_of(const Analysis& analysis, const Name& name) {
  std::vector<NameUse> all = name_uses(analysis);
  std::erase_if(all, [&](const NameUse& u) { return !(u.name == name); });
  return all;
}

Declared declared_nodes(const Name& name) {
  if (!name.model) return {};
  const JobModel& m = *name.model;
  const Port* p = nullptr;
  switch (name.kind) {
    case Kind::Input: p = find(m.inputs, name.text); break;
    case Kind::Output: p = find(m.outputs, name.text); break;
    case Kind::Parameter: p = find(m.search_space, name.text); break;
    case Kind::Step:
      if (auto* s = m.step(name.text)) return {s->key, s->node};
      return {};
  }
  return p ? Declared{p->key, p->value} : Declared{};
}

std::optional<Declaration> declaration_of(const Analysis& analysis, const Name& name) {
  if (!analysis.model || !name.model) return std::nullopt;
  const yaml::Node* key = declared_nodes(name).key;
  if (!key) return std::nullopt;
  if (in_document(*analysis.model, name.model))
    return Declaration{key_text_range(*key), {}, nullptr};
  if (auto* file = component_file_of(*analysis.model, name.model))
    return Declaration{key_text_range(*key), file->path, &file->doc};
  return std::nullopt;
}

bool declares(const JobModel& m, Kind kind, const std::string& text) {
  switch (kind) {
    case Kind::Input: return m.input(text) != nullptr;
    case Kind::Output: return m.output(text) != nullptr;
    case Kind::Parameter: return m.parameter(text) != nullptr;
    case Kind::Step: return m.step(text) != nullptr;
  }
  return false;
}

std::optional<Name> as_declared_in(const Analysis& home, const Name& name) {
  // Ports of a component file are those of its root model.
  const JobModel* root = home.model.get();
  if (!root || !declares(*root, name.kind, name.text)) return std::nullopt;
  return Name{name.kind, root, name.text};
}

bool is_component(const Analysis& analysis) {
  return is_component_kind(analysis.kind);
}

bool is_root_model(const Analysis& analysis, const Name& name) {
  return name.model && name.model == analysis.model.get();
}

std::vector<NameUse> component_port_uses(const Analysis& analysis,
                                         const std::string& component_path, Kind kind,
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

bool valid_name(std::string_view name) {
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (name.empty() || !alpha(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

}  // namespace amllint::nav
