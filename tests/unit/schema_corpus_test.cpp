// Every valid job/component file of the shared corpus must pass schema validation untouched.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "syntax/document.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"
#include "test_support.h"
#include "validation/schema_validate.h"

using namespace amllint;

namespace {

const std::string kCorpus = std::string(AMLLINT_SHARED_DIR) + "/corpus";

struct CorpusFile {
  std::string path;  // relative to kCorpus
  FileKind kind;
};

// Kinds as recorded by hand in classification.csv (not by our own detection, which is tested
// elsewhere), so that this test judges the schemas alone.
std::vector<CorpusFile> corpus_files() {
  std::vector<CorpusFile> files;
  for (const auto& row : amllint::testing::classified_corpus_files()) {
    FileKind kind = amllint::testing::file_kind_of(row.kind);
    if (kind != FileKind::NotAzureMl) files.push_back({row.path, kind});
  }
  return files;
}

using amllint::testing::read_file;

struct Loaded {
  Document doc;
  yaml::Tree tree;
  JsonView view;
  explicit Loaded(std::string text)
      : doc(std::move(text)), tree(yaml::parse(doc)), view(to_json(tree.root)) {}
};

}  // namespace

TEST(SchemaCorpus, EveryValidJobAndComponentPasses) {
  auto files = corpus_files();
  ASSERT_GE(files.size(), 90u) << "classification.csv not found or changed under " << kCorpus;
  size_t failures = 0;
  for (const auto& f : files) {
    Loaded l(read_file(kCorpus + "/" + f.path));
    ASSERT_FALSE(l.tree.syntax_error) << f.path;
    auto diagnostics = validate_schema(f.kind, l.view);
    for (const auto& d : diagnostics) {
      auto pos = l.doc.to_utf8(d.range.begin);
      ADD_FAILURE() << f.path << ":" << pos.line + 1 << ":" << pos.column + 1 << ": [" << d.code
                    << "] " << d.message;
    }
    failures += !diagnostics.empty();
  }
  EXPECT_EQ(failures, 0u) << "of " << files.size() << " files";
}
