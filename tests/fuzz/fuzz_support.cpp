#include "fuzz_support.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/config.h"
#include "model/job_model.h"
#include "model/snapshot.h"
#include "syntax/document.h"

namespace fs = std::filesystem;

namespace amllint::fuzz {
namespace {

void write(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

constexpr const char* kComponent = R"(
$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
type: command
name: train
version: 1
inputs:
  data: {type: uri_folder}
  rate: {type: number, default: 0.1, optional: true}
outputs:
  model: {type: mlflow_model}
code: ./src
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
command: python train.py --data ${{inputs.data}} $[[--rate ${{inputs.rate}}]] --model ${{outputs.model}}
)";

// Reads through the real disk environment, but only below the sandbox root: anything else looks
// absent, as if the fuzzed document were alone in its project.
class SandboxEnvironment final : public Environment {
 public:
  explicit SandboxEnvironment(std::string root)
      : root_(std::move(root)), disk_(make_disk_environment()) {}

  bool exists(const std::string& path) override { return inside(path) && disk_->exists(path); }
  bool is_directory(const std::string& path) override {
    return inside(path) && disk_->is_directory(path);
  }
  std::optional<std::string> read(const std::string& path) override {
    if (!inside(path)) return std::nullopt;
    return disk_->read(path);
  }
  std::shared_ptr<const LoadedFile> load(const std::string& path) override {
    return inside(path) ? disk_->load(path) : nullptr;
  }
  std::shared_ptr<const SnapshotStats> snapshot(const std::string& folder) override {
    if (inside(folder)) return disk_->snapshot(folder);
    // An empty folder: what a missing one would upload.
    return std::make_shared<const SnapshotStats>();
  }
  std::shared_ptr<const Config> config_for(const std::string&) override { return nullptr; }
  void invalidate(const std::string& path) override {
    changed();
    disk_->invalidate(path);
  }

 private:
  bool inside(const std::string& path) const {
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(path), ec).lexically_normal();
    if (ec) return false;
    std::string s = p.string();
    return s == root_ || (s.size() > root_.size() && s.compare(0, root_.size(), root_) == 0 &&
                          s[root_.size()] == '/');
  }

  std::string root_;
  std::shared_ptr<Environment> disk_;
};

Sandbox make_sandbox() {
  std::string pattern = (fs::temp_directory_path() / "amllint-fuzz-XXXXXX").string();
  if (!mkdtemp(pattern.data())) fail(__FILE__, __LINE__, "mkdtemp", pattern);
  fs::path root = fs::path(pattern).lexically_normal();
  write(root / "component.yml", kComponent);
  write(root / "src" / "train.py", "import sys\nprint(sys.argv)\n");
  write(root / "src" / ".amlignore", "*.csv\n!keep.csv\n**/__pycache__/\nlogs/\n");
  write(root / "src" / "data.csv", "a,b\n1,2\n");
  write(root / "src" / "keep.csv", "a,b\n");
  write(root / "src" / "weights.pt", "");
  write(root / "src" / "logs" / "run.log", "x\n");
  write(root / "data" / "iris.csv", "a,b\n");
  Sandbox s;
  s.root = root.string();
  s.job_path = (root / "job.yml").string();
  s.env = std::make_shared<SandboxEnvironment>(s.root);
  // Leave no folder behind after a normal end (a crash keeps it, with its input).
  static std::string to_remove = s.root;
  std::atexit([] {
    std::error_code ec;
    fs::remove_all(to_remove, ec);
  });
  return s;
}

}  // namespace

void fail(const char* file, int line, const char* condition, const std::string& detail) {
  std::fprintf(stderr, "\n%s:%d: fuzz check failed: %s\n%s\n", file, line, condition,
               detail.c_str());
  std::fflush(stderr);
  std::abort();
}

const Sandbox& sandbox() {
  static const Sandbox s = make_sandbox();
  return s;
}

AnalysisOptions sandbox_options() {
  AnalysisOptions o;
  o.path = sandbox().job_path;
  o.env = sandbox().env;
  // Replaces the `.amllint.yaml` lookup: every rule at its default severity.
  static const auto no_config = std::make_shared<const Config>();
  o.config = no_config;
  return o;
}

void check_range(TextRange r, size_t size, const std::string& what) {
  FUZZ_CHECK(r.begin <= r.end && r.end <= size, what + " [" + std::to_string(r.begin) + ", " +
                                                    std::to_string(r.end) + ") of " +
                                                    std::to_string(size));
}

void check_diagnostics(const Document& doc, const Analysis& analysis) {
  for (const Diagnostic& d : analysis.diagnostics) {
    std::string where = d.code + " [" + std::to_string(d.range.begin) + ", " +
                        std::to_string(d.range.end) + ") in " + std::to_string(doc.size()) +
                        " bytes: " + d.message;
    FUZZ_CHECK(d.range.begin <= d.range.end && d.range.end <= doc.size(), where);
    FUZZ_CHECK(!d.message.empty() && !d.code.empty(), where);
    for (const Fix& f : d.fixes) {
      FUZZ_CHECK(!f.title.empty(), where);
      for (const TextEdit& e : f.edits)
        FUZZ_CHECK(e.range.begin <= e.range.end && e.range.end <= doc.size(),
                   where + "; fix `" + f.title + "` edits [" + std::to_string(e.range.begin) +
                       ", " + std::to_string(e.range.end) + ")");
    }
  }
}

Picker::Picker(std::string_view seed_text) : state_(0x9E3779B97F4A7C15ull) {
  for (unsigned char c : seed_text) state_ = (state_ ^ c) * 0x100000001B3ull;
}

uint64_t Picker::next() {
  // splitmix64
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace amllint::fuzz
