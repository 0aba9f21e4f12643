// JsonView::span finds a pointer's source range on demand. These tests hold it to the table the
// view used to build for every node (kept here as the reference): same key and value ranges, same
// node, for every pointer of every corpus and fixture file, for pointers below them that do not
// exist (the nearest ancestor answers), and for the cases a walk could get wrong.
#include "syntax/json_view.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "syntax/document.h"
#include "syntax/yaml_tree.h"
#include "test_support.h"

using namespace amllint;

namespace {

// The table, built as the view built it: every node's pointer, a later pair's entries
// overwriting an earlier one's.
struct Reference {
  std::unordered_map<std::string, SourceSpan> spans;
  std::vector<std::string> pointers;  // in the order they were made
  std::vector<std::string> dates;

  void add(const std::string& pointer, SourceSpan s) {
    spans[pointer] = s;
    pointers.push_back(pointer);
  }

  void walk(const yaml::Node* n, const std::string& pointer, TextRange key) {
    if (!n) {
      add(pointer, {key, {key.end, key.end}, nullptr});
      return;
    }
    add(pointer, {key, n->range, n});
    if (n->kind == yaml::NodeKind::Scalar && n->style == yaml::ScalarStyle::Plain &&
        n->tag.empty() && yaml::is_timestamp(n->value) &&
        yaml::resolve(*n).type == yaml::ScalarType::String)
      dates.push_back(pointer);
    if (n->kind == yaml::NodeKind::Sequence)
      for (size_t i = 0; i < n->items.size(); ++i)
        walk(n->items[i], pointer + "/" + std::to_string(i), {});
    if (n->kind == yaml::NodeKind::Mapping)
      for (const yaml::Pair& p : n->pairs) {
        std::string name = p.key && p.key->kind == yaml::NodeKind::Scalar ? p.key->value.str() : "";
        walk(p.value, pointer + "/" + escape_pointer_token(name),
             p.key ? p.key->range : TextRange{});
      }
  }

  SourceSpan span(std::string p) const {
    for (;;) {
      auto it = spans.find(p);
      if (it != spans.end()) return it->second;
      if (p.empty()) return {};
      p.erase(p.rfind('/'));
    }
  }
};

bool same(const TextRange& a, const TextRange& b) {
  return a.begin == b.begin && a.end == b.end;
}

// Compares the view's spans with the reference's for every pointer, and for pointers below each
// that no node has. Returns how many pointers were compared.
size_t expect_same_spans(const std::string& label, const std::string& text) {
  Document doc(text);
  yaml::Tree tree = yaml::parse(doc);
  JsonView view = to_json(tree.root);
  Reference ref;
  if (tree.root) ref.walk(tree.root, "", {});
  EXPECT_EQ(view.dates, ref.dates) << label;
  size_t compared = 0;
  for (const std::string& p : ref.pointers) {
    for (const std::string& q : {p, p + "/nope", p + "/0", p + "/01", p + "/"}) {
      const SourceSpan want = ref.span(q);
      const SourceSpan got = view.span(q);
      EXPECT_TRUE(same(got.key, want.key) && same(got.value, want.value) && got.node == want.node)
          << label << ": pointer '" << q << "': value at " << got.value.begin << ", want "
          << want.value.begin;
      const auto exact = view.exact_span(q);
      const auto it = ref.spans.find(q);
      EXPECT_EQ(exact.has_value(), it != ref.spans.end()) << label << ": pointer '" << q << "'";
      if (exact && it != ref.spans.end()) {
        EXPECT_TRUE(same(exact->key, it->second.key) && same(exact->value, it->second.value) &&
                    exact->node == it->second.node)
            << label << ": exact pointer '" << q << "'";
      }
      ++compared;
    }
  }
  return compared;
}

TEST(JsonViewSpans, MatchTheTableOnEveryCorpusAndFixtureFile) {
  size_t compared = 0;
  size_t files = 0;
  for (const auto& path : amllint::testing::pipeline_test_files()) {
    compared += expect_same_spans(path.string(), amllint::testing::read_file(path));
    ++files;
  }
  EXPECT_GT(files, 100u);
  EXPECT_GT(compared, 30000u);
}

TEST(JsonViewSpans, MatchTheTableWhereAWalkCouldGoWrong) {
  const char* cases[] = {
      // A repeated key: the value `value` keeps is the last; a path only the first has still
      // has a span, the first pair's.
      "a:\n  x: 1\n  z: 3\na:\n  y: 2\n",
      "a: [1, 2, 3]\na: [4]\n",
      "a:\n  b:\n    c: 1\n  b:\n    d: 2\na:\n  b:\n    e: 3\n",
      // Keys that need escaping, keys that look like indices, empty and non-scalar keys.
      "\"a/b\": 1\n\"a~b\":\n  \"~1\": 2\n\"0\": [x, [y, z]]\n\"\": 3\n? [k]\n: 4\n? {m: n}\n: 5\n",
      // Missing values, nulls, aliases, dates.
      "a:\nb: ~\nc: &x {d: 2020-01-02}\ne: *x\nf:\n  - \n  - 2021-03-04 10:00:00\n",
      // A sequence root, a scalar root, an empty document.
      "- a: 1\n- [2, 3]\n- \n",
      "just text\n",
      "",
      // Tokens that are indices with leading zeros or signs, beyond the end.
      "s: [a, b, c, d, e, f, g, h, i, j, k, l]\n",
  };
  for (const char* text : cases) expect_same_spans(std::string("case: ") + text, text);
  // A mapping of many keys is looked up through the view's key index: the same cases there.
  std::string big;
  for (int i = 0; i < 20; ++i) big += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  big += "a:\n  x: 1\na:\n  y: 2\n\"a/b\": 3\n\"~1\": 4\n\"\": 5\n? [k]\n: 6\n\"0\": [z]\n";
  expect_same_spans("many keys", big);
  expect_same_spans(
      "many keys, nested", "top:\n" + [&] {
        std::string nested;
        for (size_t at = 0; at < big.size();) {
          size_t end = big.find('\n', at);
          nested += "  " + big.substr(at, end - at + 1);
          at = end + 1;
        }
        return nested;
      }());
}

TEST(JsonViewSpans, AnswerTheNearestAncestorAndNothingForAMalformedPointer) {
  Document doc("jobs:\n  train:\n    type: command\n");
  yaml::Tree tree = yaml::parse(doc);
  JsonView view = to_json(tree.root);
  const SourceSpan train = view.span("/jobs/train");
  ASSERT_NE(train.node, nullptr);
  EXPECT_EQ(view.span("/jobs/train/inputs/x").node, train.node);
  EXPECT_EQ(view.span("").node, tree.root);
  EXPECT_EQ(view.span("jobs").node, nullptr);  // not a pointer: no span rather than the root's
  JsonView by_hand;
  by_hand.value = nlohmann::json::object();
  EXPECT_EQ(by_hand.span("/jobs").node, nullptr);
}

}  // namespace

namespace {

TEST(JsonViewPointers, EscapeAndUnescapeTokens) {
  EXPECT_EQ(escape_pointer_token("train_job"), "train_job");
  EXPECT_EQ(escape_pointer_token(""), "");
  EXPECT_EQ(escape_pointer_token("a/b"), "a~1b");
  EXPECT_EQ(escape_pointer_token("a~b"), "a~0b");
  EXPECT_EQ(escape_pointer_token("~/~"), "~0~1~0");
  for (const char* t : {"train_job", "", "a/b", "a~b", "~/~", "~1", "//"})
    EXPECT_EQ(unescape_pointer_token(escape_pointer_token(t)), t);
}

}  // namespace

namespace {

TEST(JsonViewPointers, ChildPointersEscapeTheirToken) {
  EXPECT_EQ(child_pointer("", "jobs"), "/jobs");
  EXPECT_EQ(child_pointer("/jobs", "a/b~c"), "/jobs/a~1b~0c");
  std::string p = "/jobs";
  append_pointer_token(p, "");
  EXPECT_EQ(p, "/jobs/");
  append_pointer_token(p, "~");
  EXPECT_EQ(p, "/jobs//~0");
}

}  // namespace
