// A YAML tree in which every node knows its source range, built from yaml-cpp events.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {
class Document;
}

namespace amllint::yaml {

enum class NodeKind : uint8_t { Null, Scalar, Mapping, Sequence };
enum class ScalarStyle : uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node;

// Node::weight saturates here, so that counting a billion-laughs expansion cannot overflow.
inline constexpr uint64_t kWeightCap = uint64_t{1} << 60;

struct Pair {
  Node* key = nullptr;
  Node* value = nullptr;
  bool merged = false;  // copied in by a `<<` merge key; its ranges are at the merged mapping
};

struct Node {
  NodeKind kind = NodeKind::Null;
  ScalarStyle style = ScalarStyle::Plain;
  bool flow = false;         // written in flow style ({} or [])
  std::string value;         // decoded scalar text (Scalar only)
  std::string tag;           // explicit tag, e.g. "!!str"; empty when none
  TextRange range;           // from the first to past the last character of the node
  std::vector<Pair> pairs;   // Mapping, in source order, after `<<` merges
  std::vector<Node*> items;  // Sequence
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

// Stable storage for a tree's nodes, in the order they were made: chunks of 32 nodes, then of
// 512 past the first 1,024, so that a large file costs a few dozen allocations for its nodes,
// not one per three (std::deque's 512-byte blocks), and a small one wastes at most 31 slots (a
// server keeps hundreds of small trees).
class NodeStore {
 public:
  template <typename N, typename Chunks>
  class basic_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Node;
    using difference_type = std::ptrdiff_t;
    using pointer = N*;
    using reference = N&;
    basic_iterator(Chunks* chunks, size_t chunk, size_t index, size_t left)
        : chunks_(chunks), chunk_(chunk), index_(index), left_(left) {}
    reference operator*() const { return (*chunks_)[chunk_].nodes[index_]; }
    pointer operator->() const { return &**this; }
    basic_iterator& operator++() {
      --left_;
      if (++index_ == (*chunks_)[chunk_].capacity) ++chunk_, index_ = 0;
      return *this;
    }
    friend bool operator==(const basic_iterator& a, const basic_iterator& b) {
      return a.left_ == b.left_;
    }

   private:
    Chunks* chunks_;
    size_t chunk_, index_, left_;
  };
  struct Chunk {
    std::unique_ptr<Node[]> nodes;
    size_t capacity = 0;
  };
  using iterator = basic_iterator<Node, std::vector<Chunk>>;
  using const_iterator = basic_iterator<const Node, const std::vector<Chunk>>;

  Node& emplace_back() {
    if (chunks_.empty() || used_ == chunks_.back().capacity) {
      size_t capacity = size_ < 1024 ? 32 : 512;
      chunks_.push_back({std::make_unique<Node[]>(capacity), capacity});
      used_ = 0;
    }
    ++size_;
    return chunks_.back().nodes[used_++];
  }
  size_t size() const { return size_; }
  iterator begin() { return {&chunks_, 0, 0, size_}; }
  iterator end() { return {&chunks_, 0, 0, 0}; }
  const_iterator begin() const { return {&chunks_, 0, 0, size_}; }
  const_iterator end() const { return {&chunks_, 0, 0, 0}; }

 private:
  std::vector<Chunk> chunks_;
  size_t used_ = 0;  // in the last chunk
  size_t size_ = 0;
};

struct Tree {
  NodeStore nodes;                      // every node the parser made, in the order it made them
  Node* root = nullptr;                 // the first document's root; null for an empty file
  std::vector<Diagnostic> diagnostics;  // syntax errors, duplicate keys, alias limits
  bool syntax_error = false;
  // An alias was read: its nodes are shared with the anchor's (the tree is a DAG), so a change
  // at the anchor shows up wherever it is aliased.
  bool has_aliases = false;
  // Lines blanked to recover from syntax errors: what stood there is not in the tree.
  std::vector<uint32_t> blanked_lines;

  Node* make(NodeKind kind) {
    Node& n = nodes.emplace_back();
    n.kind = kind;
    return &n;
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
