// The workspace index: what it finds in the shared corpus (every asset spec the classification
// names, nothing else), `workspace:` in .amllint.yaml, the project root, and the one check that
// runs without opting in (a near miss of a default datastore).
#include "model/workspace_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "config/config.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "amllint-ws-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
    return path / rel;
  }
};

}  // namespace

TEST(WorkspaceIndex, FindsExactlyTheCorpusAssetSpecs) {
  const fs::path corpus = amllint::testing::corpus_dir();
  WorkspaceIndex index = build_workspace_index(corpus.string(), nullptr);
  std::set<std::string> expected_components, expected_environments;
  for (const auto& f : amllint::testing::classified_corpus_files()) {
    std::string path = (amllint::testing::shared_dir() / "corpus" / f.path).lexically_normal();
    if (f.kind.find("-component") != std::string::npos) expected_components.insert(path);
  }
  std::ifstream csv(amllint::testing::shared_dir() / "corpus" / "classification.csv");
  for (std::string line; std::getline(csv, line);)
    if (line.find(",environment asset,") != std::string::npos)
      expected_environments.insert(
          (amllint::testing::shared_dir() / "corpus" / line.substr(7, line.find(',', 7) - 7))
              .lexically_normal());
  std::set<std::string> components, environments;
  std::map<AssetKind, size_t> counts;
  for (const AssetDeclaration& a : index.assets) {
    ++counts[a.kind];
    if (a.source != AssetDeclaration::Source::Spec) continue;
    if (a.kind == AssetKind::Component) components.insert(fs::path(a.file).lexically_normal());
    if (a.kind == AssetKind::Environment) environments.insert(fs::path(a.file).lexically_normal());
    EXPECT_TRUE(a.kind == AssetKind::Component || a.kind == AssetKind::Environment)
        << a.file << " indexed as " << asset_kind_name(a.kind);
  }
  EXPECT_EQ(components, expected_components);
  EXPECT_EQ(environments, expected_environments);
  EXPECT_FALSE(index.truncated);
  EXPECT_EQ(counts[AssetKind::Datastore], std::size(kDefaultDatastores));
  std::cout << "corpus index: " << index.files_scanned << " YAML files scanned, "
            << components.size() << " component specs, " << environments.size()
            << " environment specs, " << counts[AssetKind::Datastore] << " default datastores\n";
  for (const AssetDeclaration& a : index.assets)
    if (a.source == AssetDeclaration::Source::Spec && a.kind == AssetKind::Environment)
      std::cout << "  environment " << a.name << ":" << a.version << "\n";
}

TEST(WorkspaceIndex, ConfigNamesOptInPerKindAndBadEntriesAreReported) {
  Config c = parse_config(
      "workspace:\n  computes: [cpu-cluster, gpu]\n  datastores: []\n  queues: [x]\n"
      "  environments: my-env\n",
      "/p/.amllint.yaml");
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_NE(c.errors[0].find(":4:3: unknown asset kind `queues`"), std::string::npos)
      << c.errors[0];
  EXPECT_NE(c.errors[1].find(":5:17: `environments` must be a list of names"), std::string::npos)
      << c.errors[1];
  ASSERT_EQ(c.workspace.count("computes"), 1u);
  EXPECT_EQ(c.workspace["computes"].size(), 2u);
  EXPECT_EQ(c.workspace["computes"][1].name, "gpu");
  EXPECT_EQ(c.workspace["computes"][1].line, 1u);
  EXPECT_EQ(c.workspace.count("datastores"), 1u);

  WorkspaceIndex index = build_workspace_index("/nonexistent-amllint-root", &c);
  EXPECT_EQ(index.listed, (std::set<AssetKind>{AssetKind::Compute, AssetKind::Datastore}));
  ASSERT_EQ(index.find(AssetKind::Compute, "gpu").size(), 1u);
  EXPECT_EQ(index.find(AssetKind::Compute, "gpu")[0]->file, "/p/.amllint.yaml");
  EXPECT_EQ(index.find(AssetKind::Datastore, "workspacefilestore").size(), 1u);
}

TEST(WorkspaceIndex, TheRootIsTheConfigFolderElseTheGitRootElseTheFileFolder) {
  TempDir dir;
  fs::path file = dir.write("a/b/job.yml", "x: 1\n");
  EXPECT_EQ(workspace_root(file.string(), nullptr), (dir.path / "a/b").string());
  fs::create_directories(dir.path / "a/.git");
  EXPECT_EQ(workspace_root(file.string(), nullptr), (dir.path / "a").string());
  Config c;
  c.dir = dir.path.string();
  EXPECT_EQ(workspace_root(file.string(), &c), dir.path.string());
}

TEST(WorkspaceIndex, WithoutAWorkspaceListOnlyANearMissOfAKnownDatastoreIsReported) {
  TempDir dir;
  fs::create_directories(dir.path / ".git");
  dir.write("envs/env.yml", "name: base-env\nversion: 2\nimage: ubuntu:22.04\n");
  std::string text =
      "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
      "command: echo ${{inputs.a}} ${{inputs.b}}\n"
      "environment: azureml:base-env:3\n"
      "compute: azureml:any-cluster\n"
      "inputs:\n"
      "  a:\n    type: uri_folder\n    path: azureml://datastores/workspacefilestor/paths/x/\n"
      "  b:\n    type: uri_folder\n    path: azureml://datastores/my_store/paths/x/\n";
  auto linted = amllint::testing::lint_text(text, dir.write("jobs/job.yml", text).string());
  std::vector<std::string> found;
  for (const Diagnostic& d : linted.analysis.diagnostics)
    if (d.code == "unknown-asset" || d.code == "asset-version-mismatch")
      found.push_back(
          d.code + " " +
          std::string(linted.doc.text().substr(d.range.begin, d.range.end - d.range.begin)));
  // The compute and `my_store` may be in the workspace; `workspacefilestor` is one letter from
  // a datastore every workspace has, and the env's version contradicts the repo's spec.
  EXPECT_EQ(found, (std::vector<std::string>{"asset-version-mismatch 3",
                                             "unknown-asset workspacefilestor"}));
}

// A project large enough that its files are parsed on several threads: every spec is found once,
// in the index's order (kind, name, file), whichever thread read it.
TEST(WorkspaceIndex, LargeProjectIsIndexedWhole) {
  TempDir dir;
  constexpr int kSpecs = 400, kJobs = 400;
  for (int i = 0; i < kSpecs; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "env-%03d", i);
    dir.write("envs/" + std::string(name) + ".yml", "# an environment\nname: " + std::string(name) +
                                                        "\nversion: " + std::to_string(i % 7 + 1) +
                                                        "\nimage: python:3.11\n");
  }
  for (int i = 0; i < kJobs; ++i)
    dir.write("jobs/job-" + std::to_string(i) + ".yml",
              "name: job\ncommand: echo hi\nenvironment: azureml:env-001:1\ncompute: "
              "azureml:cpu\n");
  WorkspaceIndex index = build_workspace_index(dir.path.string(), nullptr);
  EXPECT_EQ(index.files_scanned, static_cast<size_t>(kSpecs + kJobs));
  std::vector<const AssetDeclaration*> specs;
  for (const AssetDeclaration& a : index.assets)
    if (a.source == AssetDeclaration::Source::Spec) specs.push_back(&a);
  ASSERT_EQ(specs.size(), static_cast<size_t>(kSpecs));
  for (int i = 0; i < kSpecs; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "env-%03d", i);
    EXPECT_EQ(specs[i]->kind, AssetKind::Environment);
    EXPECT_EQ(specs[i]->name, name);
    EXPECT_EQ(specs[i]->version, std::to_string(i % 7 + 1));
    EXPECT_EQ(fs::path(specs[i]->file), dir.path / "envs" / (std::string(name) + ".yml"));
    EXPECT_EQ(specs[i]->line, 1u);
  }
}

// The index reads only files whose text can hold a `name` key (a look before parsing): every way
// of writing that key still gets the file indexed.
TEST(WorkspaceIndex, NameKeyWrittenAnyWayIsFound) {
  TempDir dir;
  dir.write("a.yml", "\"name\": env-a\nimage: python:3.11\n");
  dir.write("b.yml", "{image: 'python:3.11', name: env-b}\n");
  dir.write("c.yml", "'name': env-c\nimage: python:3.11\n");
  dir.write("d.yml", "display_name: x\n\"\\x6eame\": env-d\nimage: python:3.11\n");
  dir.write("e.yml", "? |-\n  name\n: env-e\nimage: python:3.11\n");
  dir.write("f.yml", "\xEF\xBB\xBFname: env-f\nimage: python:3.11\n");
  dir.write("g.yml", "image: python:3.11\n!!str name: env-g\n");
  dir.write("job.yml", "display_name: j\nexperiment_name: e\ncommand: echo\nimage: x\n");
  WorkspaceIndex index = build_workspace_index(dir.path.string(), nullptr);
  std::set<std::string> names;
  for (const AssetDeclaration& a : index.assets)
    if (a.source == AssetDeclaration::Source::Spec) names.insert(a.name);
  EXPECT_EQ(names,
            (std::set<std::string>{"env-a", "env-b", "env-c", "env-d", "env-e", "env-f", "env-g"}));
}
