// Everything analysis reads besides the file itself — other files, folders, configuration — goes
// through an Environment, so the server can keep what it learnt between edits and tests can run
// without a disk.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace amllint {

struct Config;
struct SnapshotStats;
struct LoadedFile;
struct WorkspaceIndex;

// An external checker run over several texts at once (shellcheck over a file's commands): each
// text is written to a temporary file, and the files' paths follow `args` on its command line.
struct ProgramRun {
  std::string program;  // a path from Environment::find_program
  std::vector<std::string> args;
  std::vector<std::string> files;
  std::chrono::milliseconds timeout{5000};
  // Set when the run is no longer wanted (the analysis was abandoned): the program is killed
  // and the run ends as TimedOut. Null: only the timeout ends it early.
  std::shared_ptr<const std::atomic<bool>> cancel;
};

struct ProgramResult {
  enum class Status { NotRun, TimedOut, Exited };
  Status status = Status::NotRun;
  int exit_code = -1;
  std::string out;                      // standard output (standard error is discarded)
  std::vector<std::string> file_paths;  // where each of `files` was written, in order
};

class Environment {
 public:
  virtual ~Environment() = default;
  virtual bool exists(const std::string& path) = 0;
  virtual bool is_directory(const std::string& path) = 0;
  virtual std::optional<std::string> read(const std::string& path) = 0;

  // A YAML file referenced by the one being analysed (a pipeline step's component), parsed and
  // modelled once and shared; null when it cannot be read.
  virtual std::shared_ptr<const LoadedFile> load(const std::string& path) = 0;
  // The code snapshot a `code:` folder would upload; cached per folder.
  virtual std::shared_ptr<const SnapshotStats> snapshot(const std::string& folder) = 0;
  // The `.amllint.yaml` that applies to a file (found by walking up from its folder); null when
  // there is none.
  virtual std::shared_ptr<const Config> config_for(const std::string& file_path) = 0;
  // Forget what is cached about `path` (a file changed on disk); empty forgets everything.
  // Implementations call changed() too.
  virtual void invalidate(const std::string& path) = 0;
  // How many times what the environment says may have changed: findings of an analysis that
  // read it may be carried to the next analysis only while this stays the same.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // The executable a rule may run (`shellcheck`), or empty when it is not installed. By default
  // an environment runs no programs, so sandboxes and fakes need not say so.
  virtual std::string find_program(const std::string& /*name*/) { return {}; }
  virtual ProgramResult run_program(const ProgramRun& /*run*/) { return {}; }

  // The assets the project of `file_path` declares (workspace_index.h), built once per project
  // folder; null where there is no project to scan (the default: fakes and sandboxes). `config`
  // is the configuration the analysis uses: one with a `workspace:` section (given with
  // `--config`) names the workspace's assets; otherwise the `.amllint.yaml` beside the file does.
  virtual std::shared_ptr<const WorkspaceIndex> workspace_index(
      const std::string& /*file_path*/, const Config* /*config*/ = nullptr) {
    return nullptr;
  }

 protected:
  void changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::atomic<uint64_t> generation_{0};
};

// The real file system, with thread-safe caches. One instance may serve many analyses at once.
std::shared_ptr<Environment> make_disk_environment();

}  // namespace amllint
