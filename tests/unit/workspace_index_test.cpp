// The workspace index: what it finds in the shared corpus (every asset spec the classification
// names, nothing else), `workspace:` in .amllint.yaml, the project root, and the one check that
// runs without opting in (a near miss of a default datastore); and the look at a file's text
// that spares parsing files whose root cannot have a `name` (may_have_root_name_key).
#include "model/workspace_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "config/config.h"
#include "syntax/document.h"
#include "syntax/yaml_tree.h"
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

// A project whose pipelines define their components inline (a `name:` under `jobs:`, which the
// index no longer parses for) and whose specs name themselves at the root in several ways,
// one of them a `name` indented by mistake that the parser's recovery moves to the root: the
// index holds exactly the specs, as when every such file was parsed.
TEST(WorkspaceIndex, InlineComponentsAreSkippedAndRootNamesKept) {
  TempDir dir;
  const std::string inline_pipeline =
      "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
      "type: pipeline\njobs:\n  train:\n    type: command\n    component:\n      name: Train\n"
      "      version: 1\n      type: command\n      command: echo\n      environment: "
      "azureml:env-a:1\n";
  dir.write("jobs/pipeline.yml", inline_pipeline);
  dir.write("jobs/pipeline-crlf.yml",
            "# a pipeline\r\njobs:\r\n  a:\r\n    component:\r\n"
            "      name: Score\r\n      command: echo\r\n");
  dir.write("envs/a.yml", "image: python:3.11\nversion: 1\nname: env-a\n");
  dir.write("envs/b.yml", "\xEF\xBB\xBF---\n  image: python:3.11\n  'name': env-b\n");
  dir.write("envs/c.yml", "image: python:3.11\nversion: 1\n  name: env-c\n");
  dir.write("components/d.yml",
            "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\n"
            "type: command\ninputs:\n  x:\n    type: string\ncommand: echo\n"
            "environment: azureml:env-a:1\n&n name: comp-d\n");
  WorkspaceIndex index = build_workspace_index(dir.path.string(), nullptr);
  std::set<std::string> names;
  for (const AssetDeclaration& a : index.assets)
    if (a.source == AssetDeclaration::Source::Spec)
      names.insert(std::string(asset_kind_name(a.kind)) + " " + a.name);
  EXPECT_EQ(names, (std::set<std::string>{"component comp-d", "environment env-a",
                                          "environment env-b", "environment env-c"}));
  EXPECT_FALSE(may_have_root_name_key(inline_pipeline));
}

// The look before parsing: a file is skipped only when its root mapping cannot have a `name`
// key. Each text is checked against the truth, yaml::parse's root (syntax error recovery
// included); `skipped` is what the look must answer, so that both a `name` nested in a value
// (the inline components of a pipeline, which the look exists to skip) and every way of
// writing a root `name` are pinned.
namespace {

bool root_has_name(const std::string& text) {
  Document doc(text);
  yaml::Tree tree = yaml::parse(doc);
  return tree.root && tree.root->is_mapping() && tree.root->get("name");
}

// A `name` that is not the end of a longer word (`display_name`): what the look examines.
bool mentions_name(const std::string& text) {
  for (size_t at = text.find("name"); at != std::string::npos; at = text.find("name", at + 1))
    if (at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_'))
      return true;
  return false;
}

struct LookCase {
  const char* what;
  std::string text;
  bool skipped;  // may_have_root_name_key says no
};

}  // namespace

TEST(WorkspaceIndex, TheRootLookSkipsOnlyFilesWhoseRootCannotHaveName) {
  const std::vector<LookCase> cases = {
      {"plain", "name: a\nimage: x\n", false},
      {"double quoted", "image: x\n\"name\": a\n", false},
      {"single quoted", "image: x\n'name': a\n", false},
      {"explicit key", "image: x\n? name\n: a\n", false},
      {"explicit block scalar key", "image: x\n? |-\n  name\n: a\n", false},
      {"anchored", "image: x\n&n name: a\n", false},
      {"tagged", "image: x\n!!str name: a\n", false},
      {"tag and anchor", "image: x\n!!str &n 'name': a\n", false},
      {"alias key", "x:\n  y: &a name\n*a : 1\n", false},
      {"merge", "d: &d\n  name: a\nx: 1\n<<: *d\n", false},
      {"escaped", "image: x\n\"\\x6eame\": a\n", false},
      {"indented root", "  image: x\n  name: a\n", false},
      {"BOM", "\xEF\xBB\xBFimage: x\nname: a\n", false},
      {"leading comment and marker", "# c\n---\nimage: x\nname: a\n", false},
      {"CRLF", "image: x\r\nname: a\r\n", false},
      {"lone CR", "image: x\rname: a\r", false},
      {"flow root", "{image: x,\n  name: a}\n", false},
      {"flow root over lines", "{\nx:\n  &d {name: 1},\n  <<: *d\n}\n", false},
      {"tab", "image: x\n\tname: a\n", false},
      {"quoted value below the root's column", "  a: \"x\ny\"\n  name: b\n", false},
      {"mis-indented under a value (moved left)", "version: 1\n  name: a\n", false},
      {"under a broken opener", "jobs: a: b:\n  name: x\n", false},
      {"after a broken line", "a: 1\n\"x\": 2\n  name: 3\n", false},
      {"a root line with text after a quote", "a: \"x\" y\n  name: 1\n", false},
      {"second document", "a: 1\n---\nname: x\n", false},
      {"directive", "%YAML 1.2\n---\nname: x\n", false},
      {"text mentioning name at the root", "description: the name\n", false},
      // Skipped: `name` only in values under plain `key:` openers.
      {"inline component", "type: pipeline\njobs:\n  a:\n    component:\n      name: c\n", true},
      {"opener with comment and trailing space",
       "jobs: # j\n  a: \n    component:   # c\n      name: c\n", true},
      {"under a marker", "---\njobs:\n  a:\n    name: c\n", true},
      {"indented root, nested name", "  jobs:\n    a:\n      name: c\n", true},
      {"comment", "# name: x\nimage: x\n  # name: y\n", true},
      {"display_name only", "display_name: x\nexperiment_name: y\n", true},
      {"CRLF nested", "jobs:\r\n  a:\r\n    name: c\r\n", true},
      // Not skipped, though nested: the enclosing line is not a plain opener.
      {"under a value", "a: {x: 1,\n  name: 2}\n", false},
      {"in a block scalar", "command: |\n  echo name\n", false},
  };
  for (const LookCase& c : cases) {
    const bool truth = root_has_name(c.text);
    const bool may = may_have_root_name_key(c.text);
    if (truth) EXPECT_TRUE(may) << c.what << ": the root has `name` but the file is skipped";
    EXPECT_EQ(!may, c.skipped) << c.what;
  }
}

// Every YAML file of the corpus and the fixtures, and variants of each: the root's `name`
// written other ways, the document indented, marked, with CRLF line ends; and syntax errors put
// on the lines around each `name` and on the lines that enclose it, alone and in pairs (the
// parser's recovery moves or blanks lines). Whenever the parsed root has `name`, the look must
// let the file through.
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t b = 0;
  for (size_t nl; (nl = text.find('\n', b)) != std::string::npos; b = nl + 1)
    out.push_back(text.substr(b, nl - b));
  if (b < text.size()) out.push_back(text.substr(b));
  return out;
}

std::string join_lines(const std::vector<std::string>& lines, const char* eol = "\n") {
  std::string out;
  for (const std::string& l : lines) out += l + eol;
  return out;
}

size_t indent_of(const std::string& l) {
  size_t i = l.find_first_not_of(' ');
  return i == std::string::npos ? l.size() : i;
}

bool is_content(const std::string& l) {
  size_t i = l.find_first_not_of(' ');
  return i != std::string::npos && l[i] != '#';
}

// The first root key line `name:` (at column 0) with its key written `as`.
std::string rewrite_root_name(const std::string& text, const std::string& as) {
  std::vector<std::string> lines = split_lines(text);
  for (std::string& l : lines)
    if (l.starts_with("name:")) {
      l = as + l.substr(4);
      break;
    }
  return join_lines(lines);
}

// Variants that keep the root's keys: the look must answer as it does for the original when
// the root has `name`.
std::vector<std::string> keeping_variants(const std::string& text) {
  std::vector<std::string> out = {text};
  std::vector<std::string> lines = split_lines(text);
  std::vector<std::string> indented = lines;
  for (std::string& l : indented)
    if (!l.empty()) l = "  " + l;
  out.push_back(join_lines(indented));
  out.push_back(rewrite_root_name(text, "\"name\""));
  out.push_back(rewrite_root_name(text, "'name'"));
  out.push_back(rewrite_root_name(text, "&anchor name"));
  out.push_back(rewrite_root_name(text, "!!str name"));
  out.push_back(rewrite_root_name(text, "? name\n"));
  // `name` and the lines under it moved to the end.
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].starts_with("name:")) continue;
    size_t e = i + 1;
    while (e < lines.size() && (!is_content(lines[e]) || indent_of(lines[e]) > 0)) ++e;
    std::vector<std::string> moved(lines.begin(), lines.begin() + i);
    moved.insert(moved.end(), lines.begin() + e, lines.end());
    moved.insert(moved.end(), lines.begin() + i, lines.begin() + e);
    out.push_back(join_lines(moved));
    break;
  }
  out.push_back("# a comment\n" + text);
  out.push_back("\xEF\xBB\xBF" + text);
  out.push_back("---\n" + text);
  out.push_back(join_lines(lines, "\r\n"));
  out.push_back("\xEF\xBB\xBF---\r\n" + join_lines(indented, "\r\n"));
  return out;
}

// Syntax errors on line `i`: each turns the line into something yaml::parse recovers from.
std::vector<std::string> broken_lines(const std::string& l, size_t root_column) {
  std::string body = l.substr(std::min(indent_of(l), l.size()));
  return {"",
          "  " + l,
          l.size() >= 2 && l.starts_with("  ") ? l.substr(2) : l,
          std::string(root_column, ' ') + body,
          l + ": x",
          l + " y: z",
          "\"" + l,
          l + " [",
          l + "\"x\" y",
          std::string(indent_of(l), ' ') + "- x",
          std::string(indent_of(l), ' ') + "x"};
}

}  // namespace

TEST(WorkspaceIndex, TheRootLookLetsThroughEveryFileWhoseRootHasName) {
  size_t texts = 0, with_name = 0, skipped = 0, skipped_by_the_root_look = 0;
  auto check = [&](const std::string& text, const std::string& what) {
    ++texts;
    const bool may = may_have_root_name_key(text);
    if (!may) ++skipped;
    if (mentions_name(text) && !may) ++skipped_by_the_root_look;
    if (!root_has_name(text)) return;
    ++with_name;
    EXPECT_TRUE(may) << what << ": the parsed root has `name`, but the index skips the file";
  };
  for (const fs::path& path : amllint::testing::pipeline_test_files()) {
    const std::string text = amllint::testing::read_file(path);
    const std::vector<std::string> variants = keeping_variants(text);
    for (size_t v = 0; v < variants.size(); ++v)
      check(variants[v], path.string() + " (variant " + std::to_string(v) + ")");
    if (text.size() > 64 * 1024 || text.find("name") == std::string::npos) continue;
    // Errors around each `name` and on the lines enclosing it.
    const std::vector<std::string> lines = split_lines(text);
    size_t root_column = 0;
    for (const std::string& l : lines)
      if (is_content(l)) {
        root_column = indent_of(l);
        break;
      }
    for (size_t n = 0; n < lines.size(); ++n) {
      if (!mentions_name(lines[n])) continue;
      std::vector<size_t> targets;
      for (size_t k = n >= 2 ? n - 2 : 0; k <= n; ++k) targets.push_back(k);
      for (size_t k = n, column = indent_of(lines[n]); k-- > 0;)
        if (is_content(lines[k]) && indent_of(lines[k]) < column) {
          targets.push_back(k);
          column = indent_of(lines[k]);
        }
      for (size_t a : targets) {
        for (const std::string& broken : broken_lines(lines[a], root_column)) {
          std::vector<std::string> once = lines;
          once[a] = broken;
          check(join_lines(once),
                path.string() + " line " + std::to_string(a + 1) + " as `" + broken + "`");
          // And a second mistake on `name`'s own line: moved to the root's column.
          if (a == n) continue;
          once[n] = std::string(root_column, ' ') + lines[n].substr(indent_of(lines[n]));
          check(join_lines(once), path.string() + " line " + std::to_string(a + 1) + " as `" +
                                      broken + "` and line " + std::to_string(n + 1) +
                                      " at the root's column");
        }
      }
    }
  }
  std::cout << "root look: " << texts << " texts, " << with_name << " with a root `name`, "
            << skipped << " skipped (" << skipped_by_the_root_look
            << " of them only by the root look)\n";
  EXPECT_GT(with_name, 100u);
  EXPECT_GT(skipped_by_the_root_look, 0u);
}
