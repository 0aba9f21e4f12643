// --format github: workflow commands that GitHub Actions turns into annotations on the diff.
#include <fmt/format.h>

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

class GithubReporter : public Reporter {
 public:
  explicit GithubReporter(std::FILE* out) : out_(out) {}

  void file(const FileResult& r) override {
    const std::string file = escape_property(r.input.path);
    for (size_t i = 0; i < r.shown.size(); ++i) {
      const Diagnostic& d = r.shown[i];
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
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter(std::FILE* out) {
  return std::make_unique<GithubReporter>(out);
}

}  // namespace amllint::cli
