#include "navigation/cursor_context.h"

#include <gtest/gtest.h>

namespace amllint::nav {
namespace {

// The cursor is where `|` stands; it is removed from the text.
CursorContext at(std::string text) {
  size_t bar = text.find('|');
  text.erase(bar, 1);
  Document doc(text);
  return cursor_context(doc, static_cast<uint32_t>(bar));
}

TEST(CursorContext, KeyInNestedMappingListsSiblings) {
  auto c =
      at("inputs:\n  cifar:\n    type: uri_folder\n    pa|\n    mode: ro_mount\noutputs: {}\n");
  EXPECT_EQ(c.mode, CursorContext::Mode::Key);
  EXPECT_EQ(c.pointer(), "/inputs/cifar");
  EXPECT_EQ(c.partial, "pa");
  EXPECT_EQ(c.siblings, (std::set<std::string>{"type", "mode"}));
}

TEST(CursorContext, ValueAfterKey) {
  auto c = at("distribution:\n  type: py|\n");
  EXPECT_EQ(c.mode, CursorContext::Mode::Value);
  EXPECT_EQ(c.pointer(), "/distribution");
  EXPECT_EQ(c.key, "type");
  EXPECT_EQ(c.partial, "py");
}

TEST(CursorContext, SequenceItemsGetTheirIndex) {
  auto c = at("steps:\n  - name: a\n    x: 1\n  - name: b\n    |\n");
  EXPECT_EQ(c.pointer(), "/steps/1");
  EXPECT_EQ(c.siblings, (std::set<std::string>{"name"}));
}

TEST(CursorContext, ExpressionSegments) {
  auto c = at("jobs:\n  train:\n    command: echo ${{parent.jobs.prep.outputs.da|\n");
  EXPECT_EQ(c.mode, CursorContext::Mode::Expression);
  EXPECT_EQ(c.expression, (std::vector<std::string>{"parent", "jobs", "prep", "outputs"}));
  EXPECT_EQ(c.partial, "da");
  EXPECT_EQ(c.pointer(), "/jobs/train");
}

TEST(CursorContext, HalfTypedFileStillHasAContext) {
  auto c = at("type: command\ninputs:\n  x: [1,\n  |\ncommand: echo\n");
  EXPECT_EQ(c.mode, CursorContext::Mode::Key);
  EXPECT_EQ(c.pointer(), "/inputs");
}

}  // namespace
}  // namespace amllint::nav
