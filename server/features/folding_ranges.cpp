#include "folding_ranges.h"

#include <unordered_set>

#include "syntax/yaml_tree.h"

namespace amlls {
namespace {

using amllint::yaml::Node;

// The line holding the last character of a node (its range end is one past it).
uint32_t last_line(const amllint::Document& doc, const Node* n) {
  uint32_t end = n->range.end > n->range.begin ? n->range.end - 1 : n->range.end;
  return doc.line_of(end);
}

void add(const FeatureInput& in, uint32_t start_offset, const Node* value,
         std::vector<lsp::FoldingRange>& out) {
  if (!value || value->is_null()) return;
  uint32_t first = in.doc.line_of(start_offset);
  uint32_t last = last_line(in.doc, value);
  if (last > first) out.push_back({first, last, ""});
}

// Aliases share their anchor's node: visit each node once, where it is written.
using Visited = std::unordered_set<const Node*>;

void walk(const FeatureInput& in, const Node* node, std::vector<lsp::FoldingRange>& out,
          Visited& seen) {
  if (!seen.insert(node).second) return;
  if (node->is_mapping()) {
    for (const auto& pair : node->pairs) {
      if (pair.merged || !pair.key || !pair.value) continue;
      if (seen.count(pair.value)) continue;
      add(in, pair.key->range.begin, pair.value, out);
      walk(in, pair.value, out, seen);
    }
  } else if (node->is_sequence()) {
    for (const Node* item : node->items) {
      if (seen.count(item)) continue;
      if (item->is_mapping() || item->is_sequence()) add(in, item->range.begin, item, out);
      walk(in, item, out, seen);
    }
  }
}

bool is_comment_line(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  return i != std::string_view::npos && line[i] == '#';
}

// Comment runs, skipping lines that lie inside a block scalar (there `#` is content).
void comment_runs(const FeatureInput& in, std::vector<lsp::FoldingRange>& out) {
  std::vector<bool> in_scalar(in.doc.line_count(), false);
  std::vector<const Node*> stack{in.analysis.tree->root};
  Visited seen;
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    if (n->is_scalar()) {
      for (uint32_t l = in.doc.line_of(n->range.begin) + 1; l <= last_line(in.doc, n); ++l)
        in_scalar[l] = true;
    }
    for (const auto& p : n->pairs) {
      if (!p.merged && p.value) stack.push_back(p.value);
    }
    for (const Node* i : n->items) stack.push_back(i);
  }
  uint32_t run_start = 0;
  uint32_t run_length = 0;
  for (uint32_t l = 0; l <= in.doc.line_count(); ++l) {
    bool comment = l < in.doc.line_count() && !in_scalar[l] && is_comment_line(in.doc.line_text(l));
    if (comment) {
      if (run_length++ == 0) run_start = l;
      continue;
    }
    if (run_length >= 2) out.push_back({run_start, run_start + run_length - 1, "comment"});
    run_length = 0;
  }
}

}  // namespace

std::vector<lsp::FoldingRange> folding_ranges(const FeatureInput& in) {
  std::vector<lsp::FoldingRange> out;
  if (!in.is_azure_ml() || !in.analysis.tree || !in.analysis.tree->root) return out;
  Visited seen;
  walk(in, in.analysis.tree->root, out, seen);
  comment_runs(in, out);
  return out;
}

}  // namespace amlls
