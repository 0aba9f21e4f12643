// Input meant to break a parser must end in a clear diagnostic, in bounded time and memory.
// (ctest's timeout bounds the time; these tests assert what the user sees, and a watchdog
// turns a hang into a failure when the binary is run by hand.)
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <random>
#include <thread>

#include "../fuzz/reference_glob.h"
#include "config/ignore_rules.h"
#include "config/suppressions.h"
#include "syntax/document.h"
#include "syntax/yaml_tree.h"
#include "test_support.h"

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

// Runs `work` in a child process and says whether it ended (normally) within `limit`; a child
// still running then is killed, so a hang fails the test instead of stalling it.
bool finishes_within(std::chrono::seconds limit, const std::function<void()>& work) {
  pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    work();
    _exit(0);
  }
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The syntax errors of `text` as "line:column message" (zero-based line, byte column).
std::vector<std::string> syntax_errors(const std::string& text) {
  Document doc(text);
  yaml::Tree tree = yaml::parse(doc);
  std::vector<std::string> out;
  for (const Diagnostic& d : tree.diagnostics) {
    if (d.code != "syntax-error") continue;
    LineCol at = doc.to_utf8(d.range.begin);
    out.push_back(std::to_string(at.line) + ":" + std::to_string(at.column) + " " + d.message);
  }
  return out;
}

}  // namespace

// Found by the incremental fuzz harness: a block scalar recovered after a syntax error gained a
// trailing space its source does not have, and the unclosed binding's range ran past the text.
TEST(HostileInput, BindingRangeStaysInsideTheText) {
  for (std::string text :
       {std::string("$schema: Job\n : >\n  ${{"), std::string("$schema: Job\n : |\n  ${{")}) {
    auto linted = lint_text(text);
    for (const Diagnostic& d : linted.analysis.diagnostics) {
      EXPECT_LE(d.range.begin, d.range.end) << d.code;
      EXPECT_LE(d.range.end, text.size()) << d.code << ": " << d.message;
    }
  }
}

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

// yaml-cpp returns an empty document before a `,` that is outside brackets, forever.
TEST(HostileInput, StrayCommaEndsInASyntaxError) {
  struct Case {
    std::string text;
    std::string where;  // "line:column" of the comma
  };
  for (const Case& c : std::vector<Case>{
           {",", "0:0"},
           {",,,", "0:0"},
           {"[a],", "0:3"},
           {"{a: 1},x", "0:6"},
           {"a: 1\n---\n,", "2:0"},
           {"- a\n---\n- b\n---\n,\n", "4:0"},
           // The first error blanks line 0; the reparse meets the comma.
           {"a: b: c\n,\nd: 1\n", "1:0"},
       }) {
    ASSERT_TRUE(finishes_within(std::chrono::seconds(20), [&] { yaml::parse(Document(c.text)); }))
        << "parsing hangs on: " << c.text;
    bool at_comma = false;
    for (const std::string& e : syntax_errors(c.text))
      at_comma |=
          e.rfind(c.where + " ", 0) == 0 && e.find("`,` outside brackets") != std::string::npos;
    EXPECT_TRUE(at_comma) << c.text << "\n" << ::testing::PrintToString(syntax_errors(c.text));
  }
}

TEST(HostileInput, StrayCommaInAWholeAnalysis) {
  std::string text = std::string(kHeader) + "type: command\ncommand: echo\n---\n,\n";
  ASSERT_TRUE(finishes_within(std::chrono::seconds(20), [&] { lint_text(text); }));
  auto linted = lint_text(text);
  EXPECT_TRUE(has_code(linted.analysis, "syntax-error"));
  EXPECT_EQ(linted.analysis.kind, FileKind::CommandJob);
}

// The progress guarantee must not take real documents for a stuck parser.
TEST(HostileInput, DocumentsAfterTheFirstAreStillNoSyntaxError) {
  for (std::string text : {"a: 1\n---\nb: 2\n", "a: 1\n---\n", "---\n---\n---\n", "[a]\n--- [b]\n",
                           "a: 1\n...\n---\nb: [1, 2]\n"}) {
    Document doc(text);
    yaml::Tree tree = yaml::parse(doc);
    EXPECT_FALSE(tree.syntax_error) << text;
  }
}

// A recursive matcher tries every split of the name between the stars: C(200, 8) of them here.
TEST(HostileInput, ManyStarsInAnIgnoreGlob) {
  const std::string name(200, 'a');
  const std::string glob = "*a*a*a*a*a*a*a*a*b";
  ASSERT_TRUE(finishes_within(std::chrono::seconds(20), [&] { glob_match(glob, name); }));
  EXPECT_FALSE(glob_match(glob, name));
  EXPECT_TRUE(glob_match(glob, name + "b"));

  IgnoreRules rules;
  rules.add(glob + "\n**/**/**/**/**/**/**/**/**/**/x\n", "code");
  std::string deep = "code";
  for (int i = 0; i < 60; ++i) deep += "/d";
  ASSERT_TRUE(finishes_within(std::chrono::seconds(20), [&] {
    rules.ignored("code/" + name, false);
    rules.ignored(deep + "/y", false);
  }));
  EXPECT_FALSE(rules.ignored("code/" + name, false));
  EXPECT_TRUE(rules.ignored("code/" + name + "b", false));
  EXPECT_FALSE(rules.ignored(deep + "/y", false));
  EXPECT_TRUE(rules.ignored(deep + "/x", false));
}

// The linear matcher keeps the recursive one's answers: stars, `**`, classes, escapes.
TEST(HostileInput, LinearGlobMatchesLikeTheRecursiveOne) {
  std::mt19937 random(20240611);
  const std::string glob_chars = "ab/*?[]!^-\\";
  const std::string path_chars = "ab/-[]*";
  auto pick = [&](const std::string& from, size_t max_length) {
    std::string s(std::uniform_int_distribution<size_t>(0, max_length)(random), ' ');
    for (char& c : s) c = from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
    return s;
  };
  int matches = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string glob = pick(glob_chars, 9), path = pick(path_chars, 8);
    bool expected = reference::glob_match(glob, path);
    matches += expected;
    ASSERT_EQ(glob_match(glob, path), expected) << "glob " << glob << " path " << path;
  }
  EXPECT_GT(matches, 200);  // the inputs exercise matches, not only mismatches
}

namespace {

// Every scalar of the document, in order: what a comment may never change.
void collect_scalars(const yaml::Node* n, std::vector<std::string>& out) {
  if (!n) return;
  if (n->is_scalar()) out.push_back(n->value.str());
  for (const yaml::Pair& p : n->pairs) {
    collect_scalars(p.key, out);
    collect_scalars(p.value, out);
  }
  for (const yaml::Node* c : n->items) collect_scalars(c, out);
}

}  // namespace

// "Disable <code> for this line" appends a comment; found by the features fuzzer on a command
// written as a plain scalar over two lines, where the comment ended the value and broke the YAML.
TEST(HostileInput, SuppressionCommentsNeverChangeTheDocument) {
  const std::string text = std::string(kHeader) +
                           "type: command\n"
                           "command: python score.py\n"
                           "  --model ${{inputs.m}}\n"
                           "description: \"two\n"
                           "  lines\"\n"
                           "tags: {a: 'x\n"
                           "  y'}\n"
                           "args: >-\n"
                           "  --one\n"
                           "  --two\n"
                           "script: |\n"
                           "  pip install x\n"
                           "  echo y\n"
                           "environment: azureml:e:1  # amllint: disable=x\n";
  const Document doc(text);
  const yaml::Tree tree = yaml::parse(doc);
  ASSERT_FALSE(tree.syntax_error);
  std::vector<std::string> before;
  collect_scalars(tree.root, before);
  int offered = 0;
  for (uint32_t line = 0; line < doc.line_count(); ++line) {
    auto edit = suppression_edit(doc, &tree, doc.line_start(line), "pip-install-in-command");
    if (!edit) continue;
    ++offered;
    std::string fixed = text;
    fixed.replace(edit->range.begin, edit->range.end - edit->range.begin, edit->new_text);
    const Document after(fixed);
    const yaml::Tree fixed_tree = yaml::parse(after);
    ASSERT_FALSE(fixed_tree.syntax_error) << "line " << line << ":\n" << fixed;
    std::vector<std::string> values;
    collect_scalars(fixed_tree.root, values);
    // A literal block keeps the comment as a line of its script: the one value allowed to change.
    std::string script = "pip install x\necho y\n";
    for (size_t i = 0; i < before.size() && i < values.size(); ++i)
      if (before[i] != script) EXPECT_EQ(values[i], before[i]) << "line " << line;
    EXPECT_EQ(values.size(), before.size()) << "line " << line;
  }
  // Lines that end a value still get the comment: the header, `type`, block headers, the lines
  // of the literal block, the last line of a value over several lines, the empty last line...
  EXPECT_EQ(offered, 11);
  // ... but not the first line of the two-line command, quoted strings or folded block.
  for (uint32_t line : {2u, 4u, 6u, 9u, 10u})
    EXPECT_FALSE(suppression_edit(doc, &tree, doc.line_start(line), "x")) << "line " << line;
}

// The value a duplicate key loses leaves the tree, but a comment after its first line would
// still end it there and break the YAML.
TEST(HostileInput, SuppressionCommentSkipsTheValueADuplicateKeyLoses) {
  const std::string text = std::string(kHeader) +
                           "environment: azureml:e\n"
                           "  --continued\n"
                           "environment: azureml:e:1\n";
  const Document doc(text);
  const yaml::Tree tree = yaml::parse(doc);
  ASSERT_FALSE(tree.syntax_error);
  EXPECT_FALSE(suppression_edit(doc, &tree, doc.line_start(1), "duplicate-key"));
  EXPECT_TRUE(suppression_edit(doc, &tree, doc.line_start(3), "duplicate-key"));
}

// An alias inside the collection it names made the tree a cycle: every walk over it (the typed
// view, rules, editor features) recursed until the stack overflowed.
TEST(HostileInput, AnAliasInsideTheCollectionItNamesIsReportedNotFollowed) {
  for (const char* tail :
       {"foo: &y\n  - *y\n", "tags: &x {a: *x}\n", "a: &z\n  b:\n    c: [*z]\n"}) {
    auto linted =
        lint_text(std::string(kHeader) +
                  "command: echo hi\nenvironment: azureml:e:1\ncompute: azureml:c\n" + tail);
    EXPECT_TRUE(has_code(linted.analysis, "alias-limit")) << tail;
  }
}
