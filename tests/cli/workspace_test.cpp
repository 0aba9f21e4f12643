// The workspace index through the real binary: a project folder with `.amllint.yaml`
// `workspace:`, an environment spec and a job that misnames a compute, a curated environment
// and the spec's version.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "run_process.h"

namespace fs = std::filesystem;
using amllint::test::ProcessOptions;
using amllint::test::run_process;

TEST(WorkspaceCli, NamesAreResolvedAgainstTheProjectAndTheCatalogue) {
  std::string pattern = (fs::temp_directory_path() / "amllint-cli-ws-XXXXXX").string();
  fs::path dir = mkdtemp(pattern.data());
  auto write = [&](const std::string& rel, const std::string& text) {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  };
  write(".amllint.yaml",
        "rules:\n  missing-display-name: off\n  missing-experiment-name: off\n"
        "workspace:\n  computes: [cpu-cluster]\n");
  write("envs/train.yml",
        "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n"
        "name: train-env\nversion: 4\nimage: ubuntu:22.04\n");
  write("jobs/a.yml",
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
        "command: echo hi\nenvironment: azureml:train-env:3\ncompute: azureml:cpu-clster\n");
  write("jobs/b.yml",
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
        "command: echo hi\n"
        "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpy@latest\n"
        "compute: azureml:cpu-cluster\n");
  auto r = run_process({AMLLINT_BIN, "--no-color", "jobs"}, ProcessOptions{.cwd = dir.string()});
  EXPECT_EQ(r.status, 0) << r.err;  // warnings only
  EXPECT_NE(r.out.find("jobs/a.yml:3:32: warning: the repo's own spec of environment `train-env` "
                       "(envs/train.yml:2) declares version `4`, not `3`"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("jobs/a.yml:4:18: warning: no compute `cpu-clster` in this project"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("did you mean `cpu-cluster`? [unknown-asset]"), std::string::npos);
  EXPECT_NE(r.out.find("jobs/b.yml:3:22: warning: `AzureML-sklearn-1.0-ubuntu20.04-py38-cpy` is "
                       "not a curated environment; did you mean "
                       "`AzureML-sklearn-1.0-ubuntu20.04-py38-cpu`? [unknown-asset]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("2 files checked: 0 errors, 3 warnings, 0 infos"), std::string::npos)
      << r.err;
  // A bad `workspace:` entry is a configuration error, with its position.
  write("bad.yaml", "workspace:\n  clusters: [a]\n");
  auto bad = run_process({AMLLINT_BIN, "--config", "bad.yaml", "jobs"},
                         ProcessOptions{.cwd = dir.string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("bad.yaml:2:3: unknown asset kind `clusters` in `workspace`"),
            std::string::npos)
      << bad.err << bad.out;
  fs::remove_all(dir);
}

// A config given with --config names the workspace's assets too (as `.amllint.yaml` beside the
// files would): CI often keeps one config outside the folder it lints.
TEST(WorkspaceCli, NamesFromAConfigGivenWithConfigAreUsed) {
  std::string pattern = (fs::temp_directory_path() / "amllint-cli-wsc-XXXXXX").string();
  fs::path dir = mkdtemp(pattern.data());
  auto write = [&](const std::string& rel, const std::string& text) {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  };
  write("ci/amllint.yaml",
        "rules:\n  missing-display-name: off\n  missing-experiment-name: off\n"
        "workspace:\n  computes: [cpu-cluster]\n");
  write("jobs/a.yml",
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
        "command: echo hi\nenvironment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
        "compute: azureml:cpu-clster\n");
  auto with = run_process({AMLLINT_BIN, "--no-color", "--config", "ci/amllint.yaml", "jobs"},
                          ProcessOptions{.cwd = dir.string()});
  EXPECT_EQ(with.status, 0) << with.err;
  EXPECT_NE(with.out.find("jobs/a.yml:4:18: warning: no compute `cpu-clster` in this project"),
            std::string::npos)
      << with.out;
  EXPECT_NE(with.out.find("did you mean `cpu-cluster`? [unknown-asset]"), std::string::npos);
  // Without it, no list of computes: a name found nowhere may exist in the workspace.
  auto without =
      run_process({AMLLINT_BIN, "--no-color", "jobs"}, ProcessOptions{.cwd = dir.string()});
  EXPECT_EQ(without.out.find("cpu-clster` in this project"), std::string::npos) << without.out;
  fs::remove_all(dir);
}
