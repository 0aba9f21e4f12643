#include "lint_environment.h"

#include "ordered_pool.h"

namespace amllint::cli {
namespace {

class LintEnvironment final : public Environment {
 public:
  explicit LintEnvironment(std::shared_ptr<Environment> disk) : disk_(std::move(disk)) {}

  bool exists(const std::string& path) override { return disk_->exists(path); }
  bool is_directory(const std::string& path) override { return disk_->is_directory(path); }
  std::optional<std::string> read(const std::string& path) override { return disk_->read(path); }
  std::shared_ptr<const LoadedFile> load(const std::string& path) override {
    return disk_->load(path);
  }
  std::shared_ptr<const SnapshotStats> snapshot(const std::string& folder) override {
    return disk_->snapshot(folder);
  }
  std::shared_ptr<const Config> config_for(const std::string& file_path) override {
    return disk_->config_for(file_path);
  }
  void invalidate(const std::string& path) override {
    disk_->invalidate(path);
    changed();
  }
  std::string find_program(const std::string& name) override { return disk_->find_program(name); }
  ProgramResult run_program(const ProgramRun& run) override {
    OffCpu waiting;
    return disk_->run_program(run);
  }
  std::shared_ptr<const WorkspaceIndex> workspace_index(const std::string& file_path,
                                                        const Config* config) override {
    return disk_->workspace_index(file_path, config);
  }

 private:
  std::shared_ptr<Environment> disk_;
};

}  // namespace

std::shared_ptr<Environment> make_lint_environment() {
  return std::make_shared<LintEnvironment>(make_disk_environment());
}

}  // namespace amllint::cli
