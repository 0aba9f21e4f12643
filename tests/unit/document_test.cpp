#include "syntax/document.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>

using amllint::Document;
using amllint::LineCol;

TEST(Document, StripsBomAndIndexesLines) {
  Document d(
      "\xEF\xBB\xBF"
      "a: 1\nb: 2\n");
  EXPECT_TRUE(d.had_bom());
  EXPECT_EQ(d.text(), "a: 1\nb: 2\n");
  EXPECT_EQ(d.line_count(), 3u);
  EXPECT_EQ(d.line_text(1), "b: 2");
  EXPECT_EQ(d.line_text(2), "");
}

TEST(Document, CrlfAndLoneCrEndLines) {
  Document d("a\r\nbb\rccc");
  ASSERT_EQ(d.line_count(), 3u);
  EXPECT_EQ(d.line_text(0), "a");
  EXPECT_EQ(d.line_text(1), "bb");
  EXPECT_EQ(d.line_text(2), "ccc");
  EXPECT_EQ(d.to_utf8(4), (LineCol{1, 1}));
  EXPECT_EQ(d.line_end(0), 1u);
}

TEST(Document, Utf16CountsSurrogatePairsAsTwoUnits) {
  // "é" is 2 bytes / 1 unit, "😀" 4 bytes / 2 units, "中" 3 bytes / 1 unit.
  Document d("x: é😀中z\n");
  uint32_t z = static_cast<uint32_t>(d.text().find('z'));
  EXPECT_EQ(d.to_utf16(z), (LineCol{0, 3 + 1 + 2 + 1}));
  EXPECT_EQ(d.to_utf8(z), (LineCol{0, 3 + 2 + 4 + 3}));
  EXPECT_EQ(d.to_codepoints(z), (LineCol{0, 6}));
  EXPECT_EQ(d.from_utf16({0, 7}), z);
  EXPECT_EQ(d.from_utf8({0, 12}), z);
}

TEST(Document, PositionsInsideACharacterSnapToItsStart) {
  Document d("😀a");
  EXPECT_EQ(d.from_utf16({0, 1}), 0u);  // between the two surrogates
  EXPECT_EQ(d.from_utf16({0, 2}), 4u);
  EXPECT_EQ(d.from_utf8({0, 2}), 0u);
}

TEST(Document, PositionsPastTheEndClamp) {
  Document d("ab\ncd");
  EXPECT_EQ(d.from_utf16({0, 99}), 2u);
  EXPECT_EQ(d.from_utf16({7, 0}), 5u);
  EXPECT_EQ(d.to_utf16(999), (LineCol{1, 2}));
}

TEST(Document, ReplaceAppliesAnEditAndReindexes) {
  Document d("a: 1\nb: 2\n");
  d.replace({3, 4}, "10\nc: 3");
  EXPECT_EQ(d.text(), "a: 10\nc: 3\nb: 2\n");
  EXPECT_EQ(d.line_count(), 4u);
  EXPECT_EQ(d.line_text(1), "c: 3");
  d.replace({0, 1000}, "");
  EXPECT_EQ(d.text(), "");
  EXPECT_EQ(d.line_count(), 1u);
}

TEST(Document, FindsInvalidUtf8) {
  EXPECT_EQ(Document("plain ascii é 😀").first_invalid_utf8(), -1);
  EXPECT_EQ(Document("ab\xFF").first_invalid_utf8(), 2);
  EXPECT_EQ(Document("a\xC3").first_invalid_utf8(), 1);          // truncated
  EXPECT_EQ(Document("\xC0\xAF").first_invalid_utf8(), 0);       // overlong
  EXPECT_EQ(Document("x\xED\xA0\x80").first_invalid_utf8(), 1);  // surrogate
}

// replace() re-indexes only around the edit: after any chain of edits its line index must be
// the one a new Document of the same text builds, with CR, LF and CRLF split and joined at the
// edges of the edit.
TEST(Document, ReplaceKeepsTheLineIndexOfAFreshDocument) {
  std::mt19937 rng(12);
  const char* const pieces[] = {"", "a", "\n", "\r", "\r\n", "ab\ncd", "\n\n", "x\r", "\ry"};
  for (int chain = 0; chain < 200; ++chain) {
    Document doc("first\nsecond\r\nthird\rfourth\n");
    for (int i = 0; i < 30; ++i) {
      uint32_t b = rng() % (doc.size() + 1);
      uint32_t e = b + rng() % (doc.size() - b + 1);
      doc.replace({b, std::min(e, b + 3)}, pieces[rng() % std::size(pieces)]);
      Document fresh(doc.text());
      ASSERT_EQ(doc.line_count(), fresh.line_count()) << "chain " << chain << " edit " << i;
      for (uint32_t l = 0; l < fresh.line_count(); ++l)
        ASSERT_EQ(doc.line_start(l), fresh.line_start(l)) << "chain " << chain << " line " << l;
    }
  }
}

// Line starts on random texts, with and without CRs (the index takes a faster path without):
// each line starts after a LF, a CRLF or a lone CR, as a byte-by-byte reading finds them.
TEST(Document, LineStartsMatchAByteByByteReadingOnRandomTexts) {
  const std::string alphabet = "ab \n\n\r\t\0";
  std::mt19937 rng(5);
  for (int n = 0; n < 5000; ++n) {
    std::string text;
    const bool with_cr = n % 2 == 0;
    for (size_t i = rng() % 40; i > 0; --i) {
      char c = alphabet[rng() % (alphabet.size())];
      if (c == '\r' && !with_cr) c = '\n';
      text += c;
    }
    if (text.starts_with("\xEF\xBB\xBF")) continue;
    std::vector<uint32_t> want = {0};
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') want.push_back(static_cast<uint32_t>(i + 1));
      if (text[i] == '\r') {
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        want.push_back(static_cast<uint32_t>(i + 1));
      }
    }
    Document d(text);
    ASSERT_EQ(d.line_count(), want.size()) << n;
    for (uint32_t l = 0; l < want.size(); ++l) ASSERT_EQ(d.line_start(l), want[l]) << n;
  }
}
