// Files an analysis reads besides the open documents: the server asks clients that can watch
// files to do so, and a change they report reaches the next analysis (the workspace index, here).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "session.h"

namespace amlls::test {
namespace {

namespace fs = std::filesystem;

const char* kJob =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
    "command: echo hi\n"
    "environment: azureml:my-env:2\n"
    "compute: azureml:cpu-cluster\n";

std::string environment_spec(int version) {
  return "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n"
         "name: my-env\n"
         "version: " +
         std::to_string(version) + "\nimage: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\n";
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

class WatchedFiles : public Session {
 protected:
  void SetUp() override {
    Session::SetUp();
    dir_ = fs::temp_directory_path() /
           ("amlls-watched-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / ".git");
  }
  void TearDown() override {
    Session::TearDown();
    fs::remove_all(dir_);
  }
  std::string uri(const std::string& name) const { return "file://" + (dir_ / name).string(); }
  fs::path dir_;
};

nlohmann::json watching_client() {
  return {{"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}};
}

TEST_F(WatchedFiles, AClientThatCanWatchIsAskedToWatchSpecsConfigsAndIgnoreFiles) {
  send({request(1, "initialize", {{"capabilities", watching_client()}}),
        notification("initialized")});
  json registration =
      wait_for([](const json& m) { return m.value("method", "") == "client/registerCapability"; });
  ASSERT_TRUE(registration.contains("id"));
  const json& r = registration["params"]["registrations"][0];
  EXPECT_EQ(r["method"], "workspace/didChangeWatchedFiles");
  std::vector<std::string> globs;
  for (const json& w : r["registerOptions"]["watchers"]) globs.push_back(w["globPattern"]);
  EXPECT_EQ(globs, (std::vector<std::string>{"**/*.{yml,yaml}", "**/.amlignore", "**/.gitignore"}));
  // The client's answer is a response the server needs nothing from; it goes on serving.
  send({{{"id", registration["id"]}, {"result", nullptr}}});
  open(kJob);
  EXPECT_TRUE(diagnostics(1).is_array());
  send({request(2, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  EXPECT_FALSE(response(2)["result"].empty());
}

TEST_F(WatchedFiles, AClientThatCannotWatchIsNotAsked) {
  bool asked = false;
  skipped_ = [&](const json& m) { asked |= m.value("method", "") == "client/registerCapability"; };
  initialize();
  open(kJob);
  diagnostics(1);
  EXPECT_FALSE(asked);
}

TEST_F(WatchedFiles, AChangedAssetSpecReachesTheNextAnalysis) {
  write(dir_ / "environment.yml", environment_spec(1));
  write(dir_ / "job.yml", kJob);
  initialize(watching_client());
  open(kJob, 1, uri("job.yml"));
  json before = diagnostics(1, uri("job.yml"));
  EXPECT_TRUE(has_code(before, "asset-version-mismatch")) << before.dump();

  write(dir_ / "environment.yml", environment_spec(2));
  send({notification("workspace/didChangeWatchedFiles",
                     {{"changes", {{{"uri", uri("environment.yml")}, {"type", 2}}}}})});
  json after = diagnostics(1, uri("job.yml"));
  EXPECT_FALSE(has_code(after, "asset-version-mismatch")) << after.dump();
}

}  // namespace
}  // namespace amlls::test
