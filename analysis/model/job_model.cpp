#include "model/job_model.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "environment.h"
#include "model/binding_scope.h"
#include "model/uri.h"
#include "syntax/json_view.h"
#include "validation/file_kind.h"

namespace amllint {
namespace {

namespace fs = std::filesystem;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view text_of(const yaml::Node* n) {
  return n ? n->text() : std::string_view();
}

std::string literal_type(const yaml::Node* value) {
  if (!value) return {};
  switch (yaml::resolve(*value).type) {
    case yaml::ScalarType::Bool: return "boolean";
    case yaml::ScalarType::Int: return "integer";
    case yaml::ScalarType::Float: return "number";
    case yaml::ScalarType::String: return "string";
    case yaml::ScalarType::Null: return {};
  }
  return {};
}

bool truthy(const yaml::Node* n) {
  if (!n || !n->is_scalar()) return false;
  auto r = yaml::resolve(*n);
  return r.type == yaml::ScalarType::Bool && r.boolean;
}

std::vector<Port> read_ports(const yaml::Node* section) {
  std::vector<Port> ports;
  if (!section || !section->is_mapping()) return ports;
  for (const yaml::Pair& p : section->pairs) {
    if (!p.key || !p.key->is_scalar()) continue;
    Port port;
    port.name = p.key->value;
    port.key = p.key;
    port.value = p.value;
    if (p.value && p.value->is_mapping()) {
      port.type = std::string(text_of(p.value->get("type")));
      port.mode = std::string(text_of(p.value->get("mode")));
      port.optional = truthy(p.value->get("optional"));
      port.has_default = p.value->find_pair("default") != nullptr;
    } else if (p.value && p.value->is_scalar()) {
      // A binding passes something else's value through: its type is the source's, not string.
      port.is_literal = !may_contain_binding(p.value->value);
      if (port.is_literal) port.type = literal_type(p.value);
    }
    ports.push_back(std::move(port));
  }
  ports.shrink_to_fit();
  return ports;
}

bool is_local_reference(std::string_view ref) {
  if (ref.empty() || ref.find("${{") != std::string_view::npos) return false;
  if (ref.substr(0, 8) == "azureml:" || ref.find("://") != std::string_view::npos) return false;
  return true;
}

// A server keeps the models of hundreds of small files: the room a vector's growth left unused
// is given back there. A large file's model is rebuilt on every edit, where moving every element
// would cost more than the room.
template <typename T>
void trim(std::vector<T>& v) {
  if (v.size() < 256) v.shrink_to_fit();
}

class ModelBuilder {
 public:
  ModelBuilder(const Document& doc, Environment& env, StepReuse* reuse)
      : doc_(doc), env_(env), reuse_(reuse) {}

  std::shared_ptr<JobModel> build(const yaml::Node* root, FileKind kind, std::string base_dir) {
    auto model = std::make_shared<JobModel>();
    model->kind = kind;
    model->root = root;
    model->base_dir = std::move(base_dir);
    if (!root || !root->is_mapping()) return model;
    model->inputs = read_ports(root->get("inputs"));
    model->outputs = read_ports(root->get("outputs"));
    model->search_space = read_ports(root->get("search_space"));
    model->inputs_complete = section_complete(root, "inputs");
    model->outputs_complete = section_complete(root, "outputs");
    model->search_space_complete = section_complete(root, "search_space");
    // Only the file's own steps may be reused, not those of inline pipeline components.
    StepReuse* reuse = std::exchange(reuse_, nullptr);
    if (const yaml::Node* jobs = root->get("jobs"); jobs && jobs->is_mapping()) {
      for (size_t i = 0; i < jobs->pairs.size(); ++i) {
        const yaml::Pair& p = jobs->pairs[i];
        if (!p.key || !p.key->is_scalar()) continue;
        std::optional<Step> kept = reuse ? reuse->step(i, *model) : std::nullopt;
        if (kept) reused_.push_back(i);
        model->steps.push_back(kept ? std::move(*kept) : read_step(p, *model));
      }
    }
    if (reuse) {
      reuse_root_ = root;
      reuse_ = reuse;
    }
    collect(*model, root, "", -1, BindingScope::Own, model.get());
    trim(model->steps);
    trim(model->bindings);
    return model;
  }

 private:
  Step read_step(const yaml::Pair& p, const JobModel& parent) {
    Step step;
    step.name = p.key->value;
    step.key = p.key;
    step.node = p.value;
    const yaml::Node* n = p.value;
    if (!n || !n->is_mapping()) return step;
    step.type = std::string(text_of(n->get("type")));
    step.inputs = read_ports(n->get("inputs"));
    step.outputs = read_ports(n->get("outputs"));
    step.inputs_complete = section_complete(n, "inputs");
    step.outputs_complete = section_complete(n, "outputs");
    step.component = n->get("component");
    if (step.type.empty() && step.component) step.type = "command";
    if (step.component && step.component->is_mapping()) {
      std::string t(text_of(step.component->get("type")));
      step.inline_model = build(step.component, component_kind_for_type(t), parent.base_dir);
    } else if (step.component && is_local_reference(text_of(step.component))) {
      step.component_path = resolve_local(parent.base_dir, text_of(step.component));
      step.component_file = env_.load(step.component_path);
    } else if (!step.component && n->get("command")) {
      // An inline command step: its own `inputs`/`outputs` are its ports.
      auto inline_model = std::make_shared<JobModel>();
      inline_model->kind = FileKind::CommandComponent;
      inline_model->root = n;
      inline_model->base_dir = parent.base_dir;
      inline_model->inputs = step.inputs;
      inline_model->outputs = step.outputs;
      inline_model->inputs_complete = step.inputs_complete;
      inline_model->outputs_complete = step.outputs_complete;
      step.inline_model = inline_model;
    }
    return step;
  }

  // Walks every string value under `n`, recording the bindings it holds with their scope.
  void collect(JobModel& model, const yaml::Node* n, const std::string& pointer, int step,
               BindingScope scope, const JobModel* owner) {
    if (!n || ++visited_ > kMaxVisits) return;
    if (n->is_scalar()) {
      if (may_contain_binding(n->value)) record(model, *n, pointer, step, scope, owner);
      return;
    }
    if (n->is_sequence()) {
      for (size_t i = 0; i < n->items.size(); ++i)
        collect(model, n->items[i], pointer + "/" + std::to_string(i), step, scope, owner);
      return;
    }
    if (!n->is_mapping()) return;
    // The root of the file, or of an inline pipeline component: its steps have their own scopes.
    const bool at_root = owner && n == owner->root && !owner->steps.empty();
    for (size_t i = 0; i < n->pairs.size(); ++i) {
      const yaml::Pair& p = n->pairs[i];
      if (p.merged || !p.key || !p.key->is_scalar()) continue;
      std::string child = child_pointer(pointer, p.key->value);
      if (at_root && p.key->value == "jobs" && p.value && p.value->is_mapping()) {
        collect_steps(model, *p.value, child, *owner);
        continue;
      }
      collect(model, p.value, child, step, scope, owner);
    }
  }

  // In a step, the command (inline command steps) binds to the step's own ports, an inline
  // component to its own declarations, and everything else to `pipeline` (the file, or an inline
  // pipeline component of one of its steps); `step` indexes `pipeline.steps`.
  void collect_steps(JobModel& model, const yaml::Node& jobs, const std::string& pointer,
                     const JobModel& pipeline) {
    const bool reusing = reuse_ && pipeline.root == reuse_root_;
    for (size_t i = 0; i < jobs.pairs.size(); ++i) {
      const yaml::Pair& p = jobs.pairs[i];
      if (p.merged || !p.key || !p.key->is_scalar() || !p.value) continue;
      if (reusing && std::binary_search(reused_.begin(), reused_.end(), i)) {
        reuse_->bindings(i, model.bindings);
        continue;
      }
      const Step* step = pipeline.step(p.key->value);
      int index = step ? static_cast<int>(step - pipeline.steps.data()) : -1;
      std::string step_pointer = child_pointer(pointer, p.key->value);
      if (!p.value->is_mapping()) {
        collect(model, p.value, step_pointer, index, BindingScope::Parent, &pipeline);
        continue;
      }
      for (const yaml::Pair& field : p.value->pairs) {
        if (field.merged || !field.key || !field.key->is_scalar()) continue;
        std::string field_pointer = child_pointer(step_pointer, field.key->value);
        std::string_view name = field.key->value;
        if (name == "component" && field.value && field.value->is_mapping() && step &&
            step->inline_model) {
          // The inline component's own bindings are part of its model; record them here with
          // that owner so rules see every binding of the file in one list.
          collect(model, field.value, field_pointer, index, BindingScope::Own,
                  step->inline_model.get());
        } else if ((name == "command" || name == "trial") && step && step->inline_model) {
          collect(model, field.value, field_pointer, index, BindingScope::Own,
                  step->inline_model.get());
        } else {
          collect(model, field.value, field_pointer, index, BindingScope::Parent, &pipeline);
        }
      }
    }
  }

  void record(JobModel& model, const yaml::Node& scalar, const std::string& pointer, int step,
              BindingScope scope, const JobModel* owner) {
    BindingScan scan = scan_bindings(scalar.value);
    if (scan.bindings.empty()) return;
    std::vector<uint32_t> map = value_to_file_offsets(doc_, scalar);
    // Clamped to the scalar: a value byte with no source byte of its own (a space a recovered
    // block scalar gained) must not carry a range past the node, or past the text.
    auto to_file = [&](TextRange r) {
      uint32_t b = std::min(map[std::min<size_t>(r.begin, map.size() - 1)], scalar.range.end);
      uint32_t e = r.end == 0 ? b : map[std::min<size_t>(r.end - 1, map.size() - 1)] + 1;
      return TextRange{b, std::clamp(e, b, std::max(b, scalar.range.end))};
    };
    for (Binding& b : scan.bindings) {
      BoundExpression e;
      b.range = to_file(b.range);
      b.path_range = to_file(b.path_range);
      b.name_range = to_file(b.name_range);
      b.step_range = to_file(b.step_range);
      for (BindingSegment& s : b.segments) s.range = to_file(s.range);
      e.binding = std::move(b);
      e.scalar = &scalar;
      e.scope = scope;
      e.owner = owner;
      e.step = step;
      e.pointer = pointer;
      model.bindings.push_back(std::move(e));
    }
  }

  static constexpr size_t kMaxVisits = 1'000'000;
  const Document& doc_;
  Environment& env_;
  StepReuse* reuse_ = nullptr;
  const yaml::Node* reuse_root_ = nullptr;  // the root whose steps `reused_` lists
  std::vector<size_t> reused_;              // pairs of its `jobs:` taken from reuse_, ascending
  size_t visited_ = 0;
};

}  // namespace

const JobModel* Step::ports() const {
  if (inline_model) return inline_model.get();
  if (component_file && component_file->model) return component_file->model.get();
  return nullptr;
}

static const Port* find_port(const std::vector<Port>& ports, std::string_view name) {
  for (const Port& p : ports)
    if (p.name == name) return &p;
  return nullptr;
}

const Port* JobModel::input(std::string_view name) const {
  return find_port(inputs, name);
}
const Port* JobModel::output(std::string_view name) const {
  return find_port(outputs, name);
}
const Port* JobModel::parameter(std::string_view name) const {
  return find_port(search_space, name);
}
const Step* JobModel::step(std::string_view name) const {
  for (const Step& s : steps)
    if (s.name == name) return &s;
  return nullptr;
}

std::shared_ptr<const JobModel> build_job_model(const Document& doc, const yaml::Node* root,
                                                FileKind kind, const std::string& path,
                                                Environment& env, StepReuse* reuse) {
  std::string base = path.empty() ? std::string(".") : fs::path(path).parent_path().string();
  if (base.empty()) base = ".";
  return ModelBuilder(doc, env, reuse).build(root, kind, base);
}

std::vector<uint32_t> value_to_file_offsets(const Document& doc, const yaml::Node& scalar) {
  std::string_view v = scalar.value;
  std::string_view src = doc.text();
  std::vector<uint32_t> out(v.size() + 1, scalar.range.end);
  uint32_t i = scalar.range.begin;
  const uint32_t end = std::min<uint32_t>(scalar.range.end, static_cast<uint32_t>(src.size()));
  switch (scalar.style) {
    case yaml::ScalarStyle::DoubleQuoted:
    case yaml::ScalarStyle::SingleQuoted: ++i; break;
    case yaml::ScalarStyle::Literal:
    case yaml::ScalarStyle::Folded:
      while (i < end && src[i] != '\n') ++i;
      break;
    case yaml::ScalarStyle::Plain: break;
  }
  // Characters of bindings appear literally in every style; whitespace may be folded or
  // indented, and escapes differ, so each value byte is matched to the next equal source byte.
  for (size_t k = 0; k < v.size(); ++k) {
    if (is_space(v[k])) {
      out[k] = i;
      if (i < end && is_space(src[i])) ++i;
      continue;
    }
    uint32_t j = i;
    while (j < end && src[j] != v[k]) ++j;
    if (j >= end) {
      for (size_t r = k; r <= v.size(); ++r) out[r] = end;
      return out;
    }
    out[k] = j;
    i = j + 1;
  }
  out[v.size()] = i;
  return out;
}

}  // namespace amllint
