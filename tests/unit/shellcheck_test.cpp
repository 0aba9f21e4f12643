// The shellcheck rule's plumbing: the script it hands over, one shellcheck process per file, the
// cache per command text, and silence when shellcheck is missing or too slow. The findings
// themselves are in tests/fixtures/rules/shellcheck/. Runs the real shellcheck through a
// counting Environment; skipped where shellcheck is not installed.
#include "external/shellcheck.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "environment.h"
#include "program_runner.h"
#include "test_support.h"

using namespace amllint;

namespace {

class CountingEnvironment final : public Environment {
 public:
  bool exists(const std::string& p) override { return disk_->exists(p); }
  bool is_directory(const std::string& p) override { return disk_->is_directory(p); }
  std::optional<std::string> read(const std::string& p) override { return disk_->read(p); }
  std::shared_ptr<const LoadedFile> load(const std::string& p) override { return disk_->load(p); }
  std::shared_ptr<const SnapshotStats> snapshot(const std::string& f) override {
    return disk_->snapshot(f);
  }
  std::shared_ptr<const Config> config_for(const std::string&) override { return nullptr; }
  void invalidate(const std::string& p) override {
    changed();
    disk_->invalidate(p);
  }
  std::string find_program(const std::string& name) override {
    return installed ? disk_->find_program(name) : std::string();
  }
  ProgramResult run_program(const ProgramRun& run) override {
    ++runs;
    files += run.files.size();
    if (time_out) {
      ProgramResult r;
      r.status = ProgramResult::Status::TimedOut;
      return r;
    }
    return disk_->run_program(run);
  }

  bool installed = true;
  bool time_out = false;
  int runs = 0;
  size_t files = 0;

 private:
  std::shared_ptr<Environment> disk_ = make_disk_environment();
};

struct Result {
  Document doc;
  std::vector<Diagnostic> findings;
};

Result lint(const std::string& text, const std::shared_ptr<CountingEnvironment>& env) {
  Result r{Document(text), {}};
  AnalysisOptions options;
  options.env = env;
  for (Diagnostic& d : analyze(r.doc, options).diagnostics)
    if (d.code == "shellcheck") r.findings.push_back(std::move(d));
  return r;
}

// A pipeline whose three inline steps each have one unquoted variable; `tag` keeps the command
// texts of one test out of the process-wide cache of the others.
std::string pipeline(const std::string& tag) {
  std::string text =
      "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
      "type: pipeline\njobs:\n";
  for (const char* step : {"a", "b", "c"})
    text += std::string("  ") + step + ":\n    command: echo " + tag + step + " $V" + step +
            "\n    environment: azureml:e:1\n";
  return text;
}

bool have_shellcheck() {
  return !shellcheck_program(*make_disk_environment()).empty();
}

}  // namespace

TEST(Shellcheck, BindingsBecomeWordsOfTheSameLengthAndBlocksLoseOnlyTheirBrackets) {
  std::vector<TextRange> placeholders;
  std::string value = "run ${{inputs.a}} $[[--b ${{inputs.b}}]] {inputs.c} ${inputs.d} $E";
  std::string script = command_script(value, &placeholders);
  EXPECT_EQ(script, "run xxxxxxxxxxxxx    --b xxxxxxxxxxxxx   xxxxxxxxxx ${inputs.d} $E");
  ASSERT_EQ(script.size(), value.size());
  ASSERT_EQ(placeholders.size(), 3u);
  EXPECT_EQ(value.substr(placeholders[0].begin, placeholders[0].end - placeholders[0].begin),
            "{inputs.c}");
  // Newlines inside a binding stay, so that the lines after it keep their numbers.
  EXPECT_EQ(command_script("a ${{ inputs.x\n}} b"), "a xxxxxxxxxxxx\nxx b");
}

TEST(Shellcheck, AllCommandsOfAFileGoToOneShellcheckProcess) {
  if (!have_shellcheck()) GTEST_SKIP() << "shellcheck is not installed";
  auto env = std::make_shared<CountingEnvironment>();
  Result r = lint(pipeline("one"), env);
  EXPECT_EQ(env->runs, 1);
  EXPECT_EQ(env->files, 3u);
  ASSERT_EQ(r.findings.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const Diagnostic& d = r.findings[i];
    std::string var = std::string("$V") + "abc"[i];
    EXPECT_EQ(r.doc.text().substr(d.range.begin, d.range.end - d.range.begin), var);
    EXPECT_EQ(d.severity, Severity::Info);
    EXPECT_EQ(d.message, "SC2086: Double quote to prevent globbing and word splitting.");
  }
}

TEST(Shellcheck, UnchangedCommandsAreNotCheckedAgain) {
  if (!have_shellcheck()) GTEST_SKIP() << "shellcheck is not installed";
  auto env = std::make_shared<CountingEnvironment>();
  std::string text = pipeline("two");
  Result first = lint(text, env);
  Result again = lint(text, env);
  EXPECT_EQ(env->runs, 1);
  EXPECT_EQ(again.findings.size(), first.findings.size());
  // One command edited: only it is checked.
  std::string edited = text;
  edited.replace(edited.find("$Vb"), 3, "\"$Vb\"");
  Result after_edit = lint(edited, env);
  EXPECT_EQ(env->runs, 2);
  EXPECT_EQ(env->files, 4u);
  EXPECT_EQ(after_edit.findings.size(), 2u);
}

TEST(Shellcheck, SilentWhenShellcheckIsMissingOrTooSlow) {
  auto absent = std::make_shared<CountingEnvironment>();
  absent->installed = false;
  EXPECT_TRUE(lint(pipeline("three"), absent).findings.empty());
  EXPECT_EQ(absent->runs, 0);
  EXPECT_NE(shellcheck_availability(*absent).find("not found"), std::string::npos);

  if (!have_shellcheck()) GTEST_SKIP() << "shellcheck is not installed";
  auto slow = std::make_shared<CountingEnvironment>();
  slow->time_out = true;
  EXPECT_TRUE(lint(pipeline("four"), slow).findings.empty());
  EXPECT_EQ(slow->runs, 1);
}

TEST(ProgramRunner, FilesArePassedAfterTheArgumentsAndRemovedAfterwards) {
  ProgramRun run;
  run.program = find_executable("cat");
  ASSERT_FALSE(run.program.empty());
  run.files = {"first\n", "second\n"};
  ProgramResult r = run_with_files(run);
  EXPECT_EQ(r.status, ProgramResult::Status::Exited);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "first\nsecond\n");
  ASSERT_EQ(r.file_paths.size(), 2u);
  EXPECT_FALSE(std::filesystem::exists(r.file_paths[0]));
}

TEST(ProgramRunner, AProgramThatOverrunsItsTimeIsKilled) {
  ProgramRun run;
  run.program = find_executable("sleep");
  ASSERT_FALSE(run.program.empty());
  run.args = {"30"};
  run.timeout = std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  ProgramResult r = run_with_files(run);
  EXPECT_EQ(r.status, ProgramResult::Status::TimedOut);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(find_executable("no-such-program-amllint").empty());
}

// An abandoned analysis must not keep its worker waiting on a program for the whole timeout.
TEST(ProgramRunner, ACancelledRunKillsTheProgramWithoutWaitingForItsTimeout) {
  ProgramRun run;
  run.program = find_executable("sleep");
  ASSERT_FALSE(run.program.empty());
  run.args = {"30"};
  run.timeout = std::chrono::seconds(30);
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  run.cancel = cancel;
  std::thread canceller([cancel] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel->store(true);
  });
  auto start = std::chrono::steady_clock::now();
  ProgramResult r = run_with_files(run);
  canceller.join();
  EXPECT_EQ(r.status, ProgramResult::Status::TimedOut);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}
