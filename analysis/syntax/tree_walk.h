// The one walk over a YAML tree that rules use: every node in source order, depth first, each
// with the pair whose value it is and the visit of the node that holds it.
#pragma once

#include <string_view>

#include "syntax/yaml_tree.h"

namespace amllint::yaml {

// Why a cap at all: the parser bounds how deeply the text nests (yaml-cpp's DepthGuard), but not
// the tree: an alias puts its anchor's whole subtree where it stands, so aliases can stack depth
// (ParseLimits::max_alias_nodes bounds their total size, not their depth). Why 64: a spec nests
// a dozen levels (a pipeline's inline pipeline step adds three: `jobs`, the step, `component`),
// so 64 keeps every real file whole while bounding the recursion on any tree.
inline constexpr int kMaxWalkDepth = 64;

struct Visit {
  const Node& node;
  const Pair* pair = nullptr;  // the pair whose value `node` is; null for the root and items
  const Visit* up = nullptr;   // the visit of the mapping or sequence that holds `node`
  int depth = 0;               // the root is at 0

  // The key that names `node`: its pair's key, or for a sequence item the sequence's key; empty
  // for the root (and for keys that are not scalars).
  std::string_view key() const {
    if (pair) return pair->key->text();
    return up ? up->key() : std::string_view();
  }
  // The visit of the mapping that holds `node`, through sequences; null at the top.
  const Visit* holder() const {
    const Visit* v = up;
    while (v && !v->node.is_mapping()) v = v->up;
    return v;
  }
};

// Calls `visit(const Visit&)` for `root` and every node below it: the values of pairs (those
// copied in by a `<<` merge are skipped: they are visited where they are written) and the items
// of sequences. Descends into a node's children when `visit` returns true.
template <class F>
void walk_tree(const Node& root, F&& visit) {
  struct Walker {
    F& visit;
    void go(const Visit& v) {
      if (v.depth > kMaxWalkDepth || !visit(v)) return;
      const Node& n = v.node;
      if (n.is_sequence()) {
        for (const Node* item : n.items)
          if (item) go(Visit{*item, nullptr, &v, v.depth + 1});
      } else if (n.is_mapping()) {
        for (const Pair& p : n.pairs)
          if (!p.merged && p.key && p.value) go(Visit{*p.value, &p, &v, v.depth + 1});
      }
    }
  };
  Walker{visit}.go(Visit{root, nullptr, nullptr, 0});
}

}  // namespace amllint::yaml
