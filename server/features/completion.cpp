#include "completion.h"

#include "cursor_context.h"
#include "schema_facts.h"
#include "syntax/json_view.h"
#include "validation/schema_validate.h"

namespace amlls {
namespace {

using nlohmann::json;

lsp::CompletionItem item(const FeatureInput& in, const CursorContext& ctx, uint32_t offset,
                         std::string label, lsp::CompletionItemKind kind) {
  lsp::CompletionItem c;
  c.label = label;
  c.kind = kind;
  c.text_edit = lsp::TextEdit{in.range({ctx.partial_begin, offset}), std::move(label)};
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

void keys(const FeatureInput& in, const CursorContext& ctx, uint32_t offset,
          lsp::CompletionList& out) {
  std::string pointer = ctx.pointer();
  amllint::SchemaInfo info = amllint::schema_at(in.analysis.kind, in.view(), pointer);
  for (const auto& p : info.properties) {
    if (ctx.siblings.count(p.name) || p.name == "$schema") continue;
    lsp::CompletionItem c = item(in, ctx, offset, p.name, lsp::CompletionItemKind::Property);
    amllint::SchemaInfo child = amllint::schema_at(
        in.analysis.kind, in.view(), pointer + "/" + amllint::escape_pointer_token(p.name));
    c.detail = schema_type(child.node);
    if (p.required) c.detail = c.detail.empty() ? "required" : c.detail + " (required)";
    c.documentation = p.description.empty() ? child.description : p.description;
    c.text_edit->new_text = key_snippet(p.name, child.node);
    c.snippet = true;
    c.filter_text = p.name;
    // Required keys first, then alphabetical.
    c.sort_text = (p.required ? "0" : "1") + p.name;
    out.items.push_back(std::move(c));
  }
}

void values(const FeatureInput& in, const CursorContext& ctx, uint32_t offset,
            lsp::CompletionList& out) {
  std::string pointer = ctx.pointer() + "/" + amllint::escape_pointer_token(ctx.key);
  amllint::SchemaInfo info = amllint::schema_at(in.analysis.kind, in.view(), pointer);
  for (const auto& v : schema_values(info.node)) {
    lsp::CompletionItem c = item(in, ctx, offset, v, lsp::CompletionItemKind::EnumMember);
    c.documentation = info.description;
    out.items.push_back(std::move(c));
  }
}

std::vector<std::string> keys_of(const json& v) {
  std::vector<std::string> out;
  if (v.is_object())
    for (const auto& [k, _] : v.items()) out.push_back(k);
  return out;
}

const json& at(const json& v, std::initializer_list<std::string_view> path) {
  static const json kNull;
  const json* cur = &v;
  for (auto key : path) {
    if (!cur->is_object()) return kNull;
    auto it = cur->find(key);
    if (it == cur->end()) return kNull;
    cur = &*it;
  }
  return *cur;
}

// Names in scope after `${{`, by the segments already typed.
void expression(const FeatureInput& in, const CursorContext& ctx, uint32_t offset,
                lsp::CompletionList& out) {
  const json& root = in.view().value;
  bool pipeline = in.analysis.kind == amllint::FileKind::PipelineJob ||
                  in.analysis.kind == amllint::FileKind::PipelineComponent;
  // Inside a step, bare `inputs.`/`outputs.` name the step's own ports.
  const json* scope = &root;
  if (pipeline && ctx.path.size() >= 2 && ctx.path[0] == "jobs") {
    const json& step = at(root, {"jobs", ctx.path[1]});
    if (step.is_object()) scope = &step;
  }
  const auto& e = ctx.expression;
  std::vector<std::string> names;
  auto kind = lsp::CompletionItemKind::Variable;
  if (e.empty()) {
    names = {"inputs", "outputs"};
    if (pipeline) names.push_back("parent");
    if (in.analysis.kind == amllint::FileKind::SweepJob) names.push_back("search_space");
    kind = lsp::CompletionItemKind::Module;
  } else if (e.size() == 1 && (e[0] == "inputs" || e[0] == "outputs")) {
    names = keys_of(at(*scope, {e[0]}));
  } else if (e.size() == 1 && e[0] == "search_space") {
    names = keys_of(at(root, {"search_space"}));
  } else if (e.size() == 1 && e[0] == "parent" && pipeline) {
    names = {"inputs", "outputs", "jobs"};
    kind = lsp::CompletionItemKind::Module;
  } else if (e.size() == 2 && e[0] == "parent" && (e[1] == "inputs" || e[1] == "outputs")) {
    names = keys_of(at(root, {e[1]}));
  } else if (e.size() == 2 && e[0] == "parent" && e[1] == "jobs") {
    names = keys_of(at(root, {"jobs"}));
    kind = lsp::CompletionItemKind::Reference;
  } else if (e.size() == 3 && e[0] == "parent" && e[1] == "jobs") {
    names = {"outputs"};
    kind = lsp::CompletionItemKind::Module;
  } else if (e.size() == 4 && e[0] == "parent" && e[1] == "jobs" && e[3] == "outputs") {
    names = keys_of(at(root, {"jobs", e[2], "outputs"}));
  }
  for (auto& n : names) out.items.push_back(item(in, ctx, offset, std::move(n), kind));
}

}  // namespace

lsp::CompletionList completion(const FeatureInput& in, lsp::Position position) {
  lsp::CompletionList out;
  if (!in.is_azure_ml()) return out;
  uint32_t offset = in.offset(position);
  CursorContext ctx = cursor_context(in.doc, offset);
  switch (ctx.mode) {
    case CursorContext::Mode::Key: keys(in, ctx, offset, out); break;
    case CursorContext::Mode::Value: values(in, ctx, offset, out); break;
    case CursorContext::Mode::Expression: expression(in, ctx, offset, out); break;
  }
  return out;
}

}  // namespace amlls
