#include "syntax/yaml_tree.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "syntax/document.h"

using namespace amllint;
using yaml::NodeKind;

namespace {

struct Parsed {
  Document doc;
  yaml::Tree tree;
  explicit Parsed(std::string text) : doc(std::move(text)), tree(yaml::parse(doc)) {}
  std::string text_of(const yaml::Node* n) const {
    return doc.text().substr(n->range.begin, n->range.end - n->range.begin);
  }
  std::string text_of(TextRange r) const { return doc.text().substr(r.begin, r.end - r.begin); }
  const yaml::Node* at(std::initializer_list<const char*> path) const {
    const yaml::Node* n = tree.root;
    for (const char* key : path) n = n ? n->get(key) : nullptr;
    return n;
  }
};

}  // namespace

TEST(YamlTree, PlainAndQuotedScalarRanges) {
  Parsed p("a: hello world   # comment\nb: \"q \\\" x\"\nc: 'it''s'\nd: 12\n");
  EXPECT_EQ(p.text_of(p.at({"a"})), "hello world");
  EXPECT_EQ(p.text_of(p.at({"b"})), "\"q \\\" x\"");
  EXPECT_EQ(p.at({"b"})->value, "q \" x");
  EXPECT_EQ(p.text_of(p.at({"c"})), "'it''s'");
  EXPECT_EQ(p.at({"c"})->style, yaml::ScalarStyle::SingleQuoted);
  EXPECT_EQ(p.text_of(p.at({"d"})), "12");
  EXPECT_EQ(p.text_of(p.tree.root->pairs[0].key), "a");
}

TEST(YamlTree, MultiLinePlainScalarFolds) {
  Parsed p("command: python train.py\n  --lr 0.1\n  --epochs 3\nnext: 1\n");
  EXPECT_EQ(p.at({"command"})->value, "python train.py --lr 0.1 --epochs 3");
  EXPECT_EQ(p.text_of(p.at({"command"})), "python train.py\n  --lr 0.1\n  --epochs 3");
}

TEST(YamlTree, BlockScalarRanges) {
  Parsed p("command: |\n  echo a\n\n  echo b\n\nother: >-\n  x\n  y\nlast: 1\n");
  EXPECT_EQ(p.text_of(p.at({"command"})), "|\n  echo a\n\n  echo b");
  EXPECT_EQ(p.at({"command"})->style, yaml::ScalarStyle::Literal);
  EXPECT_EQ(p.text_of(p.at({"other"})), ">-\n  x\n  y");
  EXPECT_EQ(p.at({"other"})->value, "x y");
}

TEST(YamlTree, EmptyBlockScalar) {
  Parsed p("a: |\nb: 1\n");
  EXPECT_EQ(p.text_of(p.at({"a"})), "|");
  EXPECT_EQ(p.at({"b"})->value, "1");
}

TEST(YamlTree, FlowCollectionRanges) {
  Parsed p("inputs: {a: 1, b: [x, 'y', {c: d}]}  # c\nz: []\n");
  const yaml::Node* inputs = p.at({"inputs"});
  ASSERT_TRUE(inputs->is_mapping());
  EXPECT_TRUE(inputs->flow);
  EXPECT_EQ(p.text_of(inputs), "{a: 1, b: [x, 'y', {c: d}]}");
  EXPECT_EQ(p.text_of(inputs->get("b")), "[x, 'y', {c: d}]");
  EXPECT_EQ(p.text_of(inputs->get("b")->items[0]), "x");
  EXPECT_EQ(p.text_of(p.at({"z"})), "[]");
}

TEST(YamlTree, BlockCollectionRanges) {
  Parsed p("jobs:\n  train:\n    type: command\n  score:\n    - a\n    - b\nx: 1\n");
  EXPECT_EQ(p.text_of(p.at({"jobs"})), "train:\n    type: command\n  score:\n    - a\n    - b");
  EXPECT_EQ(p.text_of(p.at({"jobs", "score"})), "- a\n    - b");
  EXPECT_EQ(p.text_of(p.at({"jobs", "score"})->items[1]), "b");
}

TEST(YamlTree, EmptyValuesSitAfterTheColon) {
  Parsed p("outputs:\n  model:\n  other: ~\nlast:");
  const yaml::Node* model = p.at({"outputs", "model"});
  ASSERT_TRUE(model->is_null());
  EXPECT_TRUE(model->range.empty());
  EXPECT_EQ(model->range.begin, p.doc.text().find("model:") + 6);
  EXPECT_EQ(p.text_of(p.at({"outputs", "other"})), "~");
  EXPECT_TRUE(p.at({"last"})->is_null());
}

TEST(YamlTree, AnchorsAliasesAndMerges) {
  Parsed p(
      "base: &base\n  compute: cpu\n  image: x\nname: &n hello\n"
      "job:\n  <<: *base\n  image: y\n  who: *n\n");
  const yaml::Node* job = p.at({"job"});
  ASSERT_TRUE(job);
  EXPECT_EQ(job->get("compute")->value, "cpu");
  EXPECT_EQ(job->get("image")->value, "y");
  EXPECT_EQ(job->get("who")->value, "hello");
  EXPECT_EQ(p.text_of(job->get("who")), "*n");
  EXPECT_EQ(p.text_of(p.at({"name"})), "hello");
  EXPECT_FALSE(job->find_pair("<<"));
  EXPECT_TRUE(p.tree.diagnostics.empty());
}

TEST(YamlTree, DuplicateKeysWarnOnTheIgnoredOne) {
  Parsed p("a: 1\nb: 2\na: 3\n");
  ASSERT_EQ(p.tree.diagnostics.size(), 1u);
  const Diagnostic& d = p.tree.diagnostics[0];
  EXPECT_EQ(d.code, "duplicate-key");
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.range.begin, 0u);
  EXPECT_NE(d.message.find("line 3"), std::string::npos);
  EXPECT_EQ(p.at({"a"})->value, "3");
  // What PyYAML keeps: the ignored pair is not in the tree for any check to judge.
  ASSERT_EQ(p.tree.root->pairs.size(), 2u);
  EXPECT_EQ(p.tree.root->pairs[0].key->value, "b");
  EXPECT_EQ(p.tree.root->pairs[1].value->value, "3");
}

TEST(YamlTree, SyntaxErrorKeepsTheTreeAndRecovers) {
  Parsed p("type: command\ncommand: [oops\nenvironment: azureml:x:1\ncode: src\n");
  EXPECT_TRUE(p.tree.syntax_error);
  ASSERT_FALSE(p.tree.diagnostics.empty());
  EXPECT_EQ(p.tree.diagnostics[0].code, "syntax-error");
  ASSERT_TRUE(p.tree.root);
  ASSERT_TRUE(p.at({"type"}));
  EXPECT_EQ(p.at({"type"})->value, "command");
  ASSERT_TRUE(p.at({"code"}));
  EXPECT_EQ(p.at({"code"})->value, "src");
}

TEST(YamlTree, BadIndentationIsReportedOnItsLine) {
  Parsed p("a: 1\nb:\n  c: 2\n d: 3\ne: 4\n");
  ASSERT_FALSE(p.tree.diagnostics.empty());
  EXPECT_EQ(p.tree.diagnostics[0].code, "syntax-error");
  EXPECT_EQ(p.doc.line_of(p.tree.diagnostics[0].range.begin), 3u);
  ASSERT_TRUE(p.at({"e"}));
  EXPECT_EQ(p.at({"e"})->value, "4");
}

TEST(YamlTree, AliasBombIsBounded) {
  std::string bomb =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  const char* names = "abcdefghi";
  for (int i = 1; i < 9; ++i) {
    bomb += std::string(1, names[i]) + ": &" + names[i] + " [";
    for (int k = 0; k < 9; ++k) bomb += std::string(k ? "," : "") + "*" + names[i - 1];
    bomb += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  Parsed p(bomb);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  bool reported = false;
  for (const auto& d : p.tree.diagnostics) reported |= d.code == "alias-limit";
  EXPECT_TRUE(reported);
  EXPECT_LT(p.tree.nodes.size(), 10000u);
  EXPECT_LT(ms, 5000);
}

TEST(YamlTree, DeepNestingIsAnErrorNotACrash) {
  Parsed p(std::string(100000, '['));
  EXPECT_TRUE(p.tree.syntax_error);
  EXPECT_FALSE(p.tree.diagnostics.empty());
}

TEST(YamlTree, CrlfRanges) {
  Parsed p("a: x\r\nb: |\r\n  y\r\n");
  EXPECT_EQ(p.text_of(p.at({"a"})), "x");
  EXPECT_EQ(p.at({"b"})->value, "y\n");
}

TEST(YamlTree, PathToFindsInnermostNode) {
  Parsed p("jobs:\n  train:\n    type: command\n");
  uint32_t off = static_cast<uint32_t>(p.doc.text().find("command"));
  auto path = yaml::path_to(p.tree, off + 2);
  ASSERT_FALSE(path.empty());
  EXPECT_EQ(path.back()->value, "command");
}

namespace {

std::vector<const Diagnostic*> syntax_errors(const yaml::Tree& tree) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : tree.diagnostics)
    if (d.code == "syntax-error") out.push_back(&d);
  return out;
}

// The text with a fix's edits applied (edits do not overlap; applied from the back).
std::string apply(std::string text, const Fix& fix) {
  std::vector<TextEdit> edits = fix.edits;
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.range.begin > b.range.begin; });
  for (const TextEdit& e : edits)
    text.replace(e.range.begin, e.range.end - e.range.begin, e.new_text);
  return text;
}

}  // namespace

// yaml-cpp says "illegal map value" once per tab-indented line; PyYAML stops at the first tab.
TEST(YamlTree, TabIndentationIsOneErrorInWordsWithAFix) {
  Parsed p("inputs:\n\tlr: 0.1\n\tepochs: 3\n\tbatch: 4\ncode: src\n");
  auto errors = syntax_errors(p.tree);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]->message,
            "invalid YAML: a tab character cannot indent YAML; indent with spaces (lines 2-4)");
  EXPECT_EQ(p.doc.line_of(errors[0]->range.begin), 1u);
  // The tab-indented lines are read on, not set aside.
  ASSERT_TRUE(p.at({"inputs", "batch"}));
  EXPECT_EQ(p.at({"inputs", "batch"})->value, "4");
  ASSERT_EQ(errors[0]->fixes.size(), 1u);
  EXPECT_FALSE(errors[0]->fixes[0].safe());
  Parsed fixed(apply(p.doc.text(), errors[0]->fixes[0]));
  EXPECT_TRUE(fixed.tree.diagnostics.empty()) << fixed.doc.text();
  EXPECT_EQ(fixed.at({"inputs", "epochs"})->value, "3");
}

TEST(YamlTree, ColonInAValueSaysQuoteItAndTheFixQuotes) {
  Parsed p("description: Train: a \"model\"  # why\nname: x\n");
  auto errors = syntax_errors(p.tree);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0]->message.find("quote this value: it contains `: `"), std::string::npos);
  EXPECT_EQ(p.text_of(errors[0]->range), "Train: a \"model\"");
  ASSERT_TRUE(p.at({"description"}));  // the key is kept
  ASSERT_EQ(errors[0]->fixes.size(), 1u);
  Parsed fixed(apply(p.doc.text(), errors[0]->fixes[0]));
  EXPECT_TRUE(fixed.tree.diagnostics.empty()) << fixed.doc.text();
  EXPECT_EQ(fixed.at({"description"})->value, "Train: a \"model\"");
  EXPECT_NE(fixed.doc.text().find("# why"), std::string::npos);
}

TEST(YamlTree, NoQuoteFixWhenThePlainValueGoesOn) {
  Parsed p("description: Train: a model\n  on two lines\nname: x\n");
  auto errors = syntax_errors(p.tree);
  ASSERT_FALSE(errors.empty());
  EXPECT_TRUE(errors[0]->fixes.empty());
}

// yaml-cpp reported each line of the block as a new "illegal map value", eight times.
TEST(YamlTree, BlockIndentedTooDeepIsOneError) {
  std::string text = "inputs:\n  lr: 0.1\n";
  for (const char* key : {"epochs", "batch", "seed", "x", "y", "z", "w", "v", "u"})
    text += std::string("   ") + key + ": 1\n";
  text += "code: src\n";
  Parsed p(text);
  auto errors = syntax_errors(p.tree);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0]->message.find("`epochs` is indented more than `lr` on line 2"),
            std::string::npos);
  EXPECT_NE(errors[0]->message.find("(lines 3-11)"), std::string::npos);
  ASSERT_TRUE(p.at({"code"}));
  EXPECT_EQ(p.at({"code"})->value, "src");
}

// PyYAML: "while scanning a simple key ... could not find expected ':'". yaml-cpp stops at the
// next line's `:`; the mistake, and what recovery sets aside, is the line without one.
TEST(YamlTree, KeyWithoutColonIsReportedOnItsOwnLineOnce) {
  Parsed p("settings:\n  default_datastore: azureml:ws\n  default_co\nmpute: x\njobs:\n  a: 1\n");
  auto errors = syntax_errors(p.tree);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(p.doc.line_of(errors[0]->range.begin), 2u);
  EXPECT_NE(errors[0]->message.find("no `: ` follows `default_co`"), std::string::npos);
  ASSERT_TRUE(p.at({"jobs", "a"}));
}

TEST(YamlTree, ReservedFirstCharacterSaysQuote) {
  Parsed p("tags:\n  owner: @alice\n");
  auto errors = syntax_errors(p.tree);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0]->message.find("cannot start with `@`; quote this value"), std::string::npos);
  ASSERT_TRUE(p.at({"tags", "owner"}));  // read on as a string, not left empty
  Parsed fixed(apply(p.doc.text(), errors[0]->fixes.at(0)));
  EXPECT_TRUE(fixed.tree.diagnostics.empty());
  EXPECT_EQ(fixed.at({"tags", "owner"})->value, "@alice");
}

TEST(YamlTree, MessagesNameTheMistake) {
  struct Case {
    std::string text, words;
  };
  for (const Case& c : std::vector<Case>{
           {"a: 1\n- b\n", "a `- ` list item cannot stand among the keys of a mapping"},
           {"a:\n  - x\n  b: 1\n", "`b` cannot stand among the items of the list"},
           {"a: 'it's'\n", "inside single quotes write `'` as `''`"},
           {"a: \"C:\\path\"\n", "`\\p` is not an escape of a double-quoted string"},
           {"a: *nope\n", "`*nope` refers to an anchor `&nope` that is not defined"},
           {"a: [1, 2\nb: 3\n", "this `[` is never closed"},
           {"a: {x: 1\nb: 3\n", "this `{` is never closed"},
           {"a: 1\n]\n", "this `]` closes nothing"},
           {"a:\n  b: 1\n c: 2\n", "indented less than line 2 but more than line 1"},
           {"a:\n  b: 1\n  mode:# upload\nc: 2\n", "no `: ` follows `mode:# upload`"},
       }) {
    Parsed p(c.text);
    auto errors = syntax_errors(p.tree);
    ASSERT_FALSE(errors.empty()) << c.text;
    EXPECT_NE(errors[0]->message.find(c.words), std::string::npos) << c.text << "\n"
                                                                   << errors[0]->message;
    EXPECT_EQ(errors[0]->message.find("illegal"), std::string::npos) << errors[0]->message;
    EXPECT_EQ(errors[0]->message.find("not found"), std::string::npos) << errors[0]->message;
  }
}

// PyYAML (the CLI's loader) reads a lone CR as a line break; so does the tree.
TEST(YamlTree, LoneCarriageReturnsAreLineBreaks) {
  Parsed p("a: x\rb: two\rc: |\r  line one\r  line two\rd: 4\r");
  EXPECT_TRUE(p.tree.diagnostics.empty());
  EXPECT_FALSE(p.tree.syntax_error);
  EXPECT_EQ(p.at({"b"})->value, "two");
  EXPECT_EQ(p.at({"c"})->value, "line one\nline two\n");
  EXPECT_EQ(p.text_of(p.at({"d"})), "4");
  EXPECT_EQ(p.doc.line_of(p.at({"d"})->range.begin), 5u);
  // Mixed with CRLF and LF.
  Parsed mixed("a: 1\r\nb: 2\rc: 3\n");
  EXPECT_TRUE(mixed.tree.diagnostics.empty());
  EXPECT_EQ(mixed.at({"c"})->value, "3");
}

namespace {

// Every node reachable from the root, once each (aliases make the tree a DAG).
void reachable(const yaml::Node* n, std::set<const yaml::Node*>& out) {
  if (!n || !out.insert(n).second) return;
  for (const yaml::Pair& p : n->pairs) {
    reachable(p.key, out);
    reachable(p.value, out);
  }
  for (const yaml::Node* item : n->items) reachable(item, out);
}

// A job file of `steps` pipeline steps, with an anchor, aliases, a merge key, tags and flow
// collections, so that every kind of pointer the parser makes is in it.
std::string pipeline(int steps) {
  std::string text =
      "type: pipeline\ndefaults: &d {compute: cpu, tags: [a, b]}\nsettings: !!map {x: !!str 1}\n"
      "jobs:\n";
  for (int i = 0; i < steps; ++i) {
    std::string n = std::to_string(i);
    text += "  s" + n + ":\n    <<: *d\n    command: echo " + n + "\n    inputs:\n      a: " + n +
            "\n      b: [1, 2, *d]\n";
  }
  return text;
}

}  // namespace

// The parser moves a small tree's nodes into one exact chunk (Tree::compact) and leaves a
// large one where it was made: either way every pointer in the tree is to a node of its store,
// and the store holds the nodes in the order they were made (document order).
TEST(YamlTree, EveryReachableNodeIsInTheStoreInDocumentOrder) {
  for (int steps : {1, 3, 40, 1400}) {
    Parsed p(pipeline(steps));
    ASSERT_TRUE(p.tree.diagnostics.empty()) << p.tree.diagnostics[0].message;
    std::set<const yaml::Node*> stored;
    uint32_t previous = 0;
    bool ordered = true;
    for (const yaml::Node& n : p.tree.nodes) {
      stored.insert(&n);
      ordered = ordered && (n.kind == NodeKind::Mapping || n.kind == NodeKind::Sequence ||
                            n.range.begin >= previous);
      if (n.kind != NodeKind::Mapping && n.kind != NodeKind::Sequence) previous = n.range.begin;
    }
    EXPECT_TRUE(ordered) << steps;
    EXPECT_EQ(stored.size(), p.tree.nodes.size());
    std::set<const yaml::Node*> seen;
    reachable(p.tree.root, seen);
    EXPECT_GT(seen.size(), static_cast<size_t>(steps) * 10);
    for (const yaml::Node* n : seen) EXPECT_TRUE(stored.count(n)) << steps;
    const yaml::Node* step = p.at({"jobs", "s0"});
    ASSERT_TRUE(step);
    EXPECT_EQ(step->get("compute")->value, "cpu");  // merged from the anchor
    EXPECT_EQ(step->get("inputs")->get("b")->items[2], p.at({"defaults"}));  // the alias
    EXPECT_EQ(p.at({"settings"})->tag, "tag:yaml.org,2002:map");
    EXPECT_EQ(p.at({"settings", "x"})->tag, "tag:yaml.org,2002:str");
  }
}

// Nodes are copied by value (the incremental stand-ins copy the root and `jobs:`): a copy is
// the same views, for free; giving it other lists or text never changes the tree's node.
TEST(YamlTree, NodeCopiesShareTheTreesTextAndLists) {
  Parsed p("a: !!str 1\nb: [x, y, z]\nc: {k: v}\n");
  yaml::Node copy = *p.tree.root;
  ASSERT_EQ(copy.pairs.size(), 3u);
  EXPECT_EQ(copy.pairs.data(), p.tree.root->pairs.data());
  const yaml::Pair last = copy.pairs[2];
  copy.pairs = yaml::NodeList<yaml::Pair>(&last, 1);
  EXPECT_EQ(copy.pairs.size(), 1u);
  EXPECT_EQ(p.tree.root->pairs.size(), 3u);
  EXPECT_EQ(copy.pairs.front().key->value, "c");

  yaml::Node seq = *p.at({"b"});
  std::vector<yaml::Node*> items(seq.items.begin(), seq.items.end());
  for (int i = 0; i < 100; ++i) items.push_back(items[static_cast<size_t>(i) % 3]);
  p.tree.set_items(seq, items.data(), items.size());
  EXPECT_EQ(seq.items.size(), 103u);
  EXPECT_EQ(p.at({"b"})->items.size(), 3u);
  EXPECT_EQ(seq.items.back()->value, "x");
  EXPECT_EQ(seq.items[101]->value, "z");

  yaml::Node scalar = *p.at({"a"});
  EXPECT_EQ(scalar.tag, "tag:yaml.org,2002:str");
  EXPECT_EQ(scalar.tag.data(), p.at({"a"})->tag.data());
  p.tree.set_tag(scalar, "!custom");
  EXPECT_EQ(scalar.tag, "!custom");
  EXPECT_EQ(p.at({"a"})->tag, "tag:yaml.org,2002:str");
  scalar.tag = {};
  EXPECT_TRUE(scalar.tag.empty());
  EXPECT_TRUE(p.at({"b"})->tag.empty());
}
