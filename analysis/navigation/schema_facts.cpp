#include "navigation/schema_facts.h"

#include <algorithm>
#include <cctype>

#include "model/job_model.h"
#include "suggest.h"
#include "syntax/json_view.h"

namespace amllint::nav {

using nlohmann::json;

std::string schema_type(const json& node) {
  auto t = node.find("type");
  if (t == node.end()) return node.contains("properties") ? "object" : "";
  if (t->is_string()) return t->get<std::string>();
  std::string out;
  for (const auto& e : *t) {
    if (!e.is_string()) continue;
    if (!out.empty()) out += " | ";
    out += e.get<std::string>();
  }
  return out;
}

bool schema_is(const json& node, const char* type) {
  auto t = node.find("type");
  if (t == node.end()) return std::string_view(type) == "object" && node.contains("properties");
  if (t->is_string()) return *t == type;
  // A union such as [integer, string] (numbers that may be bindings) is not the container kind.
  return t->is_array() && t->size() == 1 && (*t)[0] == type;
}

namespace {

std::string scalar_text(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

void collect(const json& node, std::vector<std::string>& out, int depth) {
  if (!node.is_object() || depth > 3) return;
  auto add = [&](std::string v) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  };
  if (auto e = node.find("enum"); e != node.end() && e->is_array())
    for (const auto& v : *e) add(scalar_text(v));
  if (auto c = node.find("const"); c != node.end()) add(scalar_text(*c));
  for (const char* key : {"anyOf", "oneOf"}) {
    if (auto b = node.find(key); b != node.end() && b->is_array())
      for (const auto& branch : *b) collect(branch, out, depth + 1);
  }
  if (depth == 0 && out.empty() && schema_is(node, "boolean")) {
    add("true");
    add("false");
  }
}

}  // namespace

std::vector<std::string> schema_values(const json& node) {
  std::vector<std::string> out;
  collect(node, out, 0);
  return out;
}

namespace {

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Whether tokens[i] names a step: it follows the `jobs:` of a pipeline (the file's, or an
// inline pipeline component's under a step's `component:`).
bool names_step(FileKind kind, const std::vector<std::string>& t, size_t i) {
  if (i == 0 || t[i - 1] != "jobs") return false;
  if (i == 1) return kind == FileKind::PipelineJob || kind == FileKind::PipelineComponent;
  return t[i - 2] == "component";
}

// A step name as the schema's `^[A-Za-z_][A-Za-z0-9_]*$` accepts it.
std::string identifier(const std::string& name) {
  std::string out = name;
  for (char& ch : out)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') ch = '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(0, "_");
  return out;
}

std::string step_type_of_component(const nlohmann::json& step, const Step* model) {
  if (auto c = step.find("component"); c != step.end() && c->is_object()) {
    auto t = c->find("type");
    return t != c->end() && t->is_string() ? lower(t->get<std::string>()) : "";
  }
  if (!model || !model->component_file) return "";
  switch (model->component_file->kind) {
    case FileKind::CommandComponent: return "command";
    case FileKind::ParallelComponent: return "parallel";
    case FileKind::SparkComponent: return "spark";
    case FileKind::PipelineComponent: return "pipeline";
    case FileKind::DataTransferComponent: return "data_transfer";
    default: return "";
  }
}

// Gives `step` the type the service reads it as (see SchemaLookup in the header).
void normalize_step(nlohmann::json& step, const Step* model) {
  const auto& types = SchemaLookup::step_types();
  auto t = step.find("type");
  if (t == step.end() || t->is_null()) {
    std::string from_component = step_type_of_component(step, model);
    if (!from_component.empty()) step["type"] = from_component;
    return;
  }
  std::string written = t->is_string() ? lower(t->get<std::string>()) : "";
  // A key being typed on the line below `type: sweep` continues the plain scalar in YAML
  // (`sweep tr`); no type has a space, so the first word is the type written.
  written = written.substr(0, written.find_first_of(" \t\n"));
  if (std::find(types.begin(), types.end(), written) != types.end()) {
    *t = written;
    return;
  }
  // A misspelt type reads as the closest one; an unknown one (the preview's `component`) as its
  // component's, else as the default.
  std::string closest = closest_name(written, types);
  if (closest.empty()) closest = step_type_of_component(step, model);
  *t = closest.empty() ? "command" : closest;
}

// A copy of `v` (the value at t[0..i)) that keeps the path t[i..], normalizing its steps and
// dropping the other steps of each `jobs:`; `out` receives the path's tokens in the copy.
nlohmann::json focus(FileKind kind, const nlohmann::json& v, const std::vector<std::string>& t,
                     size_t i, const JobModel* pipeline, std::vector<std::string>& out) {
  if (i == t.size()) return v;
  static const nlohmann::json kEmpty = nlohmann::json::object();
  if (v.is_array()) {
    nlohmann::json copy = v;
    size_t index = std::strtoul(t[i].c_str(), nullptr, 10);
    out.push_back(t[i]);
    if (index < copy.size()) copy[index] = focus(kind, v[index], t, i + 1, nullptr, out);
    return copy;
  }
  const bool step = names_step(kind, t, i);
  nlohmann::json copy = nlohmann::json::object();
  if (v.is_object() && !step)
    for (const auto& [k, child] : v.items())
      if (k != t[i]) copy[k] = child;
  const nlohmann::json* child = &kEmpty;
  if (v.is_object())
    if (auto c = v.find(t[i]); c != v.end()) child = &*c;
  if (!step) {
    out.push_back(t[i]);
    // The model of a pipeline passes down to its steps: through `jobs:`, and from a step to
    // its inline component's `jobs:`.
    const bool keep = t[i] == "jobs" || t[i] == "component";
    copy[t[i]] = focus(kind, *child, t, i + 1, keep ? pipeline : nullptr, out);
    return copy;
  }
  const Step* model = pipeline ? pipeline->step(t[i]) : nullptr;
  std::string name = identifier(t[i]);
  out.push_back(name);
  // An inline pipeline component's steps are in the step's inline model.
  nlohmann::json focused =
      focus(kind, *child, t, i + 1, model ? model->inline_model.get() : nullptr, out);
  if (focused.is_object()) normalize_step(focused, model);
  copy[name] = std::move(focused);
  return copy;
}

}  // namespace

SchemaLookup::SchemaLookup(FileKind kind, const JsonView& view, const JobModel* model,
                           const std::vector<std::string>& path)
    : kind_(kind), view_(&view) {
  bool enters_step = false;
  for (size_t i = 0; i < path.size(); ++i) enters_step = enters_step || names_step(kind, path, i);
  std::vector<std::string> tokens;
  if (enters_step) {
    focused_ = std::make_shared<JsonView>();
    focused_->value = focus(kind, view.value, path, 0, model, tokens);
  } else {
    tokens = path;
  }
  for (const auto& t : tokens) pointer_ += "/" + escape_pointer_token(t);
}

SchemaInfo SchemaLookup::at(const std::string& child) const {
  const JsonView& v = focused_ ? *focused_ : *view_;
  return schema_at(kind_, v,
                   child.empty() ? pointer_ : pointer_ + "/" + escape_pointer_token(child));
}

const std::vector<std::string>& SchemaLookup::step_types() {
  static const std::vector<std::string> types = [] {
    JsonView empty;
    empty.value = nlohmann::json::object();
    return schema_values(schema_at(FileKind::PipelineJob, empty, "/jobs/step/type").node);
  }();
  return types;
}

}  // namespace amllint::nav
