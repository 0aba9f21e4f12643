// Everything analysis reads besides the file itself — other files, folders, configuration — goes
// through an Environment, so the server can keep what it learnt between edits and tests can run
// without a disk.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace amllint {

struct Config;
struct SnapshotStats;
struct LoadedFile;

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
  virtual void invalidate(const std::string& path) = 0;
};

// The real file system, with thread-safe caches. One instance may serve many analyses at once.
std::shared_ptr<Environment> make_disk_environment();

}  // namespace amllint
