#include "navigation/outline.h"

#include <unordered_set>

#include "syntax/document.h"
#include "syntax/yaml_tree.h"

namespace amllint::nav {
namespace {

using yaml::Node;
using K = Symbol::Kind;
// Aliases share their anchor's node: outline and fold each node once, where it is written.
using Visited = std::unordered_set<const Node*>;

// What a key's children are, by the key that holds them.
K child_kind(std::string_view parent_key, K inherited) {
  if (parent_key == "inputs" || parent_key == "outputs") return K::Variable;
  if (parent_key == "jobs") return K::Class;
  if (parent_key == "search_space") return K::Variable;
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

void collect(const Node* node, K kind, std::vector<Symbol>& out, Visited& seen);

Symbol make(std::string name, TextRange whole, TextRange selection, K kind, const Node* value,
            K children_kind, Visited& seen) {
  Symbol s;
  s.name = name.empty() ? "\"\"" : std::move(name);
  s.kind = kind;
  s.detail = detail_of(value);
  s.range = whole;
  s.selection = selection;
  if (value) collect(value, children_kind, s.children, seen);
  return s;
}

void collect(const Node* node, K kind, std::vector<Symbol>& out, Visited& seen) {
  if (!seen.insert(node).second) return;
  if (node->is_mapping()) {
    for (const auto& pair : node->pairs) {
      if (pair.merged || !pair.key) continue;  // merged keys belong to their anchor's outline
      // An alias value lies at its anchor, before the key: then the key alone is the symbol.
      bool written_here = pair.value && pair.value->range.begin >= pair.key->range.begin;
      TextRange whole{pair.key->range.begin,
                      written_here ? std::max(pair.value->range.end, pair.key->range.end)
                                   : pair.key->range.end};
      std::string name(pair.key->text());
      K own = pair.value && pair.value->is_sequence() ? K::Array : kind;
      out.push_back(
          make(name, whole, pair.key->range, own, pair.value, child_kind(name, K::Field), seen));
    }
  } else if (node->is_sequence()) {
    for (size_t i = 0; i < node->items.size(); ++i) {
      const Node* item = node->items[i];
      if (!item->is_mapping()) continue;  // scalar lists add nothing to an outline
      std::string name = "[" + std::to_string(i) + "]";
      if (const Node* n = item->get("name"); n && n->is_scalar()) name = std::string(n->text());
      if (seen.count(item)) continue;
      out.push_back(make(name, item->range, item->range, K::Object, item, K::Field, seen));
    }
  }
}

// The line holding the last character of a node (its range end is one past it).
uint32_t last_line(const Document& doc, const Node* n) {
  uint32_t end = n->range.end > n->range.begin ? n->range.end - 1 : n->range.end;
  return doc.line_of(end);
}

void add(const Document& doc, uint32_t start_offset, const Node* value, std::vector<Fold>& out) {
  if (!value || value->is_null()) return;
  uint32_t first = doc.line_of(start_offset);
  uint32_t last = last_line(doc, value);
  if (last > first) out.push_back({first, last, false});
}

void walk(const Document& doc, const Node* node, std::vector<Fold>& out, Visited& seen) {
  if (!seen.insert(node).second) return;
  if (node->is_mapping()) {
    for (const auto& pair : node->pairs) {
      if (pair.merged || !pair.key || !pair.value) continue;
      if (seen.count(pair.value)) continue;
      add(doc, pair.key->range.begin, pair.value, out);
      walk(doc, pair.value, out, seen);
    }
  } else if (node->is_sequence()) {
    for (const Node* item : node->items) {
      if (seen.count(item)) continue;
      if (item->is_mapping() || item->is_sequence()) add(doc, item->range.begin, item, out);
      walk(doc, item, out, seen);
    }
  }
}

bool is_comment_line(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  return i != std::string_view::npos && line[i] == '#';
}

// Comment runs, skipping lines that lie inside a block scalar (there `#` is content).
void comment_runs(const Document& doc, const Node* root, std::vector<Fold>& out) {
  std::vector<bool> in_scalar(doc.line_count(), false);
  std::vector<const Node*> stack{root};
  Visited seen;
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    if (n->is_scalar()) {
      for (uint32_t l = doc.line_of(n->range.begin) + 1; l <= last_line(doc, n); ++l)
        in_scalar[l] = true;
    }
    for (const auto& p : n->pairs) {
      if (!p.merged && p.value) stack.push_back(p.value);
    }
    for (const Node* i : n->items) stack.push_back(i);
  }
  uint32_t run_start = 0;
  uint32_t run_length = 0;
  for (uint32_t l = 0; l <= doc.line_count(); ++l) {
    bool comment = l < doc.line_count() && !in_scalar[l] && is_comment_line(doc.line_text(l));
    if (comment) {
      if (run_length++ == 0) run_start = l;
      continue;
    }
    if (run_length >= 2) out.push_back({run_start, run_start + run_length - 1, true});
    run_length = 0;
  }
}

}  // namespace

std::vector<Symbol> outline(const Analysis& analysis) {
  std::vector<Symbol> out;
  if (analysis.kind == FileKind::NotAzureMl || !analysis.tree || !analysis.tree->root) return out;
  Visited seen;
  collect(analysis.tree->root, K::Property, out, seen);
  return out;
}

std::vector<Fold> folds(const Document& doc, const Analysis& analysis) {
  std::vector<Fold> out;
  if (analysis.kind == FileKind::NotAzureMl || !analysis.tree || !analysis.tree->root) return out;
  Visited seen;
  walk(doc, analysis.tree->root, out, seen);
  comment_runs(doc, analysis.tree->root, out);
  return out;
}

}  // namespace amllint::nav
