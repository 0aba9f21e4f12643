#include "hover.h"

#include "model/expressions.h"
#include "model/uri.h"
#include "schema_facts.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"
#include "validation/schema_validate.h"

namespace amlls {
namespace {

using amllint::yaml::Node;
using nlohmann::json;

const json& child(const json& v, std::string_view key) {
  static const json kNull;
  if (!v.is_object()) return kNull;
  auto it = v.find(key);
  return it == v.end() ? kNull : *it;
}

std::string describe_value(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// A declaration as a short markdown list: scalars inline, mappings by their scalar fields.
std::string describe_declaration(const std::string& title, const json& decl) {
  std::string md = "**" + title + "**";
  if (decl.is_null()) return md + "\n\nnot declared in this file";
  if (!decl.is_object()) return md + " = `" + describe_value(decl) + "`";
  for (const auto& [k, v] : decl.items()) {
    if (v.is_object() || v.is_array()) continue;
    md += "\n- " + k + ": `" + describe_value(v) + "`";
  }
  return md;
}

std::optional<lsp::Hover> expression_hover(const FeatureInput& in, uint32_t offset,
                                           const std::vector<std::string>& path) {
  uint32_t line = in.doc.line_of(offset);
  uint32_t start = in.doc.line_start(line);
  std::string_view text = in.doc.line_text(line);
  if (!amllint::may_contain_binding(text)) return std::nullopt;
  amllint::BindingScan scan = amllint::scan_bindings(text);
  for (const auto& b : scan.bindings) {
    if (offset < start + b.range.begin || offset >= start + b.range.end) continue;
    const json& root = in.view().value;
    const json* scope = &root;
    if (path.size() >= 2 && path[0] == "jobs" && child(root, "jobs").contains(path[1]))
      scope = &child(child(root, "jobs"), path[1]);
    std::string md;
    using K = amllint::BindingKind;
    switch (b.kind) {
      case K::Input:
        md = describe_declaration("input " + b.name, child(child(*scope, "inputs"), b.name));
        break;
      case K::Output:
        md = describe_declaration("output " + b.name, child(child(*scope, "outputs"), b.name));
        break;
      case K::ParentInput:
        md = describe_declaration("pipeline input " + b.name, child(child(root, "inputs"), b.name));
        break;
      case K::ParentOutput:
        md = describe_declaration("pipeline output " + b.name,
                                  child(child(root, "outputs"), b.name));
        break;
      case K::ParentJob:
        md = describe_declaration("step " + b.step, child(child(root, "jobs"), b.step));
        break;
      case K::ParentJobOutput:
        md = describe_declaration(
            "output " + b.name + " of step " + b.step,
            child(child(child(child(root, "jobs"), b.step), "outputs"), b.name));
        break;
      case K::SearchSpace:
        md = describe_declaration("search space " + b.name,
                                  child(child(root, "search_space"), b.name));
        break;
      case K::Macro: md = "**" + b.name + "**\n\nfilled in by Azure ML when the job runs"; break;
      case K::Unknown: md = "`" + b.path + "`: not a name Azure ML resolves"; break;
    }
    return lsp::Hover{md, in.range({start + b.range.begin, start + b.range.end})};
  }
  return std::nullopt;
}

std::optional<lsp::Hover> reference_hover(const FeatureInput& in, const Node& value) {
  amllint::Reference ref = amllint::parse_reference(value.text());
  using R = amllint::ReferenceKind;
  if (ref.kind == R::Empty || ref.kind == R::Binding || ref.kind == R::LocalPath)
    return std::nullopt;
  std::string md = std::string("**") + amllint::reference_kind_name(ref.kind) + "**";
  if (!ref.ok()) md += "\n\n" + ref.error;
  for (const auto& p : ref.parts) md += "\n- " + p.role + ": `" + p.value + "`";
  return lsp::Hover{md, in.range(value.range)};
}

std::string schema_markdown(const std::string& title, const amllint::SchemaInfo& info) {
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

}  // namespace

std::optional<lsp::Hover> hover(const FeatureInput& in, lsp::Position position) {
  if (!in.is_azure_ml() || !in.analysis.tree || !in.analysis.tree->root) return std::nullopt;
  uint32_t offset = in.offset(position);
  std::vector<const Node*> nodes = amllint::yaml::path_to(*in.analysis.tree, offset);

  // JSON pointer tokens of the innermost node, and whether the cursor is on a key.
  std::vector<std::string> path;
  const Node* key = nullptr;
  const Node* value = nullptr;
  for (size_t i = 0; i + 1 < nodes.size(); ++i) {
    const Node* parent = nodes[i];
    const Node* next = nodes[i + 1];
    if (parent->is_mapping()) {
      for (const auto& p : parent->pairs) {
        if (p.merged) continue;
        if (p.key == next) key = next, value = p.value;
        if (p.key == next || p.value == next) {
          path.emplace_back(p.key ? p.key->text() : "");
          if (p.value == next) key = nullptr, value = next;
          break;
        }
      }
    } else if (parent->is_sequence()) {
      for (size_t k = 0; k < parent->items.size(); ++k) {
        if (parent->items[k] == next) path.push_back(std::to_string(k));
      }
      key = nullptr;
      value = next;
    }
  }

  if (auto h = expression_hover(in, offset, path)) return h;
  if (!key && value && value->is_scalar()) {
    if (auto h = reference_hover(in, *value)) return h;
  }
  if (!key || path.empty()) return std::nullopt;
  std::string pointer;
  for (const auto& t : path) pointer += "/" + amllint::escape_pointer_token(t);
  amllint::SchemaInfo info = amllint::schema_at(in.analysis.kind, in.view(), pointer);
  if (info.node.is_null() && info.description.empty()) return std::nullopt;
  return lsp::Hover{schema_markdown(path.back(), info), in.range(key->range)};
}

}  // namespace amlls
