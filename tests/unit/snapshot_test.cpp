#include "model/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace amllint {
namespace {

namespace fs = std::filesystem;

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("amllint_snapshot_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "code");
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& rel, size_t bytes, char fill = 'x') {
    fs::path p = root_ / "code" / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << std::string(bytes, fill);
  }
  void write_text(const std::string& rel, const std::string& text) {
    fs::path p = root_ / "code" / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string code() const { return (root_ / "code").string(); }

  static bool lists(const SnapshotStats& s, const std::string& path) {
    return std::any_of(s.data_files.begin(), s.data_files.end(),
                       [&](const DataFile& f) { return f.path == path; });
  }

  fs::path root_;
};

TEST_F(SnapshotTest, CountsFilesAndBytes) {
  write("train.py", 100);
  write("utils/io.py", 50);
  write("utils/deep/x.py", 7);
  SnapshotStats s = measure_snapshot(code());
  EXPECT_EQ(s.files, 3u);
  EXPECT_EQ(s.bytes, 157u);
  EXPECT_TRUE(s.complete);
  EXPECT_EQ(s.ignore_file, "");
  EXPECT_FALSE(s.over_limit());
}

TEST_F(SnapshotTest, GitignoreExcludes) {
  write("train.py", 10);
  write("data/big.csv", 1000);
  write("model.pkl", 500);
  write_text(".gitignore", "data/\n*.pkl\n");
  SnapshotStats s = measure_snapshot(code());
  EXPECT_EQ(s.ignore_file, ".gitignore");
  // train.py and .gitignore itself (it is uploaded too)
  EXPECT_EQ(s.files, 2u);
  EXPECT_EQ(s.bytes, 10u + 12u);
  EXPECT_EQ(s.ignored_entries, 2u);
  EXPECT_TRUE(s.data_files.empty());
}

TEST_F(SnapshotTest, AmlignoreTakesPrecedenceOverGitignore) {
  write("train.py", 10);
  write("data/big.csv", 1000);
  write("notes.md", 20);
  write_text(".gitignore", "data/\n");
  write_text(".amlignore", "*.md\n");
  SnapshotStats s = measure_snapshot(code());
  EXPECT_EQ(s.ignore_file, ".amlignore");
  EXPECT_TRUE(lists(s, "data/big.csv"));  // .gitignore is not consulted
  EXPECT_EQ(s.files, 4u);                 // train.py, data/big.csv, .gitignore, .amlignore
}

TEST_F(SnapshotTest, NestedIgnoreFilesAndNegation) {
  write("a.csv", 5);
  write("keep.csv", 5);
  write("sub/x.tmp", 5);
  write("sub/y.py", 5);
  write("other/x.tmp", 5);
  write_text(".amlignore", "*.csv\n!keep.csv\n");
  write_text("sub/.amlignore", "*.tmp\n");
  SnapshotStats s = measure_snapshot(code());
  EXPECT_TRUE(lists(s, "keep.csv"));
  EXPECT_FALSE(lists(s, "a.csv"));
  // keep.csv, sub/y.py, other/x.tmp, and the two ignore files
  EXPECT_EQ(s.files, 5u);
}

TEST_F(SnapshotTest, ListsDataLikeAndLargeFiles) {
  write("train.py", 10);
  write("data/iris.csv", 10);
  write("images/cat.PNG", 10);
  write("weights.bin", 1024 * 1024 + 1);
  SnapshotStats s = measure_snapshot(code());
  EXPECT_TRUE(lists(s, "data/iris.csv"));
  EXPECT_TRUE(lists(s, "images/cat.PNG"));
  ASSERT_TRUE(lists(s, "weights.bin"));
  auto it = std::find_if(s.data_files.begin(), s.data_files.end(),
                         [](const DataFile& f) { return f.path == "weights.bin"; });
  EXPECT_EQ(it->reason, "large file");
  EXPECT_FALSE(lists(s, "train.py"));
  EXPECT_EQ(s.data_files_total, 3u);
}

TEST_F(SnapshotTest, SymlinksOutsideAreNotFollowed) {
  write("train.py", 10);
  fs::create_directories(root_ / "outside");
  std::ofstream(root_ / "outside" / "huge.bin") << std::string(5000, 'z');
  fs::create_directory_symlink(root_ / "outside", root_ / "code" / "linked_dir");
  fs::create_symlink(root_ / "outside" / "huge.bin", root_ / "code" / "linked_file");
  fs::create_symlink(root_ / "code" / "train.py", root_ / "code" / "alias.py");
  fs::create_directory_symlink(root_ / "code", root_ / "code" / "loop");
  SnapshotStats s = measure_snapshot(code());
  EXPECT_EQ(s.files, 2u);  // train.py and the in-folder alias
  EXPECT_EQ(s.bytes, 20u);
  EXPECT_EQ(s.external_links.size(), 2u);
  EXPECT_TRUE(s.complete);
}

TEST_F(SnapshotTest, BudgetMakesALowerBound) {
  for (int i = 0; i < 30; ++i) write("f" + std::to_string(i) + ".py", 1);
  SnapshotOptions options;
  options.max_entries = 10;
  SnapshotStats s = measure_snapshot(code(), options);
  EXPECT_FALSE(s.complete);
  EXPECT_EQ(s.files, 10u);
  EXPECT_NE(s.stop_reason.find("10 entries"), std::string::npos);
}

TEST_F(SnapshotTest, OverLimitByFileCount) {
  for (int i = 0; i < 2001; ++i)
    write("d" + std::to_string(i % 10) + "/f" + std::to_string(i) + ".py", 0);
  SnapshotStats s = measure_snapshot(code());
  EXPECT_TRUE(s.complete);
  EXPECT_EQ(s.files, 2001u);
  EXPECT_TRUE(s.over_limit());
}

TEST_F(SnapshotTest, SingleFileAndMissingFolder) {
  write("script.py", 42);
  SnapshotStats one = measure_snapshot((root_ / "code" / "script.py").string());
  EXPECT_EQ(one.files, 1u);
  EXPECT_EQ(one.bytes, 42u);
  SnapshotStats missing = measure_snapshot((root_ / "nope").string());
  EXPECT_EQ(missing.files, 0u);
  EXPECT_EQ(missing.unreadable.size(), 1u);
}

TEST(SnapshotNames, DataLikeExtensions) {
  EXPECT_TRUE(is_data_like_name("a/b/train.parquet"));
  EXPECT_TRUE(is_data_like_name("x.CSV"));
  EXPECT_TRUE(is_data_like_name("model.safetensors"));
  EXPECT_FALSE(is_data_like_name("train.py"));
  EXPECT_FALSE(is_data_like_name("conda.yaml"));
  EXPECT_FALSE(is_data_like_name("csv"));
  EXPECT_FALSE(is_data_like_name("dir.csv/readme"));
}

TEST(SnapshotCorpus, CodeFoldersOfTheCorpusAreSmall) {
  fs::path src =
      fs::path(AMLLINT_SHARED_DIR) / "corpus" / "azureml-examples" / "cli" / "jobs" / "single-step";
  if (!fs::exists(src)) GTEST_SKIP() << "corpus not found";
  SnapshotStats s = measure_snapshot(src.string());
  EXPECT_TRUE(s.complete);
  EXPECT_GT(s.files, 10u);
  EXPECT_FALSE(s.over_limit());
}

}  // namespace
}  // namespace amllint
