// A YAML tree in which every node knows its source range, built from yaml-cpp events.
#pragma once

#include <algorithm>
#include <compare>
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

// The views below are packed to 4-byte alignment, 12 bytes each instead of 16, so that a Node
// takes 64 bytes: a server holds the trees of hundreds of documents.
#pragma pack(push, 4)

// Text in memory a Tree owns (or borrows, see Tree::adopt_strings_from): a pointer and a
// length, copied for free. Reads like a std::string_view, to which it converts; `str()` makes
// a std::string. It stays valid as long as the tree whose node holds it.
class Text {
 public:
  constexpr Text() = default;
  // Refers to `bytes`, which must outlive every copy (a string literal, or a tree's text).
  static constexpr Text borrow(std::string_view bytes) {
    return Text(bytes.data(), static_cast<uint32_t>(bytes.size()));
  }

  constexpr std::string_view view() const { return {data_, size_}; }
  constexpr operator std::string_view() const { return view(); }
  std::string str() const { return std::string(view()); }
  constexpr const char* data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr size_t length() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const char* begin() const { return data_; }
  constexpr const char* end() const { return data_ + size_; }
  constexpr char operator[](size_t i) const { return data_[i]; }
  constexpr char front() const { return data_[0]; }
  constexpr char back() const { return data_[size_ - 1]; }
  // A view of the same bytes, valid as long as this one.
  constexpr Text substr(size_t pos, size_t n = std::string_view::npos) const {
    return borrow(view().substr(pos, n));
  }
  constexpr size_t find(std::string_view s, size_t pos = 0) const { return view().find(s, pos); }
  constexpr size_t find(char c, size_t pos = 0) const { return view().find(c, pos); }
  constexpr size_t rfind(char c, size_t pos = std::string_view::npos) const {
    return view().rfind(c, pos);
  }
  constexpr size_t rfind(std::string_view s, size_t pos = std::string_view::npos) const {
    return view().rfind(s, pos);
  }
  constexpr size_t find_first_of(std::string_view s, size_t pos = 0) const {
    return view().find_first_of(s, pos);
  }
  constexpr size_t find_first_not_of(std::string_view s, size_t pos = 0) const {
    return view().find_first_not_of(s, pos);
  }
  constexpr bool starts_with(std::string_view s) const { return view().starts_with(s); }
  constexpr bool starts_with(char c) const { return view().starts_with(c); }
  constexpr bool ends_with(std::string_view s) const { return view().ends_with(s); }
  constexpr bool ends_with(char c) const { return view().ends_with(c); }

  friend constexpr bool operator==(Text a, Text b) { return a.view() == b.view(); }
  friend constexpr bool operator==(Text a, std::string_view b) { return a.view() == b; }
  friend constexpr auto operator<=>(Text a, Text b) { return a.view() <=> b.view(); }
  friend constexpr auto operator<=>(Text a, std::string_view b) { return a.view() <=> b; }
  friend std::ostream& operator<<(std::ostream& out, Text text);
  // Concatenation makes a std::string, as with std::string operands.
  friend std::string operator+(std::string a, Text b) { return std::move(a.append(b.view())); }
  friend std::string operator+(Text a, std::string_view b) { return a.str().append(b); }
  friend std::string operator+(const char* a, Text b) { return std::string(a).append(b.view()); }

 private:
  constexpr Text(const char* data, uint32_t size) : data_(data), size_(size) {}
  friend struct Tree;

  const char* data_ = nullptr;
  uint32_t size_ = 0;
};

// An explicit tag, e.g. "tag:yaml.org,2002:str"; empty when there is none.
using Tag = Text;

// The pairs or items of a node: a view of an array the tree owns, made once the collection is
// complete (Tree::set_pairs, set_items). Copying a node shares its lists; they are read-only.
template <typename T>
class NodeList {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  using value_type = T;
  using iterator = const T*;
  using const_iterator = const T*;

  constexpr NodeList() = default;
  // Refers to [data, data + size), which must outlive every copy: a tree's array, or storage of
  // a stand-in node (incremental/carry.h).
  NodeList(const T* data, size_t size) : data_(size ? data : nullptr), size_(uint32_t(size)) {}

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::reverse_iterator<const T*> rbegin() const { return std::reverse_iterator<const T*>(end()); }
  std::reverse_iterator<const T*> rend() const { return std::reverse_iterator<const T*>(begin()); }

 private:
  const T* data_ = nullptr;
  uint32_t size_ = 0;
};

#pragma pack(pop)

// 64 bytes (72 with lists and a tag that owned their memory, 136 before that), trivially
// copyable: its text and lists are views of memory the tree owns.
struct Node {
  NodeKind kind = NodeKind::Null;
  ScalarStyle style = ScalarStyle::Plain;
  bool flow = false;      // written in flow style ({} or [])
  uint32_t weight = 1;    // nodes this one stands for once aliases are expanded (<= kWeightCap)
  TextRange range;        // from the first to past the last character of the node
  Text value;             // decoded scalar text (Scalar only)
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
    return kind == NodeKind::Scalar ? value.view() : std::string_view();
  }
};
static_assert(std::is_trivially_copyable_v<Node> && std::is_trivially_destructible_v<Node>);
static_assert(sizeof(Text) == 12 && sizeof(NodeList<Pair>) == 12 && sizeof(Node) == 64);

// Bump allocation in chunks, freed all at once: a tree's text and lists take a handful of
// allocations, not one per long scalar and per collection. The first chunk is sized by a hint
// (the text's length); later ones grow with what was handed out, up to kMaxChunk.
class Arena {
 public:
  static constexpr size_t kMinChunk = 256;
  static constexpr size_t kMaxChunk = size_t{256} << 10;

  Arena() = default;
  explicit Arena(size_t first_chunk) : next_(first_chunk) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&& other) noexcept { *this = std::move(other); }
  Arena& operator=(Arena&& other) noexcept;
  ~Arena() { release(); }

  void* allocate(size_t bytes, size_t align) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~uintptr_t(align - 1);
    if (!cur_ || p + bytes > reinterpret_cast<uintptr_t>(end_)) return grow(bytes, align);
    cur_ = reinterpret_cast<char*>(p + bytes);
    used_ += bytes;
    return reinterpret_cast<void*>(p);
  }
  // The size of the next chunk to allocate (no effect on chunks already made).
  void size_next_chunk(size_t bytes) { next_ = bytes; }
  size_t used() const { return used_; }          // bytes handed out
  size_t reserved() const { return reserved_; }  // bytes of all chunks
  size_t chunks() const;
  // Gives the unused end of a single chunk back to the allocator. Returns how far the chunk's
  // bytes moved (0 almost always: shrinking is done in place), for the caller to repoint.
  ptrdiff_t shrink_to_fit();
  // Whether `p` points into one of the chunks.
  bool contains(const void* p) const;

 private:
  struct Chunk {
    Chunk* previous;
    size_t size;  // of the data after this header
  };
  static_assert(sizeof(Chunk) == 16);
  void* grow(size_t bytes, size_t align);
  void release();

  Chunk* last_ = nullptr;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t used_ = 0, reserved_ = 0, next_ = 0;
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
  // Calls f(first, count) for each chunk's nodes, which lie one after another in memory, in
  // making order: what a reader that maps nodes to their index needs, without a walk.
  template <typename F>
  void for_each_run(F f) const {
    size_t left = size_;
    for (const Chunk& c : chunks_) {
      const size_t n = std::min(left, c.capacity);
      if (n == 0) break;
      f(static_cast<const Node*>(c.nodes.get()), n);
      left -= n;
    }
  }
  iterator begin() { return {&chunks_, 0, 0, size_}; }
  iterator end() { return {&chunks_, 0, 0, 0}; }
  const_iterator begin() const { return {&chunks_, 0, 0, size_}; }
  const_iterator end() const { return {&chunks_, 0, 0, 0}; }

 private:
  friend struct Tree;
  std::vector<Chunk> chunks_;
  size_t used_ = 0;  // in the last chunk
  size_t size_ = 0;
};

// A parsed document. Its nodes live in `nodes`; their text and lists in arenas the tree owns,
// so that destroying a tree is a few frees. Move-only: moving keeps every node and view valid.
//
// Building: make() a node, then set_value, set_tag, set_pairs, set_items (each copies into the
// tree's arenas). A tree built from another tree's nodes (the incremental splicer) may instead
// adopt_strings_from() that tree and copy_node() its nodes: their text is then shared, not
// copied, and stays valid after the other tree is gone.
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
  // A node with the kind, style, flow, weight, range, value and tag of `n` and no pairs or
  // items. Its text is `n`'s own bytes: `n`'s tree must be this one or adopted by it.
  Node* copy_node(const Node& n) {
    Node& c = nodes.emplace_back();
    c = n;
    c.pairs = {};
    c.items = {};
    live_text_ += n.value.size() + n.tag.size();
    return &c;
  }

  // Copies `text` into the tree's text arena.
  Text store_text(std::string_view text);
  void set_value(Node& n, std::string_view text) { n.value = store_text(text); }
  void set_tag(Node& n, std::string_view text) { n.tag = store_text(text); }
  // Copies [first, first + count) into the tree's list arena, as the node's pairs or items.
  void set_pairs(Node& n, const Pair* first, size_t count) { n.pairs = store_list(first, count); }
  void set_items(Node& n, Node* const* first, size_t count) { n.items = store_list(first, count); }
  template <typename T>
  NodeList<T> store_list(const T* first, size_t count) {
    if (count == 0) return {};
    void* p = lists_.allocate(count * sizeof(T), alignof(T));
    std::memcpy(p, first, count * sizeof(T));
    return NodeList<T>(static_cast<const T*>(p), count);
  }
  // The size of the next chunk of each arena, before building (the parser passes the text's
  // length: it bounds the bytes of the scalars, and lists take about as much).
  void size_arenas(size_t text_bytes);
  // The size of the next chunk of list memory (the splicer passes what the old tree used).
  void reserve_lists(size_t bytes) { lists_.size_next_chunk(bytes); }
  size_t list_bytes() const { return lists_.used(); }

  // Keeps `other`'s text (its own arena and the ones it borrows) alive as long as this tree, so
  // that its nodes' Text may be copied into this tree's nodes (copy_node) without copying bytes.
  void adopt_strings_from(const Tree& other);
  // Bounds what adopted arenas keep alive: once they hold more than twice the text the nodes
  // use, or there are more than kMaxBorrowed of them (one per edit of a server's document),
  // the text the nodes use is copied into one arena of the tree's own and the others let go.
  static constexpr size_t kMaxBorrowed = 16;
  void settle_strings();
  // Copies every node's text into a fresh arena of this tree's own and drops the others.
  void reown_strings();
  size_t borrowed_arenas() const { return borrowed_.size(); }
  size_t borrowed_bytes() const { return borrowed_bytes_; }
  // Whether `text` lies in this tree's own text arena.
  bool owns(Text text) const { return strings_ && strings_->contains(text.data()); }

  // Moves the nodes, in order, into one chunk of exactly their number, the lists into one
  // block of exactly their size, and gives back the text arena's unused end: a tree that is
  // kept (the server keeps one per open document) then wastes nothing and holds a few
  // allocations. Every node pointer in the tree must point into its store; pointers held
  // elsewhere are invalidated. Text views stay valid.
  void compact();

 private:
  Arena lists_;
  std::shared_ptr<Arena> strings_;
  std::vector<std::shared_ptr<const Arena>> borrowed_;
  size_t borrowed_bytes_ = 0;
  size_t next_text_chunk_ = 0;
  uint64_t live_text_ = 0;  // bytes of text stored or copied into nodes (an upper bound)
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
