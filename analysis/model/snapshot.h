// Measures what `az ml job create` would upload from a `code` folder: files and bytes left after
// `.amlignore` (or, when absent, `.gitignore`) exclusion, including ignore files in subfolders.
// The walk never leaves the folder through a symlink and stops at a deadline or file budget, in
// which case the counts are lower bounds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace amllint {

// The documented snapshot limits (FACTS.md §6).
inline constexpr uint64_t kSnapshotMaxBytes = 300ull * 1024 * 1024;
inline constexpr uint64_t kSnapshotMaxFiles = 2000;

struct SnapshotOptions {
  uint32_t deadline_ms = 2000;              // wall-clock budget for the whole walk
  uint64_t max_entries = 50000;             // files and folders visited, counted or not
  uint64_t large_file_bytes = 1024 * 1024;  // files at least this big are listed as data-like
  size_t max_data_files = 100;              // how many data-like files to list
};

struct DataFile {
  std::string path;  // relative to the code folder, '/'-separated
  uint64_t bytes = 0;
  std::string reason;  // "data extension .csv" or "large file"
};

struct SnapshotStats {
  uint64_t files = 0;  // counted (not ignored) files
  uint64_t bytes = 0;
  uint64_t ignored_entries = 0;
  // False when the walk stopped early: then `files` and `bytes` are lower bounds.
  bool complete = true;
  std::string stop_reason;
  std::string ignore_file;  // ".amlignore", ".gitignore" or "" (the root folder's choice)
  std::vector<DataFile> data_files;
  size_t data_files_total = 0;              // including those beyond max_data_files
  std::vector<std::string> external_links;  // symlinks that point out of the folder (not counted)
  std::vector<std::string> unreadable;      // folders or files that could not be read

  bool over_limit() const { return bytes > kSnapshotMaxBytes || files > kSnapshotMaxFiles; }
};

// `root` is the code folder. A regular file as `root` counts as a one-file snapshot.
SnapshotStats measure_snapshot(const std::string& root, const SnapshotOptions& options = {});

// True for extensions that hold data rather than code: tables, arrays, archives, media, model
// weights. `name` is a file name or path.
bool is_data_like_name(const std::string& name);

}  // namespace amllint
