#include "model/snapshot.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "config/ignore_rules.h"

namespace amllint {
namespace fs = std::filesystem;

namespace {

std::string lower_extension(const std::string& name) {
  size_t slash = name.find_last_of('/');
  size_t dot = name.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash) ||
      dot + 1 == name.size()) {
    return "";
  }
  std::string ext = name.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

bool is_within(const fs::path& canonical_root, const fs::path& canonical_target) {
  auto r = canonical_root.begin();
  auto t = canonical_target.begin();
  for (; r != canonical_root.end(); ++r, ++t) {
    if (t == canonical_target.end() || *r != *t) return false;
  }
  return true;
}

class Walker {
 public:
  Walker(const fs::path& root, const SnapshotOptions& options)
      : root_(root),
        options_(options),
        deadline_(std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(options.deadline_ms)) {
    std::error_code ec;
    canonical_root_ = fs::canonical(root, ec);
    if (ec) canonical_root_ = fs::absolute(root, ec);
  }

  SnapshotStats run() {
    stats_.ignore_file = load_ignore_file(root_, "");
    walk(root_, "");
    return std::move(stats_);
  }

 private:
  // Loads the folder's ignore file (.amlignore wins over .gitignore); returns its name or "".
  std::string load_ignore_file(const fs::path& dir, const std::string& rel) {
    for (const char* name : {".amlignore", ".gitignore"}) {
      std::error_code ec;
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) {
        std::string text;
        if (read_file(candidate, text)) {
          rules_.add(text, rel);
          return name;
        }
        stats_.unreadable.push_back(rel + name);
      }
    }
    return "";
  }

  bool out_of_budget() {
    if (!stats_.complete) return true;
    if (++visited_ > options_.max_entries) {
      stop("stopped after visiting " + std::to_string(options_.max_entries) + " entries");
      return true;
    }
    // The clock is cheap but not free; look at it every 64 entries.
    if ((visited_ & 63) == 0 && std::chrono::steady_clock::now() > deadline_) {
      stop("stopped at the " + std::to_string(options_.deadline_ms) + " ms time budget");
      return true;
    }
    return false;
  }

  void stop(std::string reason) {
    stats_.complete = false;
    stats_.stop_reason = std::move(reason);
  }

  void count_file(const std::string& rel, uint64_t bytes) {
    ++stats_.files;
    stats_.bytes += bytes;
    std::string reason;
    std::string ext = lower_extension(rel);
    if (is_data_like_name(rel)) {
      reason = "data extension ." + ext;
    } else if (bytes >= options_.large_file_bytes) {
      reason = "large file";
    }
    if (reason.empty()) return;
    ++stats_.data_files_total;
    if (stats_.data_files.size() < options_.max_data_files) {
      stats_.data_files.push_back({rel, bytes, std::move(reason)});
    }
  }

  void walk(const fs::path& dir, const std::string& rel_dir) {
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      stats_.unreadable.push_back(rel_dir.empty() ? "." : rel_dir);
      return;
    }
    // Sorted so that a budget cut is reproducible.
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const fs::directory_entry& entry : entries) {
      if (out_of_budget()) return;
      std::string name = entry.path().filename().string();
      std::string rel = rel_dir + name;
      bool is_link = entry.is_symlink(ec);
      bool is_dir = !is_link && entry.is_directory(ec);
      if (rules_.ignored(rel, is_dir || (is_link && fs::is_directory(entry.path(), ec)))) {
        ++stats_.ignored_entries;
        continue;
      }
      if (is_link) {
        link(entry, rel);
      } else if (is_dir) {
        // A subfolder's ignore file applies only below it: drop its patterns on the way out.
        size_t before = rules_.patterns().size();
        load_ignore_file(entry.path(), rel + "/");
        walk(entry.path(), rel + "/");
        rules_.truncate(before);
      } else if (entry.is_regular_file(ec)) {
        uint64_t size = entry.file_size(ec);
        if (ec) {
          stats_.unreadable.push_back(rel);
          continue;
        }
        count_file(rel, size);
      }
    }
  }

  // A symlink is counted only when it stays inside the folder; linked folders are not entered,
  // which also rules out cycles.
  void link(const fs::directory_entry& entry, const std::string& rel) {
    std::error_code ec;
    fs::path target = fs::canonical(entry.path(), ec);
    if (ec || !is_within(canonical_root_, target)) {
      stats_.external_links.push_back(rel);
      return;
    }
    if (fs::is_regular_file(target, ec)) {
      uint64_t size = fs::file_size(target, ec);
      if (!ec) count_file(rel, size);
    }
  }

  fs::path root_;
  fs::path canonical_root_;
  SnapshotOptions options_;
  std::chrono::steady_clock::time_point deadline_;
  IgnoreRules rules_;
  SnapshotStats stats_;
  uint64_t visited_ = 0;
};

}  // namespace

bool is_data_like_name(const std::string& name) {
  static constexpr std::array<std::string_view, 44> kDataExtensions = {
      "csv",  "tsv", "parquet", "feather", "arrow",       "avro",     "orc",    "jsonl",  "ndjson",
      "xlsx", "xls", "npy",     "npz",     "h5",          "hdf5",     "pkl",    "pickle", "joblib",
      "pt",   "pth", "ckpt",    "onnx",    "safetensors", "tfrecord", "zip",    "tar",    "gz",
      "tgz",  "7z",  "bz2",     "png",     "jpg",         "jpeg",     "gif",    "bmp",    "tif",
      "tiff", "wav", "mp3",     "mp4",     "avi",         "db",       "sqlite", "mdb"};
  std::string ext = lower_extension(name);
  return !ext.empty() &&
         std::find(kDataExtensions.begin(), kDataExtensions.end(), ext) != kDataExtensions.end();
}

SnapshotStats measure_snapshot(const std::string& root, const SnapshotOptions& options) {
  std::error_code ec;
  fs::path path(root);
  if (fs::is_regular_file(path, ec)) {
    SnapshotStats stats;
    stats.files = 1;
    stats.bytes = fs::file_size(path, ec);
    return stats;
  }
  if (!fs::is_directory(path, ec)) {
    SnapshotStats stats;
    stats.unreadable.push_back(root);
    return stats;
  }
  return Walker(path, options).run();
}

}  // namespace amllint
