#include <gtest/gtest.h>

#include "reporter.h"
#include "terminal.h"

namespace amllint::cli {
namespace {

TEST(Snippet, UnderlinesTheRangeOnItsLine) {
  Document doc("a: 1\ncomand: echo\n");
  Snippet s = make_snippet(doc, {5, 11});
  EXPECT_EQ(s.line, "comand: echo");
  EXPECT_EQ(s.underline, "^~~~~~");
  s = make_snippet(doc, {13, 17});
  EXPECT_EQ(s.underline, "        ^~~~");
}

TEST(Snippet, EmptyRangeIsOneCaretAndLongRangesStopAtTheLineEnd) {
  Document doc("jobs:\n  a: 1\n");
  EXPECT_EQ(make_snippet(doc, {0, 0}).underline, "^");
  EXPECT_EQ(make_snippet(doc, {5, 5}).underline, "     ^");  // at the end of "jobs:"
  Snippet s = make_snippet(doc, {0, 12});
  EXPECT_EQ(s.line, "jobs:");
  EXPECT_EQ(s.underline, "^~~~~");
}

TEST(Snippet, TabsAreKeptAndCodePointsCountOnce) {
  Document doc("x:\t\"caf\xC3\xA9\" k\n");
  Snippet s = make_snippet(doc, {11, 12});  // `k`, after the two-byte é
  EXPECT_EQ(s.underline, "  \t       ^");
}

TEST(Snippet, CrlfLinesShowWithoutTheirBreak) {
  Document doc("a: 1\r\nbb: 2\r\n");
  Snippet s = make_snippet(doc, {6, 8});
  EXPECT_EQ(s.line, "bb: 2");
  EXPECT_EQ(s.underline, "^~");
}

TEST(Snippet, ControlCharactersAndBadBytesCannotReachTheTerminal) {
  Document doc("k: \x1b[31mred\xff\n");
  Snippet s = make_snippet(doc, {11, 12});
  EXPECT_EQ(s.line, "k: \xEF\xBF\xBD[31mred\xEF\xBF\xBD");
  EXPECT_EQ(s.underline, "           ^");
  EXPECT_EQ(printable("a\tb\nc\x7f\xC2\x9B"),
            "a\tb\xEF\xBF\xBD"
            "c\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Snippet, LongLinesAreCutToAWindowAroundTheRange) {
  std::string line(1000, 'a');
  line.replace(500, 3, "BAD");
  Document doc(line + "\n");
  Snippet s = make_snippet(doc, {500, 503});
  EXPECT_EQ(s.line, "..." + std::string(40, 'a') + "BAD" + std::string(117, 'a') + "...");
  EXPECT_EQ(s.underline, std::string(43, ' ') + "^~~");
}

}  // namespace
}  // namespace amllint::cli
