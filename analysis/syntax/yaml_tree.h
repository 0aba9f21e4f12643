// A YAML tree in which every node knows its source range, built from yaml-cpp events.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {
class Document;
}

namespace amllint::yaml {

enum class NodeKind { Null, Scalar, Mapping, Sequence };
enum class ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node;

struct Pair {
  Node* key = nullptr;
  Node* value = nullptr;
  bool merged = false;  // copied in by a `<<` merge key; its ranges are at the merged mapping
};

struct Node {
  NodeKind kind = NodeKind::Null;
  ScalarStyle style = ScalarStyle::Plain;
  std::string value;         // decoded scalar text (Scalar only)
  std::string tag;           // explicit tag, e.g. "!!str"; empty when none
  TextRange range;           // from the first to past the last character of the node
  std::vector<Pair> pairs;   // Mapping, in source order, after `<<` merges
  std::vector<Node*> items;  // Sequence
  bool flow = false;         // written in flow style ({} or [])
  uint64_t weight = 1;       // nodes this one stands for once aliases are expanded

  bool is_scalar() const { return kind == NodeKind::Scalar; }
  bool is_mapping() const { return kind == NodeKind::Mapping; }
  bool is_sequence() const { return kind == NodeKind::Sequence; }
  bool is_null() const { return kind == NodeKind::Null; }
  // The value of the last pair whose key is the scalar `key` (the service keeps the last one).
  const Node* get(std::string_view key) const;
  const Pair* find_pair(std::string_view key) const;
  // Scalar text, or an empty view for other kinds.
  std::string_view text() const {
    return kind == NodeKind::Scalar ? std::string_view(value) : std::string_view();
  }
};

struct Tree {
  std::deque<Node> nodes;               // stable storage for every node
  Node* root = nullptr;                 // the first document's root; null for an empty file
  std::vector<Diagnostic> diagnostics;  // syntax errors, duplicate keys, alias limits
  bool syntax_error = false;
  // An alias was read: its nodes are shared with the anchor's (the tree is a DAG), so a change
  // at the anchor shows up wherever it is aliased.
  bool has_aliases = false;
  // Lines blanked to recover from syntax errors: what stood there is not in the tree.
  std::vector<uint32_t> blanked_lines;

  Node* make(NodeKind kind) {
    nodes.emplace_back();
    nodes.back().kind = kind;
    return &nodes.back();
  }
};

struct ParseLimits {
  // Nodes that alias expansion may create in all; beyond it the alias is reported and left null.
  size_t max_alias_nodes = 100000;
};

Tree parse(const Document& doc, const ParseLimits& limits = {});

// How PyYAML (YAML 1.1, which the Azure ML CLI uses) types a plain scalar.
enum class ScalarType { Null, Bool, Int, Float, String };
struct ResolvedScalar {
  ScalarType type = ScalarType::String;
  bool boolean = false;
  long long integer = 0;
  double number = 0;
};
ResolvedScalar resolve_plain(std::string_view text);
// The type of any scalar node: quoted and block scalars are strings; explicit tags win.
ResolvedScalar resolve(const Node& node);

// Node at `offset` (innermost), for editor features; returns the path of nodes from the root.
std::vector<const Node*> path_to(const Tree& tree, uint32_t offset);

}  // namespace amllint::yaml
