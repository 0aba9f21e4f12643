#include "program_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>

extern char** environ;

namespace amllint {

namespace {
constexpr int64_t kCancelSliceMs = 50;
}  // namespace
namespace {

namespace fs = std::filesystem;

// More output than this is a runaway program: stop reading (and kill it).
constexpr size_t kMaxOutput = 16u << 20;

bool is_executable(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// Removes the temporary folder whatever happens to the run.
struct TempDir {
  std::string path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

}  // namespace

std::string find_executable(const std::string& name) {
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return is_executable(name) ? name : std::string();
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t colon = dirs.find(':', start);
    std::string dir =
        dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
    if (is_executable(candidate)) return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return {};
}

ProgramResult run_with_files(const ProgramRun& run) {
  ProgramResult result;
  std::error_code ec;
  std::string pattern = (fs::temp_directory_path(ec) / "amllint-run-XXXXXX").string();
  if (ec || !::mkdtemp(pattern.data())) return result;
  TempDir dir{pattern};
  for (size_t i = 0; i < run.files.size(); ++i) {
    std::string file = dir.path + "/" + std::to_string(i) + ".sh";
    std::ofstream out(file, std::ios::binary);
    out << run.files[i];
    if (!out) return result;
    result.file_paths.push_back(file);
  }

  std::vector<std::string> argv_text{run.program};
  argv_text.insert(argv_text.end(), run.args.begin(), run.args.end());
  argv_text.insert(argv_text.end(), result.file_paths.begin(), result.file_paths.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int spawned = ::posix_spawn(&pid, run.program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return result;
  }

  const auto deadline = std::chrono::steady_clock::now() + run.timeout;
  bool timed_out = false;
  char buffer[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || (run.cancel && run.cancel->load(std::memory_order_relaxed))) {
      timed_out = true;
      break;
    }
    // In slices, so that a cancelled run ends within one of them.
    pollfd p{pipe_fds[0], POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), kCancelSliceMs)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;
    if (ready < 0) {
      timed_out = false;
      break;
    }
    ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.out.append(buffer, static_cast<size_t>(n));
    if (result.out.size() > kMaxOutput) {
      timed_out = true;  // treated like a hang: its findings cannot be trusted
      break;
    }
  }
  ::close(pipe_fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    result.status = ProgramResult::Status::TimedOut;
    result.out.clear();
    return result;
  }
  result.status = ProgramResult::Status::Exited;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace amllint
