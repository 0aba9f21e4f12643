// The Environment over the real file system. Caches are keyed by absolute path and checked
// against the file's modification time, so a long-lived server sees edits made on disk.
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

#include "config/config.h"
#include "environment.h"
#include "model/job_model.h"
#include "model/normal_path.h"
#include "model/snapshot.h"
#include "model/workspace_index.h"
#include "program_runner.h"
#include "validation/file_kind.h"

namespace amllint {
namespace {

namespace fs = std::filesystem;

// The folder of `file_path` as written, with its last `/` (`jobs/a.yml` -> `jobs/`, `a.yml` -> ""),
// so that `/a.yml` (in `/`) and `a.yml` (in the working folder) differ; nullopt when the last
// segment is not a plain name (`.` or `..` would change the folder). It stands for the folder's
// absolute, normal form, which costs a getcwd and a path normalisation to compute.
std::optional<std::string> written_folder(const std::string& file_path) {
  const size_t slash = file_path.rfind('/');
  std::string_view name =
      std::string_view(file_path).substr(slash == std::string::npos ? 0 : slash + 1);
  if (name.empty() || name == "." || name == "..") return std::nullopt;
  return file_path.substr(0, slash == std::string::npos ? 0 : slash + 1);
}

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path.empty() ? "." : path, ec);
  return normal_path((ec ? fs::path(path) : p).string());
}

fs::file_time_type mtime(const std::string& path) {
  std::error_code ec;
  auto t = fs::last_write_time(path, ec);
  return ec ? fs::file_time_type::min() : t;
}

// Referenced files can reference others (pipeline components); a cycle must end somewhere.
thread_local int load_depth = 0;
constexpr int kMaxLoadDepth = 8;

class DiskEnvironment final : public Environment {
 public:
  bool exists(const std::string& path) override {
    std::error_code ec;
    return fs::exists(path, ec);
  }

  bool is_directory(const std::string& path) override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }

  std::optional<std::string> read(const std::string& path) override {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::shared_ptr<const LoadedFile> load(const std::string& path) override {
    std::string key = absolute(path);
    auto stamp = mtime(key);
    {
      std::lock_guard lock(mutex_);
      auto it = files_.find(key);
      if (it != files_.end() && it->second.stamp == stamp) return it->second.file;
    }
    if (load_depth >= kMaxLoadDepth) return nullptr;
    auto text = read(key);
    if (!text) return nullptr;
    ++load_depth;
    auto file = std::make_shared<LoadedFile>();
    file->path = key;
    file->doc = Document(std::move(*text));
    file->tree = yaml::parse(file->doc);
    const yaml::Node* root = file->tree.root;
    std::string_view type;
    if (root && root->is_mapping())
      if (const yaml::Node* t = root->get("type")) type = t->text();
    // Whatever its `$schema` says, a file a step runs is a component.
    file->kind = component_kind_for_type(type);
    file->model = build_job_model(file->doc, root, file->kind, key, *this);
    --load_depth;
    std::lock_guard lock(mutex_);
    files_[key] = {stamp, file};
    return file;
  }

  std::shared_ptr<const SnapshotStats> snapshot(const std::string& folder) override {
    std::string key = absolute(folder);
    auto stamp = mtime(key);
    {
      std::lock_guard lock(mutex_);
      auto it = snapshots_.find(key);
      if (it != snapshots_.end() && it->second.stamp == stamp) return it->second.stats;
    }
    auto stats = std::make_shared<const SnapshotStats>(measure_snapshot(key));
    std::lock_guard lock(mutex_);
    snapshots_[key] = {stamp, stats};
    return stats;
  }

  std::shared_ptr<const Config> config_for(const std::string& file_path) override {
    // Asked for every file: the folder as written stands for its absolute form (written_folder).
    std::optional<std::string> written = written_folder(file_path);
    if (written) {
      std::lock_guard lock(mutex_);
      auto it = config_dirs_.find(*written);
      if (it != config_dirs_.end()) return config_in(it->second);
    }
    fs::path dir = fs::path(absolute_path(file_path)).parent_path();
    std::lock_guard lock(mutex_);
    if (written) config_dirs_.emplace(std::move(*written), dir);
    return config_in(dir);
  }

  std::string find_program(const std::string& name) override {
    std::lock_guard lock(mutex_);
    auto it = programs_.find(name);
    if (it == programs_.end()) it = programs_.emplace(name, find_executable(name)).first;
    return it->second;
  }

  ProgramResult run_program(const ProgramRun& run) override { return run_with_files(run); }

  std::shared_ptr<const WorkspaceIndex> workspace_index(const std::string& file_path,
                                                        const Config* given) override {
    std::shared_ptr<const Config> found;
    const Config* config = names_workspace(given) ? given : nullptr;
    if (!config) {
      found = config_for(file_path);
      config = found.get();
    }
    const std::string config_key = '\0' + (config ? config->path : std::string());
    // Asked for every file: the index of a folder as written (as in config_for) is remembered,
    // which spares the walk up to the `.git` folder (a stat per folder) and the path arithmetic.
    std::optional<std::string> folder_key;
    if (std::optional<std::string> written = written_folder(file_path))
      folder_key = *written + config_key;
    if (folder_key) {
      std::lock_guard lock(mutex_);
      auto it = folder_indexes_.find(*folder_key);
      if (it != folder_indexes_.end()) return it->second;
    }
    const std::string root = workspace_root(file_path, config);
    const std::string key = root + config_key;
    auto known = [&]() -> std::shared_ptr<const WorkspaceIndex> {
      std::lock_guard lock(mutex_);
      auto it = indexes_.find(key);
      if (it == indexes_.end()) return nullptr;
      if (folder_key) folder_indexes_.emplace(*folder_key, it->second);
      return it->second;
    };
    if (auto index = known()) return index;
    // One scan per project folder, even when many files of it are analysed at once.
    std::lock_guard build(index_mutex_);
    if (auto index = known()) return index;
    auto index = std::make_shared<const WorkspaceIndex>(build_workspace_index(root, config));
    std::lock_guard lock(mutex_);
    indexes_[key] = index;
    if (folder_key) folder_indexes_.emplace(*folder_key, index);
    return index;
  }

  void invalidate(const std::string& path) override {
    changed();
    std::lock_guard lock(mutex_);
    if (path.empty()) {
      files_.clear();
      snapshots_.clear();
      configs_.clear();
      config_dirs_.clear();
      indexes_.clear();
      folder_indexes_.clear();
      return;
    }
    // Any YAML file may be an asset spec, or the config that lists workspace names.
    if (std::string ext = fs::path(path).extension().string(); ext == ".yml" || ext == ".yaml") {
      indexes_.clear();
      folder_indexes_.clear();
    }
    std::string key = absolute_path(path);
    files_.erase(key);
    // A changed file inside a code folder changes that folder's snapshot.
    std::erase_if(snapshots_, [&](const auto& kv) { return key.rfind(kv.first, 0) == 0; });
    configs_.clear();
  }

 private:
  // Walks up to the first folder holding a config file; remembers the answer for every folder.
  std::shared_ptr<const Config> config_in(const fs::path& dir) {
    auto it = configs_.find(dir.string());
    if (it != configs_.end()) return it->second;
    std::shared_ptr<const Config> found;
    for (std::string_view name : kConfigFileNames) {
      fs::path candidate = dir / name;
      if (auto text = read(candidate.string())) {
        found = std::make_shared<const Config>(parse_config(*text, candidate.string()));
        break;
      }
    }
    if (!found && dir.has_parent_path() && dir.parent_path() != dir)
      found = config_in(dir.parent_path());
    configs_[dir.string()] = found;
    return found;
  }

  // absolute_path(path), from the folder's absolute form remembered by the folder as written
  // (written_folder): a path normalisation per file loaded costs more than reading a small one.
  // The folder of a plain name normalises on its own, so folder + name is the path's own form.
  std::string absolute(const std::string& path) {
    std::optional<std::string> written = written_folder(path);
    if (!written) return absolute_path(path);
    const std::string_view name = std::string_view(path).substr(written->size());
    {
      std::lock_guard lock(folders_mutex_);
      if (auto it = absolute_folders_.find(*written); it != absolute_folders_.end())
        return it->second + std::string(name);
    }
    std::string whole = absolute_path(path);
    std::string folder = whole.substr(0, whole.size() - name.size());
    if (whole.size() >= name.size() && std::string_view(whole).substr(folder.size()) == name &&
        folder.ends_with('/')) {
      std::lock_guard lock(folders_mutex_);
      absolute_folders_.emplace(std::move(*written), std::move(folder));
    }
    return whole;
  }

  struct CachedFile {
    fs::file_time_type stamp;
    std::shared_ptr<const LoadedFile> file;
  };
  struct CachedSnapshot {
    fs::file_time_type stamp;
    std::shared_ptr<const SnapshotStats> stats;
  };

  std::mutex mutex_;
  std::mutex folders_mutex_;                                          // for absolute_folders_ only
  std::map<std::string, std::string, std::less<>> absolute_folders_;  // as written -> absolute
  std::map<std::string, CachedFile> files_;
  std::map<std::string, CachedSnapshot> snapshots_;
  std::map<std::string, std::shared_ptr<const Config>> configs_;
  std::map<std::string, fs::path, std::less<>> config_dirs_;  // folder as written -> absolute
  std::map<std::string, std::string> programs_;               // name -> path found on PATH, or ""
  std::mutex index_mutex_;                                    // held while an index is built
  std::map<std::string, std::shared_ptr<const WorkspaceIndex>> indexes_;  // by project root
  // The same indexes by the folder of a file as written (written_folder) and the config.
  std::map<std::string, std::shared_ptr<const WorkspaceIndex>> folder_indexes_;
};

}  // namespace

std::shared_ptr<Environment> make_disk_environment() {
  return std::make_shared<DiskEnvironment>();
}

}  // namespace amllint
