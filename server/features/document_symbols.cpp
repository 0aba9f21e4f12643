#include "document_symbols.h"

#include <unordered_set>

#include "syntax/yaml_tree.h"

namespace amlls {
namespace {

using amllint::yaml::Node;
// Aliases share their anchor's node: outline each node once, where it is written.
using Visited = std::unordered_set<const Node*>;

// What a key's children are, by the key that holds them.
lsp::SymbolKind child_kind(std::string_view parent_key, lsp::SymbolKind inherited) {
  if (parent_key == "inputs" || parent_key == "outputs") return lsp::SymbolKind::Variable;
  if (parent_key == "jobs") return lsp::SymbolKind::Class;
  if (parent_key == "search_space") return lsp::SymbolKind::Variable;
  return inherited;
}

std::string detail_of(const Node* value) {
  if (!value) return {};
  if (value->is_scalar()) {
    std::string_view v = value->text();
    if (v.size() > 60) return std::string(v.substr(0, 57)) + "...";
    return std::string(v);
  }
  if (value->is_mapping()) {
    if (const Node* type = value->get("type"); type && type->is_scalar())
      return std::string(type->text());
  }
  return {};
}

void collect(const FeatureInput& in, const Node* node, lsp::SymbolKind kind,
             std::vector<lsp::DocumentSymbol>& out, Visited& seen);

lsp::DocumentSymbol make(const FeatureInput& in, std::string name, amllint::TextRange whole,
                         amllint::TextRange selection, lsp::SymbolKind kind, const Node* value,
                         lsp::SymbolKind children_kind, Visited& seen) {
  lsp::DocumentSymbol s;
  s.name = name.empty() ? "\"\"" : std::move(name);
  s.kind = kind;
  s.detail = detail_of(value);
  s.range = in.range(whole);
  s.selection_range = in.range(selection);
  if (value) collect(in, value, children_kind, s.children, seen);
  return s;
}

void collect(const FeatureInput& in, const Node* node, lsp::SymbolKind kind,
             std::vector<lsp::DocumentSymbol>& out, Visited& seen) {
  if (!seen.insert(node).second) return;
  if (node->is_mapping()) {
    for (const auto& pair : node->pairs) {
      if (pair.merged || !pair.key) continue;  // merged keys belong to their anchor's outline
      // An alias value lies at its anchor, before the key: then the key alone is the symbol.
      bool written_here = pair.value && pair.value->range.begin >= pair.key->range.begin;
      amllint::TextRange whole{pair.key->range.begin,
                               written_here ? std::max(pair.value->range.end, pair.key->range.end)
                                            : pair.key->range.end};
      std::string name(pair.key->text());
      lsp::SymbolKind own = pair.value && pair.value->is_sequence() ? lsp::SymbolKind::Array : kind;
      out.push_back(make(in, name, whole, pair.key->range, own, pair.value,
                         child_kind(name, lsp::SymbolKind::Field), seen));
    }
  } else if (node->is_sequence()) {
    for (size_t i = 0; i < node->items.size(); ++i) {
      const Node* item = node->items[i];
      if (!item->is_mapping()) continue;  // scalar lists add nothing to an outline
      std::string name = "[" + std::to_string(i) + "]";
      if (const Node* n = item->get("name"); n && n->is_scalar()) name = std::string(n->text());
      if (seen.count(item)) continue;
      out.push_back(make(in, name, item->range, item->range, lsp::SymbolKind::Object, item,
                         lsp::SymbolKind::Field, seen));
    }
  }
}

}  // namespace

std::vector<lsp::DocumentSymbol> document_symbols(const FeatureInput& in) {
  std::vector<lsp::DocumentSymbol> out;
  if (!in.is_azure_ml() || !in.analysis.tree || !in.analysis.tree->root) return out;
  Visited seen;
  collect(in, in.analysis.tree->root, lsp::SymbolKind::Property, out, seen);
  return out;
}

}  // namespace amlls
