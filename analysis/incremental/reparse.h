// Re-parses only the block an edit falls in. A block is one top-level key of the document, or
// one step of its top-level `jobs:`, from the line of its key to the line of the next one. The
// block's text is parsed alone and its tree put in place of the old block's; everything else is
// copied from the old tree, with the offsets after the block moved by the edit's length.
//
// It declines (nullopt: parse the whole text) whenever the block alone might not read as it reads
// in its file: the edit spans blocks or changes their structure (a line at or left of the key's
// column), the block then holds a syntax error, a duplicate or an alias, the key collides with a
// sibling's, or the old tree was not of the shape memo_worthy() accepts. A randomized test holds
// every result to a full parse of the same text (tests/unit/incremental_test.cpp).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "diagnostic.h"
#include "incremental/text_change.h"

namespace amllint {
class Document;
namespace yaml {
struct Tree;
struct Node;
struct Pair;
}  // namespace yaml
}  // namespace amllint

namespace amllint::incremental {

struct Reparsed {
  std::shared_ptr<yaml::Tree> tree;
  TextChange change;
  TextRange old_block;               // in the old text
  TextRange new_block;               // the same block in the new text
  bool step = false;                 // a step under the top-level `jobs:`; else a top-level key
  const yaml::Pair* pair = nullptr;  // the block's pair in the new tree
  // Both trees' nodes are made in document order, so a node outside the block has one index
  // (in order of making) in both, once moved past the block: the block's nodes are
  // [first_block_node, + old_block_nodes) in the old tree and [first_block_node,
  // + new_block_nodes) in the new one.
  size_t first_block_node = 0;
  size_t old_block_nodes = 0, new_block_nodes = 0;

  // Where an offset of the old text outside the old block sits in the new text.
  uint32_t shift(uint32_t offset) const {
    return offset >= old_block.end ? static_cast<uint32_t>(offset + change.delta()) : offset;
  }
};

std::optional<Reparsed> reparse(const yaml::Tree& old_tree, std::string_view old_text,
                                const Document& new_doc);

}  // namespace amllint::incremental
