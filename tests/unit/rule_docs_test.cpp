// The examples on the rule pages run as tests (as actionlint's do), so a page cannot show an
// example that no longer triggers its rule. The convention, in docs/rules/<code>.md:
//
//   ```yaml bad            a whole spec file on which <code> must be reported
//   ```yaml good           a whole spec file on which <code> must not be reported
//   ```text file=src/x.py  a file written beside the examples (path relative to them) before
//                          they are linted: code folders, components, data
//   <!-- examples not run: <why> -->   a page whose examples cannot run here; kNotRun below
//                          lists those pages, so no page is skipped silently
//
// Each example is written as job.yml into a fresh folder of its own (with the page's `file=`
// blocks) and linted from disk with an empty configuration: every code at its default.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <set>

#include "config/config.h"
#include "environment.h"
#include "rules/rule.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

// Pages whose examples cannot run as tests, and why (each page says the same in its marker).
const std::map<std::string, std::string> kNotRun = {
    {"analysis-budget", "only the editor reports it, when an analysis runs past 5 seconds"},
    {"snapshot-too-large", "it needs a code folder of 2,001 files or 300 MB"},
    {"shellcheck", "it runs only where shellcheck is installed"},
    {"invalid-encoding", "a page is UTF-8 text: it cannot hold the bytes this code is about"},
};

// Pages not yet written to the convention (issue 10): their examples are prose only. The test
// fails once such a page has a `yaml bad` block, so this list only shrinks.
const std::set<std::string> kNotYetConverted = {
    "asset-version-mismatch",
    "data-in-code-folder",
    "incompatible-port-type",
    "missing-required-input",
    "schema",
    "undefined-step-output",
    "unknown-asset",
    "unknown-port",
};

struct Block {
  std::string info;  // the fence's info string: "yaml bad", "text file=src/train.py", ...
  std::string text;
};

struct Page {
  std::vector<Block> blocks;
  bool not_run = false;
};

Page read_page(std::string_view page) {
  Page out;
  out.not_run = page.find("<!-- examples not run:") != std::string_view::npos;
  Block* open = nullptr;
  while (!page.empty()) {
    size_t nl = page.find('\n');
    std::string_view line = page.substr(0, nl);
    page.remove_prefix(nl == std::string_view::npos ? page.size() : nl + 1);
    if (line.starts_with("```")) {
      if (open) {
        open = nullptr;
      } else {
        out.blocks.push_back({std::string(line.substr(3)), {}});
        open = &out.blocks.back();
      }
      continue;
    }
    if (open) open->text += std::string(line) + "\n";
  }
  return out;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// How often `code` is reported on `example`, written with the page's support files.
size_t reports(const std::string& code, const std::string& example, const std::vector<Block>& files,
               const fs::path& dir) {
  fs::remove_all(dir);
  for (const Block& f : files) write(dir / f.info.substr(f.info.find("file=") + 5), f.text);
  write(dir / "job.yml", example);
  Document doc(example);
  AnalysisOptions options;
  options.path = (dir / "job.yml").string();
  options.env = make_disk_environment();
  options.config = std::make_shared<Config>();
  Analysis analysis = analyze(doc, options);
  return std::count_if(analysis.diagnostics.begin(), analysis.diagnostics.end(),
                       [&](const Diagnostic& d) { return d.code == code; });
}

}  // namespace

TEST(RuleDocs, EveryPageExampleDoesWhatItSays) {
  fs::path root = fs::temp_directory_path() / ("amllint-rule-docs-" + std::to_string(getpid()));
  size_t bad_run = 0, good_run = 0, pages_run = 0;
  for (const RuleInfo& info : rule_catalogue()) {
    const std::string code(info.code);
    Page page = read_page(rule_documentation(code));
    std::vector<Block> bad, good, files;
    for (const Block& b : page.blocks) {
      if (b.info == "yaml bad") bad.push_back(b);
      if (b.info == "yaml good") good.push_back(b);
      if (b.info.find(" file=") != std::string::npos) files.push_back(b);
    }
    EXPECT_EQ(page.not_run, kNotRun.count(code) == 1)
        << code << ": the page's `<!-- examples not run: ... -->` marker and kNotRun disagree";
    if (kNotRun.count(code)) continue;
    if (kNotYetConverted.count(code)) {
      EXPECT_TRUE(bad.empty()) << code << " follows the convention now: drop it from "
                               << "kNotYetConverted";
      continue;
    }
    EXPECT_FALSE(bad.empty()) << code << ": no ```yaml bad example";
    EXPECT_FALSE(good.empty()) << code << ": no ```yaml good example";
    ++pages_run;
    for (size_t i = 0; i < bad.size(); ++i, ++bad_run)
      EXPECT_GT(reports(code, bad[i].text, files, root / code / ("bad-" + std::to_string(i))), 0u)
          << code << ": its page's bad example #" << i + 1 << " is not reported:\n"
          << bad[i].text;
    for (size_t i = 0; i < good.size(); ++i, ++good_run)
      EXPECT_EQ(reports(code, good[i].text, files, root / code / ("good-" + std::to_string(i))), 0u)
          << code << ": its page's good example #" << i + 1 << " is reported:\n"
          << good[i].text;
  }
  fs::remove_all(root);
  std::cout << pages_run << " pages run: " << bad_run << " bad and " << good_run
            << " good examples; " << kNotRun.size() << " pages not runnable, "
            << kNotYetConverted.size() << " not yet converted\n";
  EXPECT_GT(pages_run, 0u);
}
