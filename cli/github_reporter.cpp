// --format github: workflow commands that GitHub Actions turns into annotations on the diff.
// GitHub shows only a handful of annotations of each kind per step, so infos (advice) are left
// out unless --github-notices asks for them. Annotation paths must be relative to the
// repository, which actions/checkout puts at $GITHUB_WORKSPACE: paths are made relative to it.
#include <fmt/format.h>

#include <filesystem>

#include "reporter.h"

namespace amllint::cli {
namespace {

// The escapes of the Actions toolkit (toolkit/packages/core/src/command.ts).
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

const char* command_for(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "error";
}

// `path` relative to `root` when it lies inside it; otherwise (or for stdin without a name)
// as given, which GitHub cannot place but the message still shows.
std::string workspace_path(const Input& input, const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  if (input.from_stdin && input.path == "<stdin>") return input.path;
  std::error_code ec;
  const fs::path file = fs::absolute(input.path, ec).lexically_normal();
  if (ec) return input.path;
  const fs::path rel = file.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return input.path;
  return rel.generic_string();
}

class GithubReporter : public Reporter {
 public:
  GithubReporter(std::FILE* out, const ReportSettings& settings)
      : out_(out), notices_(settings.github_notices) {
    std::error_code ec;
    root_ = std::filesystem::absolute(settings.workspace.empty()
                                          ? std::filesystem::path(".")
                                          : std::filesystem::path(settings.workspace),
                                      ec)
                .lexically_normal();
    // "/w/." normalises to "/w/", whose empty last element would make every path "../…".
    if (root_.filename().empty() && root_.has_relative_path()) root_ = root_.parent_path();
  }

  void file(const FileResult& r) override {
    const std::string file = escape_property(workspace_path(r.input, root_));
    for (size_t i = 0; i < r.shown.size(); ++i) {
      const Diagnostic& d = r.shown[i];
      if (d.severity == Severity::Info && !notices_) continue;
      const Position& p = r.positions[i];
      fmt::print(out_, "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                 command_for(d.severity), file, p.line, p.column, p.end_line, p.end_column,
                 escape_property("amllint (" + d.code + ")"), escape_data(d.message));
    }
  }

  void finish(const RunSummary& s) override {
    for (const std::string& problem : s.problems)
      fmt::print(out_, "::error::{}\n", escape_data(problem));
  }

 private:
  std::FILE* out_;
  bool notices_;
  std::filesystem::path root_;  // absolute, normalised
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter(std::FILE* out, const ReportSettings& settings) {
  return std::make_unique<GithubReporter>(out, settings);
}

}  // namespace amllint::cli
