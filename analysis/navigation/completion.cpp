#include "navigation/completion.h"

#include <algorithm>

#include "model/binding_scope.h"
#include "model/job_model.h"
#include "navigation/assets.h"
#include "navigation/cursor_context.h"
#include "navigation/schema_facts.h"
#include "navigation/tree_reading.h"
#include "syntax/json_view.h"
#include "validation/schema_lookup.h"

namespace amllint::nav {
namespace {

using nlohmann::json;
using Kind = CompletionItem::Kind;

CompletionItem item(const CursorContext& ctx, uint32_t offset, std::string label, Kind kind) {
  CompletionItem c;
  c.label = label;
  c.kind = kind;
  c.replace = {ctx.partial_begin, offset};
  c.new_text = std::move(label);
  return c;
}

// Snippet text for a new key: containers open an indented block, closed sets offer a choice.
std::string key_snippet(const std::string& name, const json& node) {
  if (schema_is(node, "object")) return name + ":\n  $0";
  if (schema_is(node, "array")) return name + ":\n  - $0";
  std::vector<std::string> values = schema_values(node);
  if (values.size() > 1) {
    std::string choice = name + ": ${1|";
    for (size_t i = 0; i < values.size(); ++i) choice += (i ? "," : "") + values[i];
    return choice + "|}";
  }
  return name + ": $0";
}

void keys(const Analysis& analysis, const JsonView& view, const CursorContext& ctx, uint32_t offset,
          std::vector<CompletionItem>& out) {
  SchemaLookup lookup(analysis.kind, view, analysis.model.get(), ctx.path);
  SchemaInfo info = lookup.at();
  for (const auto& p : info.properties) {
    if (ctx.siblings.count(p.name) || p.name == "$schema") continue;
    CompletionItem c = item(ctx, offset, p.name, Kind::Key);
    SchemaInfo child = lookup.at(p.name);
    c.detail = schema_type(child.node);
    if (p.required) c.detail = c.detail.empty() ? "required" : c.detail + " (required)";
    c.documentation = p.description.empty() ? child.description : p.description;
    c.new_text = key_snippet(p.name, child.node);
    c.snippet = true;
    c.filter_text = p.name;
    // Required keys first, then alphabetical.
    c.sort_text = (p.required ? "0" : "1") + p.name;
    out.push_back(std::move(c));
  }
}

// The step of a pipeline whose mapping `path` ends in (`/jobs/<step>/<section>`, also inside an
// inline pipeline component), or null.
const Step* step_at(const JobModel* model, const std::vector<std::string>& path, size_t end) {
  const Step* step = nullptr;
  for (size_t i = 0; model && i + 1 < end; ++i) {
    if (path[i] != "jobs" || (i > 0 && path[i - 1] != "component")) continue;
    step = model->step(path[i + 1]);
    if (i + 2 == end) return step;
    model = step ? step->inline_model.get() : nullptr;
  }
  return nullptr;
}

// Under a `component:` step's `inputs:` or `outputs:`, the schema allows any name: the names
// the step's component declares are the ones that bind to something.
void port_names(const Analysis& analysis, const CursorContext& ctx, uint32_t offset,
                std::vector<CompletionItem>& out) {
  const auto& path = ctx.path;
  if (path.size() < 3 || (path.back() != "inputs" && path.back() != "outputs")) return;
  const Step* step = step_at(analysis.model.get(), path, path.size() - 1);
  if (!step || !step->component) return;
  const JobModel* ports = step->ports();
  if (!ports) return;
  const bool inputs = path.back() == "inputs";
  for (const Port& p : inputs ? ports->inputs : ports->outputs) {
    if (ctx.siblings.count(p.name)) continue;
    CompletionItem c = item(ctx, offset, p.name, Kind::Name);
    c.new_text = p.name + ": $0";
    c.snippet = true;
    c.filter_text = p.name;
    std::string what = inputs ? "input" : "output";
    if (!p.type.empty()) what = p.type + " " + what;
    if (p.optional || p.has_default) what += p.optional ? " (optional)" : " (has a default)";
    c.detail = what;
    // Ports without a default that must be bound first.
    c.sort_text = (inputs && !p.optional && !p.has_default ? "0" : "1") + p.name;
    out.push_back(std::move(c));
  }
}

void values(const Analysis& analysis, const JsonView& view, const CursorContext& ctx,
            uint32_t offset, std::vector<CompletionItem>& out) {
  SchemaInfo info = SchemaLookup(analysis.kind, view, analysis.model.get(), ctx.path).at(ctx.key);
  for (const auto& v : schema_values(info.node)) {
    CompletionItem c = item(ctx, offset, v, Kind::Value);
    c.documentation = info.description;
    out.push_back(std::move(c));
  }
}

// After `azureml:`: the names of the kind the key names, from the project and Microsoft's lists.
void assets(const CursorContext& ctx, uint32_t offset, const std::string& path, Environment* env,
            std::vector<CompletionItem>& out) {
  for (AssetName& n : asset_names(ctx.path, ctx.key, path, env)) {
    CompletionItem c;
    c.label = n.text;
    c.kind = Kind::Asset;
    c.replace = {ctx.partial_begin + 8, offset};
    c.new_text = std::move(n.text);
    c.detail = std::move(n.detail);
    out.push_back(std::move(c));
  }
}

// The value the cursor is in, as JSON pointer tokens: from the tree when the cursor is in a
// scalar it holds (a binding in a block `command:`, whose line has no key), else as the text
// around the cursor reads it.
std::vector<std::string> value_tokens(const Analysis& analysis, const CursorContext& ctx,
                                      uint32_t offset) {
  if (analysis.tree) {
    TreePath path = tree_path(*analysis.tree, offset);
    if (!path.key && path.value && path.value->is_scalar()) return path.tokens;
  }
  return ctx.path;
}

// The candidates of the names `lookup` resolves, as the undefined-reference rules read them
// (rules/undefined_reference.cpp): a step's outputs are its component's declared ones (or an
// inline step's own); an AutoML step produces `best_model`; a step whose component is not in
// the file (registry, workspace) accepts any name, of which those bound in the step are offered.
std::vector<std::string> candidates(const Lookup& lookup, const Binding& b) {
  if (lookup.kind != LookupKind::Steps) return lookup.ports.names();
  if (!lookup.pipeline) return {};
  if (b.kind == BindingKind::ParentJob) {
    std::vector<std::string> names;
    for (const Step& s : lookup.pipeline->steps) names.push_back(s.name);
    return names;
  }
  const Step* step = lookup.pipeline->step(b.step);
  if (!step) return {};
  PortList outputs = step_ports(*step).outputs;
  if (outputs.ports) return outputs.names();
  std::vector<std::string> names;
  if (step->type == "automl") names.push_back("best_model");
  for (const Port& p : step->outputs)
    if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
  return names;
}

// Whether `offset` is inside a `$[[` that is not closed before it on its line.
bool in_optional_block(const Document& doc, uint32_t offset) {
  uint32_t start = doc.line_start(doc.line_of(offset));
  std::string_view before = std::string_view(doc.text()).substr(start, offset - start);
  size_t open = before.rfind("$[[");
  return open != std::string_view::npos && before.find("]]", open) == std::string_view::npos;
}

}  // namespace

std::vector<CompletionItem> binding_completions(const Document& doc, const Analysis& analysis,
                                                uint32_t offset,
                                                const std::vector<std::string>& typed) {
  CursorContext ctx = cursor_context(doc, offset);
  std::vector<CompletionItem> out;
  const JobModel* root = analysis.model.get();
  if (!root || !root->root) return out;
  BindingPlace place = place_at(*root, value_tokens(analysis, ctx, offset));
  if (!place.owner) return out;
  const bool parent = place.scope == BindingScope::Parent;
  auto add = [&](std::vector<std::string> names, Kind kind) {
    for (auto& n : names) out.push_back(item(ctx, offset, std::move(n), kind));
  };
  if (typed.empty()) {
    std::vector<std::string> scopes = {"inputs", "outputs"};
    if (parent) scopes.push_back("parent");
    if (!parent && place.owner->kind == FileKind::SweepJob) scopes.push_back("search_space");
    add(std::move(scopes), Kind::Scope);
    return out;
  }
  if (typed.size() == 1 && typed[0] == "parent") {
    if (parent) add({"inputs", "outputs", "jobs"}, Kind::Scope);
    return out;
  }
  if (typed.size() == 3 && typed[0] == "parent" && typed[1] == "jobs") {
    if (parent && place.owner->step(typed[2])) add({"outputs"}, Kind::Scope);
    return out;
  }
  // Any other prefix ends where a name follows: ask the lookup the rules use what that name is
  // resolved against, with a probe name in its place.
  constexpr std::string_view kProbe = "amllint_probe";
  std::string text = "${{";
  for (const std::string& s : typed) text += s + ".";
  text += std::string(kProbe) + "}}";
  BindingScan scan = scan_bindings(text);
  if (scan.bindings.size() != 1) return out;
  BoundExpression probe;
  probe.binding = std::move(scan.bindings[0]);
  const Binding& b = probe.binding;
  const bool names_step = b.kind == BindingKind::ParentJob && b.step == kProbe;
  const BindingSegment* seg = name_segment(b);
  if (!names_step && !(seg && seg->text == kProbe && b.name == kProbe)) return out;
  // The probe stands where the cursor is, so that the lookup sees which section holds it.
  yaml::Node here;
  here.range = {offset, offset};
  probe.scalar = &here;
  probe.scope = place.scope;
  probe.owner = place.owner;
  probe.step = place.step;
  Lookup lookup = lookup_for(probe);
  if (lookup.kind == LookupKind::None) return out;
  std::vector<std::string> names = candidates(lookup, b);
  // In a sweep trial's optional block `$[[...]]` the SDK does not check `${{inputs.x}}` against
  // the inputs, and the rule accepts a search-space parameter there too.
  if (lookup.kind == LookupKind::Inputs && lookup.model &&
      lookup.model->kind == FileKind::SweepJob && in_optional_block(doc, offset))
    for (const Port& p : lookup.model->search_space)
      if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
  add(std::move(names), names_step ? Kind::Step : Kind::Name);
  return out;
}

std::vector<CompletionItem> complete(const Document& doc, const Analysis& analysis,
                                     const JsonView& view, uint32_t offset, const std::string& path,
                                     Environment* env) {
  std::vector<CompletionItem> out;
  if (analysis.kind == FileKind::NotAzureMl) return out;
  CursorContext ctx = cursor_context(doc, offset);
  switch (ctx.mode) {
    case CursorContext::Mode::Key:
      keys(analysis, view, ctx, offset, out);
      port_names(analysis, ctx, offset, out);
      break;
    case CursorContext::Mode::Value:
      if (ctx.partial.starts_with("azureml:") && !ctx.partial.starts_with("azureml://")) {
        assets(ctx, offset, path, env, out);
        break;
      }
      values(analysis, view, ctx, offset, out);
      break;
    case CursorContext::Mode::Expression:
      return binding_completions(doc, analysis, offset, ctx.expression);
  }
  return out;
}

}  // namespace amllint::nav
