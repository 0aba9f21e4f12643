// The memory a YAML tree owns: its text and lists live in arenas, nodes are views into them, and a
// tree built from another tree's nodes (the incremental splicer) shares that tree's text. These
// tests hold the views valid when the tree is moved, when the tree it borrowed from is gone, and
// over many edits in a row (run them under ASan: a dangling view is a use after free there).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "incremental/reparse.h"
#include "syntax/document.h"
#include "syntax/yaml_tree.h"

using namespace amllint;
using yaml::Node;
using yaml::Pair;
using yaml::Tree;

namespace {

std::string pipeline(int steps, const std::string& extra = "") {
  std::string text =
      "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
      "type: pipeline\n"
      "settings: !!map\n  default_compute: azureml:cpu-cluster\n"
      "jobs:\n";
  for (int i = 0; i < steps; ++i) {
    std::string n = std::to_string(i);
    text += "  step_" + n + ":\n    type: command\n    command: >-\n      python train.py\n" +
            "      --step " + n + "\n    environment: 'azureml:env:" + n + "'\n" +
            "    tags: {owner: \"team " + n +
            "\", kind: !!str 1}\n    inputs:\n      data: [a, b]\n";
    if (i == steps / 2) text += extra;
  }
  return text;
}

// Same shape, same text, same ranges.
void expect_same(const Node* a, const Node* b, std::string& where) {
  ASSERT_EQ(!a, !b) << where;
  if (!a) return;
  where += "/" + std::string(a->text());
  EXPECT_EQ(a->kind, b->kind) << where;
  EXPECT_EQ(a->style, b->style) << where;
  EXPECT_EQ(a->value, b->value) << where;
  EXPECT_EQ(a->tag, b->tag) << where;
  EXPECT_EQ(a->range.begin, b->range.begin) << where;
  EXPECT_EQ(a->range.end, b->range.end) << where;
  ASSERT_EQ(a->pairs.size(), b->pairs.size()) << where;
  ASSERT_EQ(a->items.size(), b->items.size()) << where;
  for (size_t i = 0; i < a->pairs.size(); ++i) {
    EXPECT_EQ(a->pairs[i].merged, b->pairs[i].merged) << where;
    expect_same(a->pairs[i].key, b->pairs[i].key, where);
    expect_same(a->pairs[i].value, b->pairs[i].value, where);
  }
  for (size_t i = 0; i < a->items.size(); ++i) expect_same(a->items[i], b->items[i], where);
}

void expect_same(const Tree& a, const Tree& b) {
  std::string where;
  expect_same(a.root, b.root, where);
}

// A copy of `n` and everything under it into `out`, text shared as the splicer shares it.
Node* deep_copy(Tree& out, const Node* n) {
  if (!n) return nullptr;
  Node* c = out.copy_node(*n);
  std::vector<Pair> pairs;
  for (const Pair& p : n->pairs) {
    Node* key = deep_copy(out, p.key);
    pairs.push_back({key, deep_copy(out, p.value), p.merged});
  }
  std::vector<Node*> items;
  for (const Node* item : n->items) items.push_back(deep_copy(out, item));
  out.set_pairs(*c, pairs.data(), pairs.size());
  out.set_items(*c, items.data(), items.size());
  return c;
}

}  // namespace

TEST(YamlTreeArena, BumpAllocationAlignsGrowsAndMoves) {
  yaml::Arena arena(64);
  auto* text = static_cast<char*>(arena.allocate(3, 1));
  std::memcpy(text, "abc", 3);
  void* pair = arena.allocate(sizeof(Pair), alignof(Pair));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(pair) % alignof(Pair), 0u);
  EXPECT_EQ(arena.chunks(), 1u);
  for (int i = 0; i < 10000; ++i) arena.allocate(24, 8);
  EXPECT_EQ(arena.used(), 3u + sizeof(Pair) + 240000u);
  // Chunks double up to kMaxChunk: few of them, and at most about half unused.
  EXPECT_LE(arena.chunks(), 12u);
  EXPECT_LE(arena.reserved(), 2 * arena.used() + yaml::Arena::kMaxChunk);
  void* big = arena.allocate(2 * yaml::Arena::kMaxChunk, 8);  // larger than any chunk
  std::memset(big, 1, 2 * yaml::Arena::kMaxChunk);
  EXPECT_TRUE(arena.contains(text));
  EXPECT_TRUE(arena.contains(big));
  int outside = 0;
  EXPECT_FALSE(arena.contains(&outside));

  yaml::Arena moved(std::move(arena));
  EXPECT_EQ(arena.chunks(), 0u);
  EXPECT_TRUE(moved.contains(text));
  EXPECT_EQ(std::string(text, 3), "abc");
}

TEST(YamlTreeArena, ShrinkToFitKeepsTheBytesWhereverTheyGo) {
  yaml::Arena arena(4096);
  auto* p = static_cast<char*>(arena.allocate(10, 1));
  std::memcpy(p, "0123456789", 10);
  ptrdiff_t shift = arena.shrink_to_fit();
  EXPECT_EQ(arena.reserved(), 10u);
  const char* now = reinterpret_cast<const char*>(reinterpret_cast<uintptr_t>(p) + shift);
  EXPECT_EQ(std::string(now, 10), "0123456789");
  EXPECT_TRUE(arena.contains(now));
}

// Scalars, tags and lists are in the tree's own memory, small trees (compacted: one chunk of
// text) and large ones alike; plain one-line scalars read as written.
TEST(YamlTreeArena, EveryTextIsInTheTreesOwnArena) {
  for (int steps : {1, 30, 1500}) {
    Document doc(pipeline(steps));
    Tree tree = yaml::parse(doc);
    ASSERT_TRUE(tree.diagnostics.empty());
    size_t texts = 0, tags = 0;
    for (const Node& n : tree.nodes) {
      if (!n.value.empty()) {
        ++texts;
        EXPECT_TRUE(tree.owns(n.value)) << n.value;
      }
      if (!n.tag.empty()) {
        ++tags;
        EXPECT_TRUE(tree.owns(n.tag)) << n.tag;
      }
      if (n.is_scalar() && n.style == yaml::ScalarStyle::Plain)
        EXPECT_EQ(n.value, doc.text().substr(n.range.begin, n.range.end - n.range.begin));
    }
    EXPECT_GT(texts, static_cast<size_t>(steps) * 12);
    EXPECT_EQ(tags, static_cast<size_t>(steps) + 1);
    const Node* step = tree.root->get("jobs")->get("step_0");
    ASSERT_TRUE(step);
    EXPECT_EQ(step->get("command")->value, "python train.py --step 0");
    EXPECT_EQ(step->get("environment")->value, "azureml:env:0");
    EXPECT_EQ(step->get("tags")->get("owner")->value, "team 0");
    EXPECT_EQ(step->get("tags")->get("kind")->tag, "tag:yaml.org,2002:str");
    EXPECT_EQ(tree.root->get("settings")->tag, "tag:yaml.org,2002:map");
  }
}

TEST(YamlTreeArena, AMovedTreeKeepsItsNodesAndText) {
  Document doc(pipeline(3));
  Tree expected = yaml::parse(doc);
  auto first = std::make_unique<Tree>(yaml::parse(doc));
  const Node* root = first->root;
  Tree moved = std::move(*first);
  first.reset();
  EXPECT_EQ(moved.root, root);
  expect_same(moved, expected);
  auto shared = std::make_shared<Tree>(std::move(moved));
  moved = yaml::parse(Document("other: text\n"));
  EXPECT_EQ(moved.root->get("other")->value, "text");
  expect_same(*shared, expected);
}

// A tree whose nodes were copied from another keeps that tree's text alive: the copy shares the
// bytes and stays valid once the other tree is gone.
TEST(YamlTreeArena, ACopyOutlivesTheTreeItBorrowedFrom) {
  Document doc(pipeline(20));
  Tree expected = yaml::parse(doc);
  auto source = std::make_unique<Tree>(yaml::parse(doc));
  Tree copy;
  copy.adopt_strings_from(*source);
  copy.root = deep_copy(copy, source->root);
  EXPECT_EQ(copy.borrowed_arenas(), 1u);
  EXPECT_EQ(copy.root->get("type")->value.data(), source->root->get("type")->value.data());
  copy.settle_strings();  // the text is all in use: nothing to re-own
  EXPECT_EQ(copy.borrowed_arenas(), 1u);
  source.reset();
  expect_same(copy, expected);
  copy.reown_strings();
  EXPECT_EQ(copy.borrowed_arenas(), 0u);
  EXPECT_TRUE(copy.owns(copy.root->get("type")->value));
  expect_same(copy, expected);
}

// A server copies its tree on every edit: the arenas it borrows stay bounded in number and in
// bytes, however many edits there are.
TEST(YamlTreeArena, BorrowingIsBoundedOverManyCopies) {
  Document doc(pipeline(10));
  Tree expected = yaml::parse(doc);
  auto current = std::make_unique<Tree>(yaml::parse(doc));
  size_t fewest = SIZE_MAX, most = 0;
  for (int edit = 0; edit < 60; ++edit) {
    // Each edit brings a small tree of its own (the block re-parsed), borrowed too.
    Tree block = yaml::parse(Document("x: " + std::to_string(edit) + "\n"));
    auto next = std::make_unique<Tree>();
    next->adopt_strings_from(*current);
    next->adopt_strings_from(block);
    next->root = deep_copy(*next, current->root);
    next->settle_strings();
    fewest = std::min(fewest, next->borrowed_arenas());
    most = std::max(most, next->borrowed_arenas());
    EXPECT_LE(next->borrowed_bytes(), 2 * doc.size() + 2 * yaml::Arena::kMaxChunk);
    current = std::move(next);
  }
  EXPECT_LE(most, Tree::kMaxBorrowed);
  EXPECT_EQ(fewest, 0u);  // re-owned now and then
  expect_same(*current, expected);
}

// The splicer's tree borrows the old tree's text and the re-parsed block's; edit after edit,
// each old tree dropped as a server drops it, the result stays a full parse of the same text.
TEST(YamlTreeArena, ASplicedTreeOutlivesTheTreesItWasSplicedFrom) {
  const std::string plain = pipeline(12);
  const std::string edited = pipeline(12, "    compute: azureml:gpu\n");
  std::string text = plain;
  auto tree = std::make_shared<Tree>(yaml::parse(Document(text)));
  int spliced = 0;
  for (int edit = 0; edit < 40; ++edit) {
    std::string next_text = edit % 2 ? plain : edited;
    Document next_doc(next_text);
    auto r = incremental::reparse(*tree, text, next_doc);
    ASSERT_TRUE(r) << edit;
    ++spliced;
    EXPECT_LE(r->tree->borrowed_arenas(), Tree::kMaxBorrowed);
    // The text outside the block is the old tree's, not a copy.
    if (r->tree->borrowed_arenas() > 0)
      EXPECT_EQ(r->tree->root->get("type")->value.data(), tree->root->get("type")->value.data());
    tree = r->tree;  // the old tree goes
    r.reset();
    text = next_text;
    Tree full = yaml::parse(next_doc);
    expect_same(*tree, full);
  }
  EXPECT_EQ(spliced, 40);
}
