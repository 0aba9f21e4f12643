#include "discover.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace amllint::cli {
namespace {

class DiscoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/amllint-discover-XXXXXX";
    root_ = mkdtemp(tmpl);
    for (const char* f : {"b.yml", "a.yaml", "notes.txt", "sub/z.yml", "sub/deeper/y.yaml",
                          ".git/config.yml", "node_modules/pkg/x.yml", "sub/.hidden.yml"}) {
      fs::create_directories((root_ / f).parent_path());
      std::ofstream(root_ / f) << "a: 1\n";
    }
    old_cwd_ = fs::current_path();
    fs::current_path(root_);
  }
  void TearDown() override {
    fs::current_path(old_cwd_);
    fs::remove_all(root_);
  }
  static std::vector<std::string> paths(const Discovery& d) {
    std::vector<std::string> out;
    for (const Input& i : d.files) out.push_back(i.path);
    return out;
  }

  fs::path root_, old_cwd_;
};

TEST_F(DiscoverTest, DirectoriesAreWalkedSortedForYamlOnly) {
  Discovery d = discover({"."}, "");
  EXPECT_TRUE(d.errors.empty());
  // .git and node_modules are skipped; a hidden file in a walked folder is still YAML.
  EXPECT_EQ(paths(d), (std::vector<std::string>{"a.yaml", "b.yml", "sub/.hidden.yml",
                                                "sub/deeper/y.yaml", "sub/z.yml"}));
  d = discover({"sub/"}, "");
  EXPECT_EQ(paths(d),
            (std::vector<std::string>{"sub/.hidden.yml", "sub/deeper/y.yaml", "sub/z.yml"}));
}

TEST_F(DiscoverTest, GlobsExpandSortedAndSkipHiddenNames) {
  Discovery d = discover({"**/*.yml"}, "");
  EXPECT_TRUE(d.errors.empty());
  EXPECT_EQ(paths(d), (std::vector<std::string>{"b.yml", "sub/z.yml"}));
  d = discover({"sub/*"}, "");
  EXPECT_EQ(paths(d), (std::vector<std::string>{"sub/z.yml"}));
  d = discover({"s?b/**/*.y*ml"}, "");
  EXPECT_EQ(paths(d), (std::vector<std::string>{"sub/deeper/y.yaml", "sub/z.yml"}));
}

TEST_F(DiscoverTest, NamedFilesAreTakenWhateverTheirExtensionAndOnlyOnce) {
  Discovery d = discover({"notes.txt", "b.yml", "./b.yml", "*.yml", "-"}, "in/job.yml");
  EXPECT_TRUE(d.errors.empty());
  ASSERT_EQ(d.files.size(), 3u);
  EXPECT_EQ(d.files[0].path, "notes.txt");
  EXPECT_EQ(d.files[1].path, "b.yml");
  EXPECT_EQ(d.files[2].path, "in/job.yml");
  EXPECT_TRUE(d.files[2].from_stdin);
}

// A file is known by its absolute, normal path however the walk that reached it was spelt.
TEST_F(DiscoverTest, AFileReachedByWalksSpeltAnyWayIsLintedOnce) {
  const std::string abs = root_.string();
  Discovery d = discover({"sub/z.yml", "./sub/../sub/", abs + "/sub", abs + "//sub/deeper/",
                          "s*/deeper/*.yaml", ".", abs},
                         "");
  EXPECT_TRUE(d.errors.empty());
  EXPECT_EQ(paths(d), (std::vector<std::string>{"sub/z.yml", "./sub/../sub/.hidden.yml",
                                                "./sub/../sub/deeper/y.yaml", "a.yaml", "b.yml"}));
}

TEST_F(DiscoverTest, MissingPathsAndEmptyGlobsAreErrors) {
  Discovery d = discover({"nope.yml", "*.json", "b.yml"}, "");
  EXPECT_EQ(d.errors, (std::vector<std::string>{"nope.yml: no such file or directory",
                                                "*.json: no files match this pattern"}));
  EXPECT_EQ(paths(d), (std::vector<std::string>{"b.yml"}));
}

TEST_F(DiscoverTest, UnreadableDirectoryIsReportedAndTheRestWalked) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  fs::create_directories("locked");
  std::ofstream("locked/x.yml") << "a: 1\n";
  chmod("locked", 0);
  Discovery d = discover({"."}, "");
  chmod("locked", 0755);
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0], "./locked: cannot read directory: Permission denied");
  EXPECT_EQ(d.files.size(), 5u);
}

}  // namespace
}  // namespace amllint::cli
