#include "yaml_tree.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "document.h"

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
