// A YAML tree in which every node knows its source range, built from yaml-cpp events.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <iosfwd>
#include <iterator>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "diagnostic.h"

namespace amllint {
class Document;
}

namespace amllint::yaml {

enum class NodeKind : uint8_t { Null, Scalar, Mapping, Sequence };
enum class ScalarStyle : uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node;

// Node::weight saturates here, so that counting a billion-laughs expansion cannot overflow; it
// is far above any ParseLimits::max_alias_nodes, and fits the node's 32-bit field.
inline constexpr uint64_t kWeightCap = (uint64_t{1} << 32) - 1;

struct Pair {
  Node* key = nullptr;
  Node* value = nullptr;
  bool merged = false;  // copied in by a `<<` merge key; its ranges are at the merged mapping
};

// A vector of pairs or node pointers in 8 bytes (std::vector takes 24): a server holds the
// trees of hundreds of documents, and every node has one list of each kind, most of them
// empty. An empty list is a null pointer; a filled one points at its size and capacity,
// followed by the elements. Value semantics like std::vector; elements are trivially
// copyable, so growth is a realloc.
template <typename T>
class NodeList {
  static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= 8);

 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  NodeList() = default;
  NodeList(std::initializer_list<T> list) { assign(list.begin(), list.end()); }
  NodeList(const NodeList& other) { assign(other.begin(), other.end()); }
  NodeList(NodeList&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  NodeList& operator=(const NodeList& other) {
    if (this != &other) assign(other.begin(), other.end());
    return *this;
  }
  NodeList& operator=(NodeList&& other) noexcept {
    if (this != &other) {
      std::free(block_);
      block_ = std::exchange(other.block_, nullptr);
    }
    return *this;
  }
  NodeList& operator=(std::initializer_list<T> list) {
    assign(list.begin(), list.end());
    return *this;
  }
  ~NodeList() { std::free(block_); }

  // Replaces the contents with [first, last), which must not lie inside this list.
  void assign(const T* first, const T* last) {
    size_t n = static_cast<size_t>(last - first);
    clear();
    if (n == 0) return;
    if (n > capacity()) reallocate(n);
    std::memcpy(static_cast<void*>(data()), first, n * sizeof(T));
    block_->size = static_cast<uint32_t>(n);
  }
  void push_back(const T& value) {
    const T copy = value;  // `value` may be an element of this list, which growth moves
    size_t n = size();
    if (n == capacity()) reallocate(n < 2 ? 2 : n * 2);
    data()[n] = copy;
    block_->size = static_cast<uint32_t>(n + 1);
  }
  void reserve(size_t n) {
    if (n > capacity()) reallocate(n);
  }
  // Gives back the room that growth left unused (the parser calls it once a collection ends).
  void shrink_to_fit() {
    if (capacity() > size()) reallocate(size());
  }
  void clear() {
    if (block_) block_->size = 0;
  }
  // Removes the elements `pred` holds for, keeping the order of the rest.
  template <typename Pred>
  void erase_if(Pred pred) {
    if (!block_) return;
    T* out = std::remove_if(begin(), end(), pred);
    block_->size = static_cast<uint32_t>(out - data());
  }

  size_t size() const { return block_ ? block_->size : 0; }
  size_t capacity() const { return block_ ? block_->capacity : 0; }
  bool empty() const { return size() == 0; }
  T* data() { return block_ ? reinterpret_cast<T*>(block_ + 1) : nullptr; }
  const T* data() const { return block_ ? reinterpret_cast<const T*>(block_ + 1) : nullptr; }
  T& operator[](size_t i) { return data()[i]; }
  const T& operator[](size_t i) const { return data()[i]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size() - 1]; }
  const T& back() const { return data()[size() - 1]; }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  std::reverse_iterator<const T*> rbegin() const { return std::reverse_iterator<const T*>(end()); }
  std::reverse_iterator<const T*> rend() const { return std::reverse_iterator<const T*>(begin()); }

 private:
  struct Block {
    uint32_t size;
    uint32_t capacity;
  };
  static_assert(sizeof(Block) == 8);

  void reallocate(size_t capacity) {
    if (capacity == 0) {
      std::free(block_);
      block_ = nullptr;
      return;
    }
    const bool fresh = !block_;
    void* p = std::realloc(static_cast<void*>(block_), sizeof(Block) + capacity * sizeof(T));
    if (!p) throw std::bad_alloc();
    block_ = static_cast<Block*>(p);
    if (fresh) block_->size = 0;
    block_->capacity = static_cast<uint32_t>(capacity);
  }

  Block* block_ = nullptr;
};

// An explicit tag, e.g. "tag:yaml.org,2002:str", in 8 bytes: almost every node has none, and a
// std::string would cost 32 bytes in each of them. Copies copy the text.
class Tag {
 public:
  Tag() = default;
  Tag(const Tag& other)
      : text_(other.text_ ? std::make_unique<std::string>(*other.text_) : nullptr) {}
  Tag(Tag&&) noexcept = default;
  Tag& operator=(const Tag& other) {
    if (this != &other) *this = other.view();
    return *this;
  }
  Tag& operator=(Tag&&) noexcept = default;
  Tag& operator=(std::string_view text) {
    if (text.empty()) {
      text_.reset();
    } else {
      text_ = std::make_unique<std::string>(text);
    }
    return *this;
  }

  bool empty() const { return !text_; }
  std::string_view view() const { return text_ ? std::string_view(*text_) : std::string_view(); }
  friend bool operator==(const Tag& tag, std::string_view text) { return tag.view() == text; }
  friend std::ostream& operator<<(std::ostream& out, const Tag& tag);

 private:
  std::unique_ptr<std::string> text_;  // null when there is no tag; never empty
};

// 72 bytes (136 with a std::string tag, std::vector lists and a 64-bit weight), the fields
// ordered so that no padding is left between them.
struct Node {
  NodeKind kind = NodeKind::Null;
  ScalarStyle style = ScalarStyle::Plain;
  bool flow = false;      // written in flow style ({} or [])
  uint32_t weight = 1;    // nodes this one stands for once aliases are expanded (<= kWeightCap)
  TextRange range;        // from the first to past the last character of the node
  std::string value;      // decoded scalar text (Scalar only)
  Tag tag;                // explicit tag, e.g. "!!str"; empty when none
  NodeList<Pair> pairs;   // Mapping, in source order, after `<<` merges
  NodeList<Node*> items;  // Sequence

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

// Stable storage for a tree's nodes, in the order they were made: chunks of a quarter of the
// nodes made so far, at least 8 and at most 512, so that a large file costs a few dozen
// allocations for its nodes, not one per three (std::deque's 512-byte blocks), and a small one
// wastes at most 7 slots and a large one at most a fifth (a server keeps hundreds of small
// trees: fixed chunks of 32 left a 40-node job file with 24 empty slots).
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
      size_t capacity = std::clamp<size_t>(size_ / 4, 8, 512);
      chunks_.push_back({std::make_unique<Node[]>(capacity), capacity});
      used_ = 0;
    }
    ++size_;
    return chunks_.back().nodes[used_++];
  }
  size_t size() const { return size_; }
  // Moves the nodes, in order, into one chunk of exactly their number, and repoints `root` and
  // every key, value and item at the moved nodes: a tree that is kept (the server keeps one per
  // open document) then wastes no slot and holds one allocation for its nodes. Every node
  // pointer in the tree must point into this store; pointers held elsewhere are invalidated.
  void compact(Node*& root);
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
