// Annotated YAML fixtures: each expected diagnostic sits in a comment under the line it is on.
//
//   comand: python train.py
//   # expect: error unknown-key "comand": did you mean `command`
//
// `"comand"` is the exact text the diagnostic's range starts with on that line (its first
// occurrence there); the text after the last `:` must appear in the message. `# expect@12: ...`
// names line 12 instead, for lines inside block scalars where a comment would be content.
// Every diagnostic must be expected, and every expectation met. A fixture about a few codes may
// say so with `# fixture-codes: duplicate-key, syntax-error`: other codes are then not compared.
#include <gtest/gtest.h>

#include <regex>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

struct Expectation {
  uint32_t line = 0;  // 0-based
  std::string severity, code, text, message;
  std::string source;  // the annotation, for failure messages
};

std::vector<Expectation> read_expectations(const Document& doc) {
  static const std::regex re(
      R"(^\s*#\s*expect(?:@(\d+))?:\s*(error|warning|info)\s+([a-z0-9-]+)\s+\"((?:[^\"\\]|\\.)*)\"(?:\s*:\s*(.*))?$)");
  std::vector<Expectation> out;
  int64_t last_content = -1;
  for (uint32_t l = 0; l < doc.line_count(); ++l) {
    std::string line(doc.line_text(l));
    std::smatch m;
    if (!std::regex_match(line, m, re)) {
      if (line.find("# expect") == std::string::npos) last_content = l;
      continue;
    }
    Expectation e;
    e.line = m[1].matched ? static_cast<uint32_t>(std::stoul(m[1].str()) - 1)
                          : static_cast<uint32_t>(std::max<int64_t>(last_content, 0));
    e.severity = m[2];
    e.code = m[3];
    e.text = std::regex_replace(m[4].str(), std::regex(R"(\\(.))"), "$1");
    e.message = m[5].matched ? m[5].str() : "";
    e.source = "line " + std::to_string(l + 1) + ": " + line;
    out.push_back(std::move(e));
  }
  return out;
}

bool matches(const Document& doc, const Diagnostic& d, const Expectation& e) {
  if (severity_name(d.severity) != e.severity || d.code != e.code) return false;
  if (doc.line_of(d.range.begin) != e.line) return false;
  std::string_view line = doc.line_text(e.line);
  size_t at = line.find(e.text);
  if (at == std::string_view::npos) return false;
  if (doc.line_start(e.line) + at != d.range.begin) return false;
  uint32_t end = std::min(d.range.end, doc.line_end(e.line));
  if (end - d.range.begin != e.text.size()) return false;
  return d.message.find(e.message) != std::string::npos;
}

std::vector<fs::path> fixture_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(amllint::testing::fixtures_dir())) {
    auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yml" || ext == ".yaml")) {
      // Files that fixtures reference (components, environments) live in `support/` folders.
      if (entry.path().parent_path().filename() == "support") continue;
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class Fixture : public ::testing::TestWithParam<fs::path> {};

}  // namespace

std::vector<std::string> focused_codes(const Document& doc) {
  static const std::regex re(R"(^\s*#\s*fixture-codes:\s*(.*)$)");
  std::vector<std::string> codes;
  for (uint32_t l = 0; l < doc.line_count(); ++l) {
    std::string line(doc.line_text(l));
    std::smatch m;
    if (!std::regex_match(line, m, re)) continue;
    std::string list = m[1];
    std::regex word("[a-z0-9-]+");
    for (auto it = std::sregex_iterator(list.begin(), list.end(), word);
         it != std::sregex_iterator(); ++it)
      codes.push_back(it->str());
  }
  return codes;
}

TEST_P(Fixture, DiagnosticsMatchAnnotations) {
  auto linted = amllint::testing::lint_file(GetParam());
  auto expected = read_expectations(linted.doc);
  auto focus = focused_codes(linted.doc);
  if (!focus.empty())
    std::erase_if(linted.analysis.diagnostics, [&](const Diagnostic& d) {
      return std::find(focus.begin(), focus.end(), d.code) == focus.end();
    });
  std::vector<bool> met(expected.size(), false);
  std::string rel = fs::relative(GetParam(), amllint::testing::fixtures_dir()).string();
  for (const Diagnostic& d : linted.analysis.diagnostics) {
    bool found = false;
    for (size_t i = 0; i < expected.size() && !found; ++i) {
      if (!met[i] && matches(linted.doc, d, expected[i])) met[i] = found = true;
    }
    if (!found) ADD_FAILURE() << "unexpected: " << amllint::testing::describe(rel, linted.doc, d);
  }
  for (size_t i = 0; i < expected.size(); ++i)
    if (!met[i]) ADD_FAILURE() << rel << ": not reported: " << expected[i].source;
}

INSTANTIATE_TEST_SUITE_P(All, Fixture, ::testing::ValuesIn(fixture_files()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string name =
                               fs::relative(info.param, amllint::testing::fixtures_dir()).string();
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });
