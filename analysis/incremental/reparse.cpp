#include "incremental/reparse.h"

#include <string>
#include <vector>

#include "syntax/document.h"
#include "syntax/yaml_tree.h"

namespace amllint::incremental {
namespace {

using yaml::Node;
using yaml::Pair;
using yaml::Tree;

struct Block {
  TextRange span;
  uint32_t indent = 0;
  const Pair* pair = nullptr;
  const Node* parent = nullptr;  // the mapping that holds the pair
  bool step = false;
};

uint32_t line_start(std::string_view text, uint32_t offset) {
  while (offset > 0 && text[offset - 1] != '\n') --offset;
  return offset;
}

// One block per pair of a block mapping whose keys each start their line; false when the
// mapping is not laid out like that (then its pairs cannot be re-parsed one by one).
bool blocks_of(const Node& map, std::string_view text, uint32_t end, bool step,
               std::vector<Block>& out) {
  if (!map.is_mapping() || map.flow || map.pairs.empty()) return false;
  size_t first = out.size();
  uint32_t previous = 0;
  for (const Pair& p : map.pairs) {
    if (p.merged || !p.key || !p.value || !p.key->is_scalar()) return false;
    uint32_t key = p.key->range.begin;
    uint32_t ls = line_start(text, key);
    if (ls < previous || (out.size() > first && ls == previous)) return false;
    for (uint32_t i = ls; i < key; ++i)
      if (text[i] != ' ') return false;
    Block b;
    b.span.begin = ls;
    b.indent = key - ls;
    b.pair = &p;
    b.parent = &map;
    b.step = step;
    if (out.size() > first) out.back().span.end = ls;
    out.push_back(b);
    previous = ls;
  }
  out.back().span.end = end;
  return true;
}

bool contains(const Block& b, const TextChange& c) {
  return b.span.begin <= c.begin && c.old_end <= b.span.end;
}

// The blocks an edit may belong to, innermost first; at a boundary (an insertion where one
// block ends and the next begins) the earlier block first.
std::vector<Block> candidates(const Tree& tree, std::string_view text, const TextChange& c) {
  std::vector<Block> top;
  if (!blocks_of(*tree.root, text, static_cast<uint32_t>(text.size()), false, top)) return {};
  // Directives before the first key (`%TAG`) would change how the block reads on its own.
  if (text.substr(0, top.front().span.begin).find('%') != std::string_view::npos) return {};
  std::vector<Block> out;
  for (const Block& b : top) {
    if (!contains(b, c)) continue;
    const Node* key = b.pair->key;
    const Node* value = b.pair->value;
    if (key->text() == "jobs" && value->is_mapping()) {
      std::vector<Block> steps;
      if (blocks_of(*value, text, b.span.end, true, steps))
        for (const Block& s : steps)
          if (contains(s, c) && s.indent > b.indent) out.push_back(s);
    }
  }
  for (const Block& b : top)
    if (contains(b, c)) out.push_back(b);
  return out;
}

// Every line after the first is inside the block: indented past its key, or blank, or a
// comment, or (at the key's column) an entry of a sequence that is the key's value.
bool lines_stay_inside(std::string_view block, uint32_t indent) {
  size_t i = 0;
  for (uint32_t k = 0; k < indent; ++k, ++i)
    if (i >= block.size() || block[i] != ' ') return false;
  if (i >= block.size() || block[i] == ' ' || block[i] == '\t' || block[i] == '#' ||
      block[i] == '\n')
    return false;
  i = block.find('\n', i);
  while (i != std::string_view::npos && ++i < block.size()) {
    uint32_t spaces = 0;
    while (i < block.size() && block[i] == ' ') ++i, ++spaces;
    if (i >= block.size()) break;
    char c = block[i];
    if (c == '\t') return false;
    bool blank = c == '\n' || c == '#';
    bool entry = c == '-' && (i + 1 == block.size() || block[i + 1] == ' ' || block[i + 1] == '\n');
    if (!blank && !(spaces > indent || (spaces == indent && entry))) return false;
    i = block.find('\n', i);
  }
  return true;
}

size_t subtree_nodes(const Node* n) {
  if (!n) return 0;
  size_t count = 1;
  for (const Pair& p : n->pairs) count += subtree_nodes(p.key) + subtree_nodes(p.value);
  for (const Node* item : n->items) count += subtree_nodes(item);
  return count;
}

class Splicer {
 public:
  Splicer(Tree& out, const Reparsed& r, const Node* old_root)
      : out_(out), r_(r), old_root_(old_root) {}

  // A node of the old tree outside the block, its offsets moved past the edit; the block's
  // pair is replaced by `replacement` (from the block's own tree, which starts at `base`).
  // Nodes are made in document order, as the parser makes them.
  Node* copy(const Node* n, const Block& b, const Pair& replacement, uint32_t base) {
    Node* c = clone(n, [&](uint32_t p) { return r_.shift(p); });
    const size_t first = pairs_.size();
    size_t spliced = SIZE_MAX;
    for (const Pair& p : n->pairs) {
      if (&p == b.pair) {
        first_block_node_ = out_.nodes.size();
        Node* key = transplant(replacement.key, base);
        spliced = pairs_.size() - first;
        pairs_.push_back({key, transplant(replacement.value, base), false});
        new_block_nodes_ = out_.nodes.size() - first_block_node_;
      } else {
        Node* key = copy(p.key, b, replacement, base);
        pairs_.push_back({key, copy(p.value, b, replacement, base), p.merged});
      }
    }
    take_pairs(*c, first);
    if (spliced != SIZE_MAX) r_pair_ = &c->pairs[spliced];
    const size_t first_item = items_.size();
    for (const Node* item : n->items) items_.push_back(copy(item, b, replacement, base));
    take_items(*c, first_item);
    // The mappings whose end may have moved: the block's own, and for a step the root's too.
    if (n == b.parent || (b.step && n == old_root_)) refit(*c);
    return c;
  }

  // A node of the block's own tree, its offsets moved to where the block starts.
  Node* transplant(const Node* n, uint32_t base) {
    Node* c = clone(n, [&](uint32_t p) { return p + base; });
    const size_t first = pairs_.size();
    for (const Pair& p : n->pairs) {
      Node* key = transplant(p.key, base);
      pairs_.push_back({key, transplant(p.value, base), p.merged});
    }
    take_pairs(*c, first);
    const size_t first_item = items_.size();
    for (const Node* item : n->items) items_.push_back(transplant(item, base));
    take_items(*c, first_item);
    return c;
  }

  const Pair* spliced_pair() const { return r_pair_; }
  size_t first_block_node() const { return first_block_node_; }
  size_t new_block_nodes() const { return new_block_nodes_; }

 private:
  template <typename Shift>
  Node* clone(const Node* n, Shift shift) {
    // The text is shared with the old tree or the block's (reparse() adopts both).
    Node* c = out_.copy_node(*n);
    c->range = {shift(n->range.begin), shift(n->range.end)};
    return c;
  }

  // The pairs or items copied since `first` (a stack: a child took its own when it was done)
  // become the node's list, an array in the new tree.
  void take_pairs(Node& c, size_t first) {
    out_.set_pairs(c, pairs_.data() + first, pairs_.size() - first);
    pairs_.resize(first);
  }
  void take_items(Node& c, size_t first) {
    out_.set_items(c, items_.data() + first, items_.size() - first);
    items_.resize(first);
  }

  // A mapping's end and weight, computed from its children as the parser does.
  static void refit(Node& n) {
    uint32_t end = n.range.begin;
    uint64_t weight = 1;
    auto extend = [&](const Node* c) {
      if (c->range.end > end && c->range.begin >= n.range.begin) end = c->range.end;
      weight = std::min(yaml::kWeightCap, weight + c->weight);
    };
    for (const Pair& p : n.pairs) {
      extend(p.key);
      extend(p.value);
    }
    n.range.end = end;
    n.weight = weight;
  }

  Tree& out_;
  const Reparsed& r_;
  const Node* old_root_;
  const Pair* r_pair_ = nullptr;
  std::vector<Pair> pairs_;
  std::vector<Node*> items_;
  size_t first_block_node_ = 0, new_block_nodes_ = 0;
};

}  // namespace

std::optional<Reparsed> reparse(const Tree& old_tree, std::string_view old_text,
                                const Document& new_doc) {
  if (!old_tree.root || !old_tree.diagnostics.empty() || old_tree.syntax_error ||
      old_tree.has_aliases)
    return std::nullopt;
  std::string_view new_text = new_doc.text();
  TextChange change = text_change(old_text, new_text);
  if (change.begin == change.old_end && change.begin == change.new_end) return std::nullopt;

  for (const Block& b : candidates(old_tree, old_text, change)) {
    int64_t new_end = int64_t{b.span.end} + change.delta();
    if (new_end < change.new_end || new_end > static_cast<int64_t>(new_text.size())) continue;
    TextRange new_block{b.span.begin, static_cast<uint32_t>(new_end)};
    // The next block must still start a line: deleting the block's last line break would join
    // its first line to this block.
    if (new_block.end <= new_block.begin ||
        (new_block.end < new_text.size() && new_text[new_block.end - 1] != '\n'))
      continue;
    std::string_view text = new_text.substr(new_block.begin, new_block.end - new_block.begin);
    if (text.find('\r') != std::string_view::npos || !lines_stay_inside(text, b.indent)) continue;

    Tree block = yaml::parse(Document(std::string(text)));
    if (!block.root || !block.diagnostics.empty() || block.syntax_error || block.has_aliases ||
        !block.root->is_mapping() || block.root->flow || block.root->pairs.size() != 1)
      continue;
    const Pair& bp = block.root->pairs.front();
    if (bp.merged || !bp.key || !bp.value || !bp.key->is_scalar() ||
        bp.key->range.begin != b.indent)
      continue;
    bool collides = false;
    for (const Pair& sibling : b.parent->pairs)
      if (&sibling != b.pair && sibling.key->value == bp.key->value) collides = true;
    if (collides) continue;

    Reparsed r;
    r.change = change;
    r.old_block = b.span;
    r.new_block = new_block;
    r.step = b.step;
    auto tree = std::make_shared<Tree>();
    tree->adopt_strings_from(old_tree);
    tree->adopt_strings_from(block);
    tree->reserve_lists(old_tree.list_bytes() + block.list_bytes());
    Splicer splicer(*tree, r, old_tree.root);
    tree->root = splicer.copy(old_tree.root, b, bp, new_block.begin);
    tree->settle_strings();
    r.pair = splicer.spliced_pair();
    r.first_block_node = splicer.first_block_node();
    r.new_block_nodes = splicer.new_block_nodes();
    r.old_block_nodes = subtree_nodes(b.pair->key) + subtree_nodes(b.pair->value);
    r.tree = std::move(tree);
    return r;
  }
  return std::nullopt;
}

}  // namespace amllint::incremental
