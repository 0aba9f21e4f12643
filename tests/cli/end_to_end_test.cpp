// The real amllint binary, run on temporary copies of corpus files, as a user or CI runs it.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "run_process.h"

namespace fs = std::filesystem;
using amllint::test::lines_of;
using amllint::test::ProcessOptions;
using amllint::test::ProcessResult;
using amllint::test::run_process;

namespace {

const fs::path kCorpus = AMLLINT_CORPUS;
// A command job whose code folder `src` is copied beside each copy, so that it lints clean.
const std::string kIris = "cli/jobs/single-step/scikit-learn/iris/job.yml";
const std::string kIrisCode = "cli/jobs/single-step/scikit-learn/iris/src";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The seeded fault most tests use: the optional key `description` (line 20 of the iris job)
// misspelled, exactly one mistake.
std::string misspell(std::string text) {
  return replace_once(text, "\ndescription:", "\ndescripton:");
}
const std::string kMisspeltHeader =
    ":20:1: error: `descripton` is not a property of a command job; did you mean `description`? "
    "[unknown-key]";

bool starts_with(const std::string& s, const std::string& p) {
  return s.rfind(p, 0) == 0;
}
bool ends_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

class AmllintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/amllint-cli-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Copies a corpus file into the temp dir under `name`, optionally seeded with a fault.
  fs::path copy(const std::string& corpus_path, const std::string& name,
                const std::function<std::string(std::string)>& seed = nullptr) {
    std::string text = read(kCorpus / corpus_path);
    EXPECT_FALSE(text.empty()) << corpus_path;
    if (seed) text = seed(text);
    write(dir_ / name, text);
    if (corpus_path == kIris && !fs::exists((dir_ / name).parent_path() / "src"))
      fs::copy(kCorpus / kIrisCode, (dir_ / name).parent_path() / "src",
               fs::copy_options::recursive);
    return dir_ / name;
  }

  ProcessResult amllint(std::vector<std::string> args, ProcessOptions options = {}) {
    args.insert(args.begin(), AMLLINT_BIN);
    if (options.cwd.empty()) options.cwd = dir_;
    options.env.emplace_back("NO_COLOR", "");
    return run_process(args, options);
  }

  fs::path dir_;
};

TEST_F(AmllintTest, HelpVersionAndUsageErrors) {
  ProcessResult r = amllint({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(starts_with(r.out, "Usage: amllint [options]")) << r.out;
  r = amllint({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(std::regex_match(r.out, std::regex("amllint \\d+\\.\\d+\\.\\d+\n"))) << r.out;
  r = amllint({});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "amllint: no files to lint\nTry 'amllint --help' for more information.\n");
  r = amllint({"--format", "xml", "x.yml"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.out.empty());
}

TEST_F(AmllintTest, ListRulesAndExplainComeFromTheCatalogue) {
  ProcessResult r = amllint({"--list-rules"});
  EXPECT_EQ(r.status, 0);
  auto lines = lines_of(r.out);
  EXPECT_GT(lines.size(), 30u);
  bool listed = false;
  for (const std::string& line : lines)
    listed |= std::regex_match(line, std::regex("undefined-input +error +.+"));
  EXPECT_TRUE(listed) << r.out;
  r = amllint({"--explain", "undefined-input"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(starts_with(r.out, "# undefined-input\n")) << r.out;
  EXPECT_NE(r.out.find("## Fix"), std::string::npos);
  r = amllint({"--explain", "no-such-rule"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("no rule `no-such-rule`"), std::string::npos) << r.err;
}

TEST_F(AmllintTest, ValidFileIsCleanWithExitZero) {
  copy(kIris, "job.yml");
  ProcessResult r = amllint({"job.yml"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "1 file checked, no problems found\n");
}

TEST_F(AmllintTest, MisspelledKeyIsShownWithSourceLineAndUnderline) {
  copy(kIris, "job.yml", misspell);
  ProcessResult r = amllint({"job.yml"});
  EXPECT_EQ(r.status, 1) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0], "job.yml" + kMisspeltHeader);
  EXPECT_EQ(lines[1], "descripton: Train a scikit-learn SVM on the Iris dataset.");
  EXPECT_EQ(lines[2], "^~~~~~~~~~");
  EXPECT_EQ(r.err,
            "1 file checked: 1 error, 0 warnings, 0 infos\n"
            "No fixes available (1 hidden fix can be enabled with --unsafe-fixes)\n");
}

TEST_F(AmllintTest, InvalidUtf8AndBinaryFilesGetAClearErrorWithAPosition) {
  write(dir_ / "latin1.yml", "type: command\ncommand: echo caf\xE9\n");
  write(dir_ / "binary.yml", std::string("type: command\n\0\0\x01\x02", 18));
  ProcessResult r = amllint({"latin1.yml", "binary.yml"});
  EXPECT_EQ(r.status, 1) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 6u) << r.out;
  EXPECT_EQ(lines[0],
            "latin1.yml:2:18: error: the file is not valid UTF-8 (YAML specs must be UTF-8) "
            "[invalid-encoding]");
  EXPECT_EQ(lines[1], "command: echo caf\xEF\xBF\xBD");
  EXPECT_EQ(lines[2], std::string(17, ' ') + "^");
  EXPECT_EQ(lines[3],
            "binary.yml:2:1: error: the file contains a NUL byte: it looks binary, not YAML "
            "text [invalid-encoding]");
  // NUL and other control bytes never reach the terminal raw.
  EXPECT_EQ(lines[4], "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(lines[5], "^");
}

TEST_F(AmllintTest, UnreadableAndMissingFilesExitTwoAndTheRestIsStillLinted) {
  copy(kIris, "bad.yml", misspell);
  // Root reads any file, but reading /proc/self/mem at offset 0 fails for everyone.
  std::string unreadable = "/proc/self/mem";
  if (geteuid() != 0) {
    unreadable = (dir_ / "locked.yml").string();
    write(unreadable, "a: 1\n");
    chmod(unreadable.c_str(), 0);
  }
  ProcessResult r = amllint({unreadable, "missing.yml", "bad.yml"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(starts_with(r.out, "bad.yml:20:1: error: ")) << r.out;
  EXPECT_NE(r.err.find("amllint: missing.yml: no such file or directory\n"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("amllint: " + unreadable + ": "), std::string::npos) << r.err;
}

TEST_F(AmllintTest, DirectoriesAndQuotedGlobsExpandInStableOrder) {
  copy(kIris, "jobs/b.yml", misspell);
  copy(kIris, "jobs/a/x.yaml", misspell);
  write(dir_ / "jobs/node_modules/skipped.yml", "{{{");
  write(dir_ / "jobs/readme.txt", "not yaml: [");
  fs::create_directories(dir_ / "jobs/dir.yml");  // a folder with a YAML name is no file

  auto first_fields = [](const std::string& out) {
    std::vector<std::string> paths;
    for (const std::string& l : lines_of(out))
      if (l.find(": error: ") != std::string::npos) paths.push_back(l.substr(0, l.find(':')));
    return paths;
  };
  ProcessResult r = amllint({"jobs"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(first_fields(r.out), (std::vector<std::string>{"jobs/a/x.yaml", "jobs/b.yml"}));
  EXPECT_EQ(r.err,
            "2 files checked: 2 errors, 0 warnings, 0 infos\n"
            "No fixes available (2 hidden fixes can be enabled with --unsafe-fixes)\n");

  r = amllint({"jobs/**/*.yml"});
  EXPECT_EQ(first_fields(r.out), (std::vector<std::string>{"jobs/b.yml"}));
  r = amllint({"j?bs/*/*.y*ml"});
  EXPECT_EQ(first_fields(r.out), (std::vector<std::string>{"jobs/a/x.yaml"}));
  r = amllint({"jobs/*.json"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(
      r.err,
      "amllint: jobs/*.json: no files match this pattern\n0 files checked, no problems found\n");
}

TEST_F(AmllintTest, ParallelOutputFollowsInputOrder) {
  std::vector<std::string> args;
  for (int i = 0; i < 40; ++i) {
    std::string name = "f" + std::to_string(100 + i) + ".yml";
    copy(kIris, name, [&](std::string t) { return i % 3 ? t : misspell(t); });
    args.push_back(name);
  }
  std::reverse(args.begin(), args.end());  // input order, not name order
  args.insert(args.begin(), {"-j", "1"});
  ProcessResult serial = amllint(args);
  args[1] = "4";
  ProcessResult parallel = amllint(args);
  EXPECT_EQ(serial.status, 1);
  EXPECT_EQ(parallel.out, serial.out);
  EXPECT_TRUE(starts_with(serial.out, "f139.yml:20:1: error: ")) << serial.out;
}

TEST_F(AmllintTest, JsonIsOneObjectWithOneBasedPositions) {
  copy(kIris, "job.yml", misspell);
  copy(kIris, "ok.yml");
  ProcessResult r = amllint({"--format", "json", "job.yml", "ok.yml"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.size(), 3u);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["files"], 2);
  ASSERT_EQ(j["diagnostics"].size(), 1u);
  const auto& d = j["diagnostics"][0];
  EXPECT_EQ(d.size(), 8u);
  EXPECT_EQ(d["path"], "job.yml");
  EXPECT_EQ(d["line"], 20);
  EXPECT_EQ(d["column"], 1);
  EXPECT_EQ(d["end_line"], 20);
  EXPECT_EQ(d["end_column"], 11);
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["code"], "unknown-key");
  EXPECT_TRUE(d["message"].is_string());
}

TEST_F(AmllintTest, ColourOnlyOnATerminalAndNeverWithNoColor) {
  copy(kIris, "job.yml", misspell);
  ProcessOptions tty;
  tty.stdout_is_terminal = true;
  tty.cwd = dir_;
  tty.env = {{"NO_COLOR", ""}};
  ProcessResult r = run_process({AMLLINT_BIN, "job.yml"}, tty);
  EXPECT_NE(r.out.find("\x1b[1;31merror"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos);

  r = run_process({AMLLINT_BIN, "--no-color", "job.yml"}, tty);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("job.yml:20:1: error:"), std::string::npos);

  tty.env = {{"NO_COLOR", "1"}};
  r = run_process({AMLLINT_BIN, "job.yml"}, tty);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;

  r = amllint({"job.yml"});  // a pipe
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
}

TEST_F(AmllintTest, StdinIsLintedUnderItsGivenName) {
  // Its code folder resolves from the named file's folder, or from the working directory.
  copy(kIris, "jobs/hello.yml");
  copy(kIris, "job.yml");
  std::string text = misspell(read(kCorpus / kIris));
  ProcessOptions in;
  in.stdin_text = text;
  ProcessResult r = amllint({"--stdin-filename", "jobs/hello.yml", "-"}, in);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(starts_with(r.out, "jobs/hello.yml:20:1: error: ")) << r.out;
  r = amllint({"-"}, in);
  EXPECT_TRUE(starts_with(r.out, "<stdin>:20:1: error: ")) << r.out;
}

TEST_F(AmllintTest, WarningsQuietAndMaxWarnings) {
  // A duplicate key is a warning: the service keeps the last value.
  copy(kIris, "dup.yml", [](std::string t) { return t + "compute: azureml:other\n"; });
  ProcessResult r = amllint({"dup.yml"});
  EXPECT_EQ(r.status, 0) << r.out;
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0],
            "dup.yml:17:1: warning: duplicate key `compute`: this value is ignored, the one "
            "on line 21 wins [duplicate-key]");
  EXPECT_EQ(lines[1], "compute: azureml:cpu-cluster");
  EXPECT_EQ(lines[2], "^~~~~~~");
  EXPECT_EQ(r.err, "1 file checked: 0 errors, 1 warning, 0 infos\n");

  r = amllint({"--quiet", "dup.yml"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");

  r = amllint({"--max-warnings", "0", "dup.yml"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("amllint: 1 warnings, more than --max-warnings 0\n"), std::string::npos);
  r = amllint({"--max-warnings", "1", "dup.yml"});
  EXPECT_EQ(r.status, 0);
}

TEST_F(AmllintTest, GithubAnnotations) {
  copy(kIris, "job.yml", misspell);
  ProcessResult r = amllint({"--format=github", "job.yml"}, {.env = {{"GITHUB_WORKSPACE", ""}}});
  EXPECT_EQ(r.status, 1);
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_TRUE(starts_with(lines[0],
                          "::error file=job.yml,line=20,col=1,endLine=20,endColumn=11,"
                          "title=amllint (unknown-key)::"))
      << lines[0];
}

TEST_F(AmllintTest, GithubLeavesInfosOutUnlessAskedAndWarningsIn) {
  // Two infos (no display name, no experiment name) and a duplicate-key warning.
  copy(kIris, "job.yml", [](std::string t) {
    t = replace_once(t, "display_name: sklearn-iris-example\n", "");
    t = replace_once(t, "experiment_name: sklearn-iris-example\n", "");
    return t + "compute: azureml:other\n";
  });
  const ProcessOptions no_workspace{.env = {{"GITHUB_WORKSPACE", ""}}};
  ProcessResult r = amllint({"--format", "github", "job.yml"}, no_workspace);
  EXPECT_EQ(r.status, 0) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_TRUE(starts_with(lines[0], "::warning file=job.yml,line=")) << lines[0];

  r = amllint({"--format", "github", "--github-notices", "job.yml"}, no_workspace);
  lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  size_t notices = 0;
  for (const std::string& line : lines) notices += starts_with(line, "::notice file=job.yml,");
  EXPECT_EQ(notices, 2u) << r.out;
}

TEST_F(AmllintTest, GithubPathsAreRelativeToTheWorkspace) {
  copy(kIris, "project/jobs/job.yml", misspell);
  const std::string workspace = dir_.string();
  const std::string prefix = "::error file=project/jobs/job.yml,line=20,";
  // Linted from a folder below the workspace, by a relative and by an absolute path.
  ProcessResult r =
      amllint({"--format", "github", "jobs/job.yml"},
              {.env = {{"GITHUB_WORKSPACE", workspace}}, .cwd = workspace + "/project"});
  EXPECT_TRUE(starts_with(r.out, prefix)) << r.out;
  r = amllint({"--format", "github", workspace + "/project/jobs/job.yml"},
              {.env = {{"GITHUB_WORKSPACE", workspace + "/"}}});
  EXPECT_TRUE(starts_with(r.out, prefix)) << r.out;
  // Without GITHUB_WORKSPACE, the working directory is the root.
  r = amllint({"--format", "github", "./project/../project/jobs/job.yml"},
              {.env = {{"GITHUB_WORKSPACE", ""}}});
  EXPECT_TRUE(starts_with(r.out, prefix)) << r.out;
  // A file outside the workspace keeps the path it was given.
  r = amllint({"--format", "github", "project/jobs/job.yml"},
              {.env = {{"GITHUB_WORKSPACE", workspace + "/other"}}});
  EXPECT_TRUE(starts_with(r.out, prefix)) << r.out;
}

TEST_F(AmllintTest, JunitReportHasASuitePerFile) {
  copy(kIris, "job.yml", misspell);
  copy(kIris, "ok.yml");
  ProcessResult r = amllint({"--format", "junit", "job.yml", "ok.yml"});
  EXPECT_EQ(r.status, 1);
  auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 9u) << r.out;
  EXPECT_EQ(lines[0], "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  EXPECT_EQ(lines[1], "<testsuites name=\"amllint\" tests=\"2\" failures=\"1\" errors=\"0\">");
  EXPECT_EQ(lines[2], "  <testsuite name=\"job.yml\" tests=\"1\" failures=\"1\" errors=\"0\">");
  EXPECT_EQ(lines[3], "    <testcase name=\"job.yml:20:1 unknown-key\" classname=\"job.yml\">");
  EXPECT_TRUE(starts_with(lines[4], "      <failure type=\"error\" message=\"")) << lines[4];
  EXPECT_NE(r.out.find("<testcase name=\"ok.yml\" classname=\"amllint\"/>"), std::string::npos);
  EXPECT_EQ(lines.back(), "</testsuites>");
}

TEST_F(AmllintTest, JunitFailsOnErrorsOnlyAndKeepsInfosAsOutput) {
  // A clean file but for two infos: the run passes, so must the report.
  copy(kIris, "infos.yml", [](std::string t) {
    t = replace_once(t, "display_name: sklearn-iris-example\n", "");
    return replace_once(t, "experiment_name: sklearn-iris-example\n", "");
  });
  ProcessResult r = amllint({"--format", "junit", "infos.yml"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("<failure"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("<testsuites name=\"amllint\" tests=\"2\" failures=\"0\" errors=\"0\">"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("<system-out>infos.yml:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": info: "), std::string::npos) << r.out;

  // A warning passes too, unless it fails the run through --max-warnings.
  copy(kIris, "dup.yml", [](std::string t) { return t + "compute: azureml:other\n"; });
  r = amllint({"--format", "junit", "dup.yml"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.find("<failure"), std::string::npos) << r.out;
  r = amllint({"--format", "junit", "--max-warnings", "0", "dup.yml"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("failures=\"1\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("<failure type=\"warning\""), std::string::npos) << r.out;
}

TEST_F(AmllintTest, SarifCarriesToolRulesAndRegions) {
  copy(kIris, "job.yml", misspell);
  ProcessResult r = amllint({"--format", "sarif", "job.yml"});
  EXPECT_EQ(r.status, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], "2.1.0");
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "amllint");
  EXPECT_TRUE(run["tool"]["driver"]["version"].is_string());
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 1u);
  const auto& rule = run["tool"]["driver"]["rules"][0];
  EXPECT_EQ(rule["id"], "unknown-key");
  EXPECT_TRUE(ends_with(rule["helpUri"], "/docs/rules/unknown-key.md"));
  // The docs at this version's tag, not at a branch that moves on.
  const std::string version = run["tool"]["driver"]["version"];
  EXPECT_NE(rule["helpUri"].get<std::string>().find("/blob/v" + version + "/"), std::string::npos)
      << rule["helpUri"];
  // fullDescription and help come from docs/rules/unknown-key.md.
  EXPECT_TRUE(starts_with(rule["fullDescription"]["text"],
                          "A key that the job or component schema does not allow at that place"))
      << rule["fullDescription"];
  EXPECT_TRUE(starts_with(rule["help"]["markdown"], "# unknown-key\n")) << rule["help"];
  const std::string help_text = rule["help"]["text"];
  EXPECT_TRUE(starts_with(help_text, "unknown-key\n")) << help_text;
  EXPECT_EQ(help_text.find("**"), std::string::npos) << help_text;
  EXPECT_EQ(help_text.find("```"), std::string::npos) << help_text;
  EXPECT_NE(help_text.find("\n    comand: python train.py\n"), std::string::npos) << help_text;
  ASSERT_EQ(run["results"].size(), 1u);
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "unknown-key");
  EXPECT_EQ(result["ruleIndex"], 0);
  EXPECT_EQ(result["level"], "error");
  const auto& loc = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "job.yml");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "SRCROOT");
  EXPECT_EQ(loc["region"]["startLine"], 20);
  EXPECT_EQ(loc["region"]["startColumn"], 1);
  EXPECT_EQ(loc["region"]["endColumn"], 11);
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
}

TEST_F(AmllintTest, SarifHelpUriIsConfigurable) {
  copy(kIris, "job.yml", misspell);
  auto help_uri = [&](const std::string& flag) -> nlohmann::json {
    ProcessResult r = amllint({"--format", "sarif", flag, "job.yml"});
    EXPECT_EQ(r.status, 1) << r.err;
    return nlohmann::json::parse(r.out)["runs"][0]["tool"]["driver"]["rules"][0].value(
        "helpUri", nlohmann::json());
  };
  EXPECT_EQ(help_uri("--rule-docs-url=https://wiki.example.com/lint/{code}.html"),
            "https://wiki.example.com/lint/unknown-key.html");
  EXPECT_EQ(help_uri("--rule-docs-url=https://git.example.com/amllint/docs/rules"),
            "https://git.example.com/amllint/docs/rules/unknown-key.md");
  EXPECT_TRUE(help_uri("--rule-docs-url=").is_null());
}

TEST_F(AmllintTest, FixAndDiffNeverApplyAnUnsafeFix) {
  // "did you mean" renames are offered as fixes but not as safe ones: nothing may change.
  fs::path job = copy(kIris, "job.yml", misspell);
  const std::string before = read(job);
  ProcessResult r = amllint({"--diff", "job.yml"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "amllint: 1 hidden fix can be enabled with --unsafe-fixes\n");
  r = amllint({"--fix", "job.yml"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(read(job), before);
  EXPECT_TRUE(starts_with(r.out, "job.yml:20:1: error: ")) << r.out;
  EXPECT_EQ(r.err,
            "1 file checked: 1 error, 0 warnings, 0 infos\n"
            "No fixes available (1 hidden fix can be enabled with --unsafe-fixes)\n");
}

TEST_F(AmllintTest, UnsafeFixesApplyTheGuessedRename) {
  fs::path job = copy(kIris, "job.yml", misspell);
  ProcessResult r = amllint({"--diff", "--unsafe-fixes", "job.yml"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("-descripton: Train"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+description: Train"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(read(job), misspell(read(kCorpus / kIris)));  // --diff writes nothing

  r = amllint({"--fix", "--unsafe-fixes", "job.yml"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.err,
            "amllint: job.yml: fixed 1 problem: Rename to `description`\n"
            "1 file checked, no problems found\n");
  EXPECT_EQ(read(job), read(kCorpus / kIris));
}

TEST_F(AmllintTest, TextOutputCountsFixableAndHiddenFixes) {
  // One safe fix (`$<<...>>`) and one unsafe one (`descripton`), not applied: counted.
  copy(kIris, "job.yml", [](std::string text) {
    return misspell(replace_once(text, "--C ${{inputs.C}}", "--C $<<inputs.C>>"));
  });
  ProcessResult r = amllint({"job.yml"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(ends_with(r.err,
                        "1 fixable with --fix (1 hidden fix can be enabled with "
                        "--unsafe-fixes)\n"))
      << r.err;
  r = amllint({"--unsafe-fixes", "job.yml"});
  EXPECT_TRUE(ends_with(r.err, "2 fixable with --fix --unsafe-fixes\n")) << r.err;
}

TEST_F(AmllintTest, StatsReportFilesPerSecondAndTimePerFile) {
  copy(kIris, "a.yml");
  copy(kIris, "b.yml");
  ProcessResult r = amllint({"--stats", "--format", "json", "a.yml", "b.yml"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(std::regex_search(
      r.err, std::regex("amllint: 2 files in [0-9.]+ ms wall on [0-9]+ threads: [0-9]+ files/s, "
                        "[0-9.]+ µs/file; analysis per file: [0-9.]+ µs mean")))
      << r.err;
}

}  // namespace

namespace {

// Two fixes seeded into the iris job: a legacy `$<<...>>` binding (safe: it can only mean
// `${{...}}`) and a misspelt `input.` (unsafe: `inputs` is the closest word, a guess).
std::string seed_fixable(std::string text) {
  text = replace_once(text, "--C ${{inputs.C}}", "--C $<<inputs.C>>");
  return replace_once(text, "--kernel ${{inputs.kernel}}", "--kernel ${{input.kernel}}");
}

TEST_F(AmllintTest, DiffShowsSafeFixesWithoutWriting) {
  fs::path job = copy(kIris, "job.yml", seed_fixable);
  const std::string before = read(job);
  ProcessResult r = amllint({"--diff", "job.yml"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            "--- job.yml\n+++ job.yml\n@@ -3,7 +3,7 @@\n command: >-\n   python main.py \n"
            "   --iris-csv ${{inputs.iris_csv}}\n-  --C $<<inputs.C>>\n+  --C ${{inputs.C}}\n"
            "   --kernel ${{input.kernel}}\n   --coef0 ${{inputs.coef0}}\n inputs:\n");
  EXPECT_EQ(r.err, "amllint: 1 hidden fix can be enabled with --unsafe-fixes\n");
  EXPECT_EQ(read(job), before);

  r = amllint({"--diff", "--unsafe-fixes", "job.yml"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            "--- job.yml\n+++ job.yml\n@@ -3,8 +3,8 @@\n command: >-\n   python main.py \n"
            "   --iris-csv ${{inputs.iris_csv}}\n-  --C $<<inputs.C>>\n-  --kernel "
            "${{input.kernel}}\n+  --C ${{inputs.C}}\n+  --kernel ${{inputs.kernel}}\n"
            "   --coef0 ${{inputs.coef0}}\n inputs:\n   iris_csv: \n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(read(job), before);
}

TEST_F(AmllintTest, FixAppliesOnlyTheSafeFix) {
  fs::path job = copy(kIris, "job.yml", seed_fixable);
  ProcessResult r = amllint({"--fix", "job.yml"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;  // the misspelt `input.` is left, a warning
  EXPECT_TRUE(starts_with(r.out, "job.yml:7:12: warning: ")) << r.out;
  EXPECT_TRUE(starts_with(r.err, "amllint: job.yml: fixed 1 problem: Change to `${{inputs.C}}`\n"))
      << r.err;
  EXPECT_TRUE(ends_with(r.err,
                        "No fixes available (1 hidden fix can be enabled with "
                        "--unsafe-fixes)\n"))
      << r.err;
  EXPECT_EQ(read(job), replace_once(read(kCorpus / kIris), "--kernel ${{inputs.kernel}}",
                                    "--kernel ${{input.kernel}}"));
}

TEST_F(AmllintTest, FixWithUnsafeFixesLeavesTheFileLintCleanAndByteIdenticalElsewhere) {
  fs::path job = copy(kIris, "job.yml", seed_fixable);
  ProcessResult r = amllint({"--fix", "--unsafe-fixes", "job.yml"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "amllint: job.yml: fixed 2 problems: Change to `${{inputs.C}}`; Change to `inputs`\n"
            "1 file checked, no problems found\n");
  EXPECT_EQ(read(job), read(kCorpus / kIris));  // exactly the file before the faults
}

TEST_F(AmllintTest, EveryFixOfferedAcrossTheCorpusKeepsItsYamlParsing) {
  fs::copy(kCorpus, dir_ / "corpus", fs::copy_options::recursive);
  ProcessResult fixed = amllint({"--fix", "--unsafe-fixes", "--quiet", "corpus"});
  EXPECT_LE(fixed.status, 1) << fixed.err;
  EXPECT_EQ(fixed.err.find("not applied"), std::string::npos) << fixed.err;
  ProcessResult after = amllint({"--format", "json", "corpus"});
  nlohmann::json j = nlohmann::json::parse(after.out);
  for (const auto& d : j["diagnostics"]) EXPECT_NE(d["code"], "syntax-error") << d.dump();
  EXPECT_GT(j["files"].get<int>(), 100);
}

}  // namespace
