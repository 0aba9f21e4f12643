// One file's trip through amllint: read it, analyse it, optionally fix it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze.h"
#include "config/config.h"
#include "discover.h"
#include "fixes/fix_all.h"

namespace amllint::cli {

// 1-based lines and columns in code points; the end is exclusive (the column after the range).
struct Position {
  uint32_t line = 1, column = 1, end_line = 1, end_column = 1;
};
Position locate(const Document& doc, TextRange range);

enum class FixMode { None, Write, Diff };

struct LintSettings {
  bool quiet = false;  // keep only errors in `shown`
  FixMode fix = FixMode::None;
  FixScope fix_scope = FixScope::Safe;   // --unsafe-fixes: Unsafe
  std::shared_ptr<const Config> config;  // --config; null looks one up per file
  std::shared_ptr<Environment> env;      // shared by the run's analyses; null: analyze()'s own
};

// Reads and parses a --config file; the error text is empty on success.
std::string load_config(const std::string& path, std::shared_ptr<const Config>& out);

struct FileResult {
  Input input;
  std::string io_error;         // set when the file could not be read or written
  std::optional<Document> doc;  // the text the diagnostics refer to (after fixes)
  FileKind kind = FileKind::NotAzureMl;
  std::vector<Diagnostic> shown;    // what the reporters print (errors only under --quiet)
  std::vector<Position> positions;  // parallel to `shown`
  size_t errors = 0, warnings = 0, infos = 0;  // counted before --quiet filters
  std::chrono::nanoseconds analysis_time{0};

  std::vector<std::string> fixes_applied, fixes_refused;
  std::string diff;   // --diff: the unified diff of what --fix would change
  FixCounts fixable;  // of the diagnostics left (after fixes), counted before --quiet filters
};

// Reads standard input for an Input that comes from it.
FileResult lint_input(const Input& input, const LintSettings& settings);

// Files larger than this are refused, not read: offsets are 32-bit and memory is bounded.
inline constexpr uint64_t kMaxFileBytes = 64u << 20;

}  // namespace amllint::cli
