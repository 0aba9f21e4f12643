// Input meant to break a parser must end in a clear diagnostic, in bounded time and memory.
// (ctest's timeout bounds the time; these tests assert what the user sees.)
#include <gtest/gtest.h>

#include "test_support.h"
#include "yaml_tree.h"

using namespace amllint;
using amllint::testing::lint_text;

namespace {

bool has_code(const Analysis& a, std::string_view code, Severity severity = Severity::Error) {
  for (const Diagnostic& d : a.diagnostics)
    if (d.code == code && d.severity == severity) return true;
  return false;
}

constexpr const char* kHeader =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n";

}  // namespace

TEST(HostileInput, BillionLaughsIn478Bytes) {
  std::string bomb =
      std::string(kHeader) +
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  const char* names = "abcdefghi";
  for (int i = 1; i < 9; ++i) {
    bomb += std::string(1, names[i]) + ": &" + names[i] + " [";
    for (int k = 0; k < 9; ++k) bomb += std::string(k ? "," : "") + "*" + names[i - 1];
    bomb += "]\n";
  }
  auto linted = lint_text(bomb);
  EXPECT_TRUE(has_code(linted.analysis, "alias-limit"));
  ASSERT_TRUE(linted.analysis.tree);
  EXPECT_LT(linted.analysis.tree->nodes.size(), 20000u);
}

TEST(HostileInput, HundredThousandOpenBrackets) {
  auto linted = lint_text(std::string(kHeader) + "command: " + std::string(100000, '['));
  EXPECT_TRUE(has_code(linted.analysis, "syntax-error"));
  bool explained = false;
  for (const Diagnostic& d : linted.analysis.diagnostics)
    explained |= d.message.find("nested too deeply") != std::string::npos;
  EXPECT_TRUE(explained);
}

TEST(HostileInput, TwentyMegabyteFile) {
  std::string text = kHeader;
  text += "type: command\ncommand: python x.py\nenvironment: azureml:e:1\ntags:\n";
  for (int i = 0; text.size() < 20u * 1024 * 1024; ++i)
    text += "  key_" + std::to_string(i) + ": value number " + std::to_string(i) + "\n";
  auto linted = lint_text(text);
  EXPECT_EQ(linted.analysis.kind, FileKind::CommandJob);
  EXPECT_FALSE(has_code(linted.analysis, "syntax-error"));
}

TEST(HostileInput, OneMegabyteLine) {
  auto linted =
      lint_text(std::string(kHeader) + "type: command\nenvironment: azureml:e:1\ncommand: echo " +
                std::string(1024 * 1024, 'x') + "\n");
  EXPECT_EQ(linted.analysis.kind, FileKind::CommandJob);
  EXPECT_FALSE(has_code(linted.analysis, "syntax-error"));
}

TEST(HostileInput, NulBytesAreReportedWhereTheyAre) {
  std::string text = std::string(kHeader) + "command: a";
  text += '\0';
  text += "b\n";
  auto linted = lint_text(text);
  ASSERT_EQ(linted.analysis.diagnostics.size(), 1u);
  const Diagnostic& d = linted.analysis.diagnostics[0];
  EXPECT_EQ(d.code, "invalid-encoding");
  EXPECT_EQ(linted.doc.to_codepoints(d.range.begin).line, 1u);
}

TEST(HostileInput, InvalidUtf8IsReportedWhereItIs) {
  auto linted = lint_text(std::string(kHeader) + "display_name: caf\xE9\n");
  ASSERT_EQ(linted.analysis.diagnostics.size(), 1u);
  const Diagnostic& d = linted.analysis.diagnostics[0];
  EXPECT_EQ(d.code, "invalid-encoding");
  EXPECT_EQ(linted.doc.to_utf8(d.range.begin), (LineCol{1, 17}));
}

TEST(HostileInput, OddYamlGivesDiagnosticsInsideTheText) {
  for (std::string junk : {"\"\"\"", "'\n'\n'", "\t\t- : -", "? ? ?", "!!binary ~", "&a *a", "- *x",
                           "{[}]", "a: !<tag:x> 1", "%YAML 1.1\n---\na: 1\n...\n--- b"}) {
    auto linted = lint_text(std::string(kHeader) + junk);
    for (const Diagnostic& d : linted.analysis.diagnostics) {
      EXPECT_LE(d.range.begin, d.range.end) << junk;
      EXPECT_LE(d.range.end, linted.doc.size()) << junk;
      EXPECT_FALSE(d.message.empty()) << junk;
    }
  }
}
