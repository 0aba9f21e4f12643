// `amllint graph`, the real binary: golden Mermaid and DOT for the fixtures in graph/fixtures/
// (regenerate with AMLLINT_UPDATE_GOLDEN=1 after a deliberate change, and review the diff), and
// the errors a user meets. graph/graph_check.sh parses the output for the whole corpus.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "run_process.h"

namespace fs = std::filesystem;
using amllint::test::ProcessOptions;
using amllint::test::run_process;

namespace {

const fs::path kFixtures = AMLLINT_GRAPH_FIXTURES;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class GraphGolden : public ::testing::TestWithParam<std::string> {};

void check_golden(const std::string& name, const std::string& format, const std::string& ext) {
  fs::path golden = kFixtures / (name + ext);
  auto r = run_process({AMLLINT_BIN, "graph", "--format", format, name + ".yml"},
                       ProcessOptions{.cwd = kFixtures.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  if (std::getenv("AMLLINT_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << r.out;
  EXPECT_EQ(r.out, read(golden)) << golden;
}

TEST_P(GraphGolden, Mermaid) {
  check_golden(GetParam(), "mermaid", ".mmd");
}

TEST_P(GraphGolden, Dot) {
  check_golden(GetParam(), "dot", ".dot");
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GraphGolden,
                         ::testing::Values("io", "cycle", "component", "names"));

TEST(Graph, MermaidIsTheDefaultFormat) {
  auto r = run_process({AMLLINT_BIN, "graph", "io.yml"}, ProcessOptions{.cwd = kFixtures.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, read(kFixtures / "io.mmd"));
}

TEST(Graph, StandardInputResolvesComponentsFromTheStdinFilename) {
  ProcessOptions o{.stdin_text = read(kFixtures / "io.yml"), .cwd = kFixtures.string()};
  auto r = run_process({AMLLINT_BIN, "graph", "--stdin-filename", "io.yml", "-"}, o);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, read(kFixtures / "io.mmd"));
}

TEST(Graph, ANonPipelineFileIsRefusedWithItsKind) {
  auto r =
      run_process({AMLLINT_BIN, "graph", "train.yml"}, ProcessOptions{.cwd = kFixtures.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "amllint: train.yml: not a pipeline job or pipeline component (command component)\n");
}

TEST(Graph, UsageErrorsExitTwo) {
  auto bad_format = run_process({AMLLINT_BIN, "graph", "--format", "svg", "x.yml"});
  EXPECT_EQ(bad_format.status, 2);
  EXPECT_NE(bad_format.err.find("unknown format 'svg' (expected mermaid or dot)"),
            std::string::npos);
  auto two = run_process({AMLLINT_BIN, "graph", "a.yml", "b.yml"});
  EXPECT_EQ(two.status, 2);
  EXPECT_NE(two.err.find("expected one pipeline file"), std::string::npos);
  auto missing = run_process({AMLLINT_BIN, "graph", "/nonexistent/p.yml"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("/nonexistent/p.yml"), std::string::npos);
  auto help = run_process({AMLLINT_BIN, "graph", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--format <fmt>       mermaid (default) or dot"), std::string::npos);
}

}  // namespace
