// The output formats. Files arrive in input order, one at a time; a reporter streams them or
// gathers them until finish().
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lint_job.h"
#include "options.h"

namespace amllint::cli {

struct RunSummary {
  size_t files = 0;
  size_t errors = 0, warnings = 0, infos = 0;
  std::vector<std::string> problems;  // I/O and discovery errors, "path: reason"
  FixCounts fixable;                  // left to fix, over every file
  bool unsafe_fixes = false;          // --unsafe-fixes: unsafe fixes count as fixable
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void file(const FileResult& result) = 0;
  virtual void finish(const RunSummary& summary) = 0;
};

// What the reporters take from the command line and the environment.
struct ReportSettings {
  bool color = false;
  // junit: warnings are failures only when they fail the run (more than --max-warnings).
  std::optional<long> max_warnings;
  // github: annotate infos too; paths are made relative to `workspace` (absolute, or empty
  // for the working directory) when the file lies inside it.
  bool github_notices = false;
  std::string workspace;
  // sarif: see Options::rule_docs_url.
  std::optional<std::string> rule_docs_url;
};

// The settings for `o`; `github_workspace` is $GITHUB_WORKSPACE (null when unset).
ReportSettings report_settings(const Options& o, bool color, const char* github_workspace);

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, bool color);
std::unique_ptr<Reporter> make_json_reporter(std::FILE* out);
std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, const ReportSettings& settings);
std::unique_ptr<Reporter> make_github_reporter(std::FILE* out, const ReportSettings& settings);
std::unique_ptr<Reporter> make_junit_reporter(std::FILE* out, const ReportSettings& settings);

std::unique_ptr<Reporter> make_reporter(Format format, std::FILE* out,
                                        const ReportSettings& settings);

// The source line of `range` with a `^~~~` underline beneath it, both without a trailing
// newline; tabs are kept so the underline aligns, long lines are cut to a window around it.
struct Snippet {
  std::string line;
  std::string underline;
};
Snippet make_snippet(const Document& doc, TextRange range);

}  // namespace amllint::cli
