#include "navigation/hover.h"

#include "model/binding_scope.h"
#include "model/uri.h"
#include "navigation/assets.h"
#include "navigation/schema_facts.h"
#include "navigation/tree_reading.h"
#include "syntax/json_view.h"
#include "validation/schema_validate.h"

namespace amllint::nav {
namespace {

using nlohmann::json;
using yaml::Node;

std::string describe_value(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// A declaration as a short markdown list: scalars inline, mappings by their scalar fields.
std::string describe_declaration(const std::string& title, const Declared& d) {
  std::string md = "**" + title + "**";
  if (!d.key) return md + "\n\nnot declared in this file";
  const json decl = d.value ? to_json(d.value).value : json();
  if (decl.is_null()) return md;
  if (!decl.is_object()) return md + " = `" + describe_value(decl) + "`";
  for (const auto& [k, v] : decl.items()) {
    if (v.is_object() || v.is_array()) continue;
    md += "\n- " + k + ": `" + describe_value(v) + "`";
  }
  return md;
}

// The name a binding looks up, resolved as the rules resolve it.
Name looked_up(const BoundExpression& e) {
  const Binding& b = e.binding;
  Lookup lookup = lookup_for(e);
  switch (lookup.kind) {
    case LookupKind::Steps: {
      if (b.kind == BindingKind::ParentJob || !lookup.pipeline)
        return {Name::Kind::Step, lookup.pipeline, b.step};
      const Step* step = lookup.pipeline->step(b.step);
      return {Name::Kind::Output, step ? step->ports() : nullptr, b.name};
    }
    case LookupKind::SearchSpace: return {Name::Kind::Parameter, lookup.model, b.name};
    case LookupKind::Inputs: {
      // A sweep's trial reading a search-space parameter as an input names the parameter.
      const JobModel* m = lookup.model;
      if (m && !m->input(b.name) && m->kind == FileKind::SweepJob && m->parameter(b.name))
        return {Name::Kind::Parameter, m, b.name};
      return {Name::Kind::Input, m, b.name};
    }
    case LookupKind::Outputs: return {Name::Kind::Output, lookup.model, b.name};
    case LookupKind::None: break;
  }
  return {};
}

std::optional<HoverText> expression_hover(const Analysis& analysis, uint32_t offset) {
  if (!analysis.model) return std::nullopt;
  for (const BoundExpression& e : analysis.model->bindings) {
    const Binding& b = e.binding;
    if (offset < b.range.begin || offset >= b.range.end) continue;
    Declared d = declared_nodes(looked_up(e));
    // An output of a step whose component is not in the file: what the step binds it to.
    if (!d.key && b.kind == BindingKind::ParentJobOutput)
      if (const JobModel* pipeline = lookup_for(e).pipeline)
        if (const Step* step = pipeline->step(b.step))
          for (const Port& p : step->outputs)
            if (p.name == b.name) d = {p.key, p.value};
    std::string md;
    using K = BindingKind;
    switch (b.kind) {
      case K::Input: md = describe_declaration("input " + b.name, d); break;
      case K::Output: md = describe_declaration("output " + b.name, d); break;
      case K::ParentInput: md = describe_declaration("pipeline input " + b.name, d); break;
      case K::ParentOutput: md = describe_declaration("pipeline output " + b.name, d); break;
      case K::ParentJob: md = describe_declaration("step " + b.step, d); break;
      case K::ParentJobOutput:
        md = describe_declaration("output " + b.name + " of step " + b.step, d);
        break;
      case K::SearchSpace: md = describe_declaration("search space " + b.name, d); break;
      case K::Macro: md = "**" + b.name + "**\n\nfilled in by Azure ML when the job runs"; break;
      case K::Unknown: md = "`" + b.path + "`: not a name Azure ML resolves"; break;
    }
    return HoverText{md, b.range};
  }
  return std::nullopt;
}

std::optional<HoverText> reference_hover(const Node& value) {
  Reference ref = parse_reference(value.text());
  using R = ReferenceKind;
  if (ref.kind == R::Empty || ref.kind == R::Binding || ref.kind == R::LocalPath)
    return std::nullopt;
  std::string md = std::string("**") + reference_kind_name(ref.kind) + "**";
  if (!ref.ok()) md += "\n\n" + ref.error;
  for (const auto& p : ref.parts) md += "\n- " + p.role + ": `" + p.value + "`";
  return HoverText{md, value.range};
}

std::string schema_markdown(const std::string& title, const SchemaInfo& info) {
  std::string md = "**" + title + "**";
  std::string type = schema_type(info.node);
  if (!type.empty()) md += ": `" + type + "`";
  if (!info.description.empty()) md += "\n\n" + info.description;
  std::vector<std::string> values = schema_values(info.node);
  if (!values.empty() && values.size() <= 30) {
    md += "\n\nOne of:";
    for (const auto& v : values) md += " `" + v + "`";
  }
  return md;
}

// Where the project declares an `azureml:` name.
std::string asset_markdown(const AssetSite& a) {
  if (a.found)
    return "The " + a.title + " is declared in `" + a.file + "` line " +
           std::to_string(a.line + 1) + ".";
  if (!a.note.empty()) return "The " + a.title + " is " + a.note + ".";
  return "The " + a.title +
         " is not declared in this project (it may exist only in the "
         "workspace).";
}

}  // namespace

std::optional<HoverText> hover_at(const Document& /*doc*/, const Analysis& analysis,
                                  const JsonView& view, uint32_t offset, const std::string& path,
                                  Environment* env) {
  if (analysis.kind == FileKind::NotAzureMl || !analysis.tree || !analysis.tree->root)
    return std::nullopt;
  if (auto h = expression_hover(analysis, offset)) return h;
  TreePath tp = tree_path(*analysis.tree, offset);
  if (!tp.key && tp.value && tp.value->is_scalar()) {
    std::optional<AssetSite> asset;
    if (env) asset = asset_at(analysis, path, *env, offset);
    if (auto h = reference_hover(*tp.value)) {
      if (asset) h->markdown += "\n\n" + asset_markdown(*asset);
      return h;
    }
  }
  if (!tp.key || tp.tokens.empty()) return std::nullopt;
  std::string pointer;
  for (const auto& t : tp.tokens) pointer += "/" + escape_pointer_token(t);
  SchemaInfo info = schema_at(analysis.kind, view, pointer);
  if (info.node.is_null() && info.description.empty()) return std::nullopt;
  return HoverText{schema_markdown(tp.tokens.back(), info), tp.key->range};
}

}  // namespace amllint::nav
