// Incremental analysis must be invisible: after any edit, an analysis that reuses the previous
// one (AnalysisOptions::previous) gives what a full analysis of the same text gives - the same
// tree, node for node and offset for offset, and the same diagnostics and fixes. Edits are
// random (typing, deleting, duplicating and removing lines, pasting YAML that breaks the block
// structure), chained as in an editor: each analysis reuses the one before, which may itself
// have been incremental.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis_dump.h"
#include "config/config.h"
#include "environment.h"
#include "incremental/memo.h"
#include "incremental/text_change.h"
#include "syntax/yaml_tree.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;
using amllint::testing::dump;

namespace {

const char* const kPieces[] = {
    "x",
    "a",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n    ",
    ": ",
    ":",
    "-",
    "- ",
    "#",
    " # note",
    "'",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "|",
    ">-",
    "\t",
    "\r\n",
    "---\n",
    "%TAG ! x\n",
    "type: comand",
    "type: command",
    "${{inputs.x}}",
    "${{parent.jobs.a.outputs.b}}",
    "azureml:foo:1",
    "2024-01-01",
    "yes",
    "10",
    "[10]",
    "null",
    "~",
    "jobs",
    "inputs:",
    "outputs:",
    "environment_variables:",
    "compute: azureml:cpu",
    "enviroment: x",
    "$<<inputs.a>>",
    "\xff",
};

// One random edit of `text`, the way a person (or a paste) changes a file.
std::string edit(const std::string& text, std::mt19937& rng) {
  if (text.empty()) return std::string(kPieces[rng() % std::size(kPieces)]);
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  size_t line = starts[rng() % starts.size()];
  size_t end = text.find('\n', line);
  if (end == std::string::npos) end = text.size();
  size_t length = end - line;
  size_t at = line + (length ? rng() % (length + 1) : 0);
  std::string out = text;
  switch (rng() % 8) {
    case 0:
    case 1: out.insert(at, kPieces[rng() % std::size(kPieces)]); break;
    case 2: out.erase(at, std::min<size_t>(1 + rng() % 6, out.size() - at)); break;
    case 3: out.insert(line, text.substr(line, end - line) + "\n"); break;  // duplicate the line
    case 4: out.erase(line, std::min(end + 1, out.size()) - line); break;   // delete the line
    case 5: {  // a new value after the line's colon
      size_t colon = text.find(':', line);
      if (colon == std::string::npos || colon >= end) break;
      out.replace(colon + 1, end - colon - 1,
                  std::string(" ") + kPieces[rng() % std::size(kPieces)]);
      break;
    }
    case 6: {  // a new key at this line's indentation, or one deeper
      size_t indent = 0;
      while (line + indent < end && text[line + indent] == ' ') ++indent;
      out.insert(line, std::string(indent + 2 * (rng() % 2), ' ') + "new_key: 1\n");
      break;
    }
    case 7: out.insert(at, std::string(1, "azx 1:-\n"[rng() % 8])); break;  // typing
  }
  return out;
}

struct Counts {
  int edits = 0;
  int reparsed = 0;
  int revalidated = 0;
  int rules_rerun = 0;
  int interface_rules_rerun = 0;
  int models_carried = 0;  // edits whose job model took steps from the one before
};

// Chains `n` random edits from `text`, checking each incremental result against a full one.
void check_chain(const fs::path& path, std::string text, int n, uint32_t seed, Counts& counts) {
  std::mt19937 rng(seed);
  AnalysisOptions full;
  full.path = path.string();
  Document first(text);
  auto previous = std::make_shared<const Analysis>(analyze(first, full));
  std::string prior = text;
  std::string last_good = text;
  for (int i = 0; i < n; ++i) {
    // Sometimes the last edit is undone, as with Ctrl+Z; a text that does not parse cleanly is
    // often mended back, as a person finishes typing.
    bool broken = !previous->memo;
    std::string next = rng() % 10 == 0 || (broken && rng() % 2 == 0) ? (broken ? last_good : prior)
                                                                     : edit(text, rng);
    Document doc(next);
    AnalysisOptions reuse = full;
    reuse.previous = previous;
    auto incremental = std::make_shared<const Analysis>(analyze(doc, reuse));
    Analysis expected = analyze(doc, full);
    std::string got = dump(*incremental);
    std::string want = dump(expected);
    if (got != want) {
      incremental::TextChange c = incremental::text_change(text, next);
      ADD_FAILURE() << path << " edit " << i << " (seed " << seed << ") at " << c.begin << ": `"
                    << text.substr(c.begin, c.old_end - c.begin) << "` -> `"
                    << next.substr(c.begin, c.new_end - c.begin) << "`, in\n"
                    << next.substr(c.begin < 200 ? 0 : c.begin - 200, 400) << '\n'
                    << amllint::testing::dump_difference(got, want);
      return;
    }
    ++counts.edits;
    if (incremental->memo && incremental->memo->reparsed) ++counts.reparsed;
    if (incremental->memo && incremental->memo->revalidated) ++counts.revalidated;
    if (incremental->memo && incremental->memo->rules_rerun) ++counts.rules_rerun;
    if (incremental->memo && incremental->memo->interface_rules_rerun)
      ++counts.interface_rules_rerun;
    if (incremental->memo && incremental->memo->steps_carried > 0) ++counts.models_carried;
    previous = incremental;
    if (incremental->memo) last_good = next;
    prior = std::move(text);
    text = std::move(next);
  }
}

class Incremental : public ::testing::Test {
 protected:
  void SetUp() override { incremental::min_bytes = 0; }
  void TearDown() override { incremental::min_bytes = 8192; }
};

// The 3,544-line pipeline of the editor benchmark: 202 steps, where reuse matters.
TEST_F(Incremental, LargePipelineEditsMatchAFullAnalysis) {
  fs::path path = amllint::testing::shared_dir() / "tools/lspbench/data/large/pipeline-200.yml";
  Counts counts;
  for (uint32_t seed = 1; seed <= 3; ++seed)
    check_chain(path, amllint::testing::read_file(path), 40, seed, counts);
  EXPECT_EQ(counts.edits, 120);
  // Most random edits stay inside one block; if none took the short way, this test checks
  // nothing.
  EXPECT_GT(counts.reparsed, counts.edits / 4) << counts.reparsed << " of " << counts.edits;
  EXPECT_GT(counts.revalidated, counts.edits / 5) << counts.revalidated << " of " << counts.edits;
  EXPECT_GT(counts.rules_rerun, counts.edits / 5) << counts.rules_rerun << " of " << counts.edits;
  // Fewer: random edits often touch a step's name, type or outputs, which other steps read.
  EXPECT_GT(counts.interface_rules_rerun, counts.edits / 8)
      << counts.interface_rules_rerun << " of " << counts.edits;
  EXPECT_GT(counts.models_carried, counts.edits / 4)
      << counts.models_carried << " of " << counts.edits;
}

// Every kind of spec in the corpus: jobs, pipelines, sweeps, components.
TEST_F(Incremental, CorpusEditsMatchAFullAnalysis) {
  Counts counts;
  uint32_t seed = 100;
  for (const auto& row : amllint::testing::classified_corpus_files()) {
    if (amllint::testing::file_kind_of(row.kind) == FileKind::NotAzureMl) continue;
    fs::path path = amllint::testing::shared_dir() / "corpus" / row.path;
    check_chain(path, amllint::testing::read_file(path), 12, ++seed, counts);
  }
  EXPECT_GT(counts.edits, 500);
  EXPECT_GT(counts.reparsed, counts.edits / 4) << counts.reparsed << " of " << counts.edits;
  // Only an edit inside a pipeline step keeps the other schema findings; most corpus files are
  // single jobs.
  EXPECT_GT(counts.revalidated, 40) << counts.revalidated << " of " << counts.edits;
  EXPECT_GT(counts.rules_rerun, 40) << counts.rules_rerun << " of " << counts.edits;
  EXPECT_GT(counts.interface_rules_rerun, 40)
      << counts.interface_rules_rerun << " of " << counts.edits;
  EXPECT_GT(counts.models_carried, 40) << counts.models_carried << " of " << counts.edits;
}

// A file below the size threshold keeps no memo, so a server with many small files open does
// not hold a second copy of each text.
TEST(IncrementalMemo, SmallFilesKeepNone) {
  amllint::testing::Linted small = amllint::testing::lint_text(
      "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
      "command: echo hi\nenvironment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n");
  EXPECT_EQ(small.analysis.memo, nullptr);
}

// An edit inside one step of a large pipeline reads that step again and no other: each other
// step is found in the new tree by its nodes' order, twice in a row (the second edit starts
// from a spliced tree, the first from a parsed one).
TEST(IncrementalMemo, AnEditInsideOneStepCarriesEveryOtherStep) {
  fs::path path = amllint::testing::shared_dir() / "tools/lspbench/data/large/pipeline-200.yml";
  std::string text = amllint::testing::read_file(path);
  size_t at = text.find("\n    type: ", text.size() / 2) + 1;
  std::string once = text, twice = text;
  once.insert(at, "    display_name: x\n");
  twice.insert(at, "    display_name: xy\n");
  AnalysisOptions options;
  options.path = path.string();
  options.env = make_disk_environment();
  Document d0(text), d1(once), d2(twice);
  auto a0 = std::make_shared<const Analysis>(analyze(d0, options));
  AnalysisOptions reuse = options;
  reuse.previous = a0;
  auto a1 = std::make_shared<const Analysis>(analyze(d1, reuse));
  reuse.previous = a1;
  Analysis a2 = analyze(d2, reuse);
  ASSERT_TRUE(a0->model && a1->model && a1->memo && a2.memo);
  const size_t steps = a0->model->steps.size();
  ASSERT_GT(steps, 100u);
  EXPECT_EQ(a1->memo->steps_carried, steps - 1);
  EXPECT_EQ(a2.memo->steps_carried, steps - 1);
  EXPECT_EQ(dump(a2), dump(analyze(d2, options)));
}

// Rules read files on disk: once the environment forgot what it knew (a watched file changed),
// or the configuration is another, an edit runs every rule over the whole file again.
TEST(IncrementalMemo, RuleFindingsAreNotCarriedPastAChangedEnvironmentOrConfig) {
  fs::path path = amllint::testing::shared_dir() / "tools/lspbench/data/large/pipeline-200.yml";
  std::string text = amllint::testing::read_file(path);
  std::string edited = text;
  edited.insert(text.find("\n    type: ", text.size() / 2) + 1, "    display_name: x\n");
  AnalysisOptions options;
  options.path = path.string();
  options.env = make_disk_environment();
  Document before(text), after(edited);
  auto edit = [&](const AnalysisOptions& o) {
    AnalysisOptions reuse = o;
    reuse.previous = std::make_shared<const Analysis>(analyze(before, o));
    return analyze(after, reuse);
  };

  Analysis same = edit(options);
  ASSERT_TRUE(same.memo && same.memo->reparsed);
  EXPECT_TRUE(same.memo->rules_rerun);

  AnalysisOptions first = options;
  first.previous = std::make_shared<const Analysis>(analyze(before, options));
  options.env->invalidate("");
  Analysis stale = analyze(after, first);
  ASSERT_TRUE(stale.memo && stale.memo->reparsed);
  EXPECT_FALSE(stale.memo->rules_rerun);

  AnalysisOptions other = options;
  other.previous = std::make_shared<const Analysis>(analyze(before, options));
  other.config = std::make_shared<const Config>();
  Analysis configured = analyze(after, other);
  ASSERT_TRUE(configured.memo && configured.memo->reparsed);
  EXPECT_FALSE(configured.memo->rules_rerun);
  EXPECT_EQ(dump(configured), dump(analyze(after, [&] {
              AnalysisOptions o = options;
              o.config = other.config;
              return o;
            }())));
}

}  // namespace

namespace {

// The common prefix and suffix, a byte at a time.
incremental::TextChange naive_change(std::string_view a, std::string_view b) {
  size_t limit = std::min(a.size(), b.size()), p = 0, s = 0;
  while (p < limit && a[p] == b[p]) ++p;
  while (s < limit - p && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
  return {static_cast<uint32_t>(p), static_cast<uint32_t>(a.size() - s),
          static_cast<uint32_t>(b.size() - s)};
}

}  // namespace

// The edited region is found with memcmp in chunks from both ends; it must be the one a byte
// by byte comparison finds, for edits near the ends, in the middle, and at chunk boundaries.
TEST(TextChange, MatchesAByteByByteComparison) {
  std::mt19937 rng(3);
  for (int i = 0; i < 3000; ++i) {
    std::string a(rng() % 2000, 'a');
    for (char& c : a) c = "ab\n"[rng() % 3];
    std::string b = a;
    size_t at = b.empty() ? 0 : rng() % (b.size() + 1);
    size_t erase = std::min<size_t>(rng() % 300, b.size() - at);
    b.replace(at, erase, std::string(rng() % 300, "ab\n"[rng() % 3]));
    incremental::TextChange got = incremental::text_change(a, b), want = naive_change(a, b);
    ASSERT_EQ(got.begin, want.begin) << i;
    ASSERT_EQ(got.old_end, want.old_end) << i;
    ASSERT_EQ(got.new_end, want.new_end) << i;
  }
}
