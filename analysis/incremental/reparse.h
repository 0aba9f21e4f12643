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

  // Where an offset of the old text outside the old block sits in the new text.
  uint32_t shift(uint32_t offset) const {
    return offset >= old_block.end ? static_cast<uint32_t>(offset + change.delta()) : offset;
  }
};

std::optional<Reparsed> reparse(const yaml::Tree& old_tree, std::string_view old_text,
                                const Document& new_doc);

}  // namespace amllint::incremental
