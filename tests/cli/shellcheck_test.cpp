// The shellcheck rule through the real binary: a finding in a block scalar at its YAML line and
// column, AMLLINT_SHELLCHECK=off and a missing shellcheck silence it, --explain says which.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "run_process.h"

namespace fs = std::filesystem;
using amllint::test::ProcessOptions;
using amllint::test::run_process;

namespace {

const char* kJob =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
    "display_name: d\nexperiment_name: e\n"
    "command: |\n"
    "  echo ${{inputs.n}} start\n"
    "  cd /tmp/work\n"
    "environment: azureml:sklearn-env:1\n"
    "inputs:\n  n: 1\n";

bool have_shellcheck() {
  auto r = run_process({"/bin/sh", "-c", "command -v shellcheck"});
  return r.status == 0;
}

ProcessOptions with_env(std::vector<std::pair<std::string, std::string>> env) {
  ProcessOptions o;
  o.stdin_text = kJob;
  o.env = std::move(env);
  return o;
}

}  // namespace

TEST(ShellcheckCli, AFindingInABlockScalarIsShownAtItsLineAndColumn) {
  if (!have_shellcheck()) GTEST_SKIP() << "shellcheck is not installed";
  auto r = run_process({AMLLINT_BIN, "--stdin-filename", "job.yml", "-"}, with_env({}));
  EXPECT_EQ(r.status, 0) << r.err;  // warnings only
  EXPECT_NE(r.out.find("job.yml:6:3: warning: SC2164: Use 'cd ... || exit' or 'cd ... || return' "
                       "in case cd fails. [shellcheck]\n  cd /tmp/work\n  ^~~~~~~~~~~~\n"),
            std::string::npos)
      << r.out;
}

TEST(ShellcheckCli, OffWhenDisabledOrMissingAndExplainSaysSo) {
  auto off = run_process({AMLLINT_BIN, "--stdin-filename", "job.yml", "-"},
                         with_env({{"AMLLINT_SHELLCHECK", "off"}}));
  EXPECT_EQ(off.status, 0);
  EXPECT_EQ(off.out.find("[shellcheck]"), std::string::npos) << off.out;
  auto missing = run_process({AMLLINT_BIN, "--stdin-filename", "job.yml", "-"},
                             with_env({{"PATH", "/nonexistent"}}));
  EXPECT_EQ(missing.out.find("[shellcheck]"), std::string::npos) << missing.out;
  auto explain = run_process({AMLLINT_BIN, "--explain", "shellcheck"},
                             ProcessOptions{.env = {{"AMLLINT_SHELLCHECK", "off"}}});
  EXPECT_EQ(explain.status, 0);
  EXPECT_NE(explain.out.find("# shellcheck"), std::string::npos);
  EXPECT_NE(explain.out.find("Here: shellcheck was not found"), std::string::npos) << explain.out;
  if (have_shellcheck()) {
    auto on = run_process({AMLLINT_BIN, "--explain", "shellcheck"});
    EXPECT_NE(on.out.find("Here: this rule runs "), std::string::npos) << on.out;
  }
}
