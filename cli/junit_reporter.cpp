// --format junit: one <testsuite> per file and one <testcase> per diagnostic, the shape CI
// test-report viewers (Jenkins, GitLab, Azure Pipelines) display. A report is red exactly when
// the run fails: errors are <failure>s; warnings are <failure>s only when there are more than
// --max-warnings (the exit status is then 1 too), else passing cases whose <system-out> says
// what was found; infos are always passing cases with <system-out>.
#include <fmt/format.h>

#include "reporter.h"
#include "terminal.h"

namespace amllint::cli {
namespace {

// XML 1.0 cannot carry most control characters even escaped; printable() replaces them.
std::string xml(std::string_view s) {
  std::string out;
  for (char c : printable(s)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Case {
  Severity severity;
  std::string name;  // escaped, like every string below
  std::string message;
  std::string line;  // "path:line:col: severity: message [code]"
};

struct Suite {
  std::string path;
  std::string io_error;
  std::vector<Case> cases;
};

class JunitReporter : public Reporter {
 public:
  JunitReporter(std::FILE* out, const ReportSettings& settings)
      : out_(out), max_warnings_(settings.max_warnings) {}

  void file(const FileResult& r) override {
    Suite& suite = suites_.emplace_back();
    suite.path = xml(r.input.path);
    suite.io_error = xml(r.io_error);
    if (!r.io_error.empty()) return;
    for (size_t i = 0; i < r.shown.size(); ++i) {
      const Diagnostic& d = r.shown[i];
      const Position& p = r.positions[i];
      suite.cases.push_back({d.severity,
                             fmt::format("{}:{}:{} {}", suite.path, p.line, p.column, xml(d.code)),
                             xml(d.message),
                             fmt::format("{}:{}:{}: {}: {} [{}]", suite.path, p.line, p.column,
                                         severity_name(d.severity), xml(d.message), xml(d.code))});
    }
  }

  void finish(const RunSummary& s) override {
    const bool warnings_fail = max_warnings_ && s.warnings > static_cast<size_t>(*max_warnings_);
    auto fails = [&](const Case& c) {
      return c.severity == Severity::Error || (c.severity == Severity::Warning && warnings_fail);
    };
    std::string body;
    size_t tests = 0, failures = 0, errors = 0;
    for (const Suite& suite : suites_) {
      if (!suite.io_error.empty()) {
        ++tests;
        ++errors;
        body += fmt::format(
            "  <testsuite name=\"{0}\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
            "    <testcase name=\"{0}\" classname=\"amllint\">\n"
            "      <error message=\"{1}\"/>\n    </testcase>\n  </testsuite>\n",
            suite.path, suite.io_error);
        continue;
      }
      size_t suite_failures = 0;
      for (const Case& c : suite.cases) suite_failures += fails(c);
      const size_t cases = std::max<size_t>(suite.cases.size(), 1);
      tests += cases;
      failures += suite_failures;
      body += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                          suite.path, cases, suite_failures);
      if (suite.cases.empty())
        body += fmt::format("    <testcase name=\"{}\" classname=\"amllint\"/>\n", suite.path);
      for (const Case& c : suite.cases) {
        body += fmt::format("    <testcase name=\"{}\" classname=\"{}\">\n", c.name, suite.path);
        if (fails(c))
          body += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                              severity_name(c.severity), c.message, c.line);
        else
          body += fmt::format("      <system-out>{}</system-out>\n", c.line);
        body += "    </testcase>\n";
      }
      body += "  </testsuite>\n";
    }
    fmt::print(out_,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuites name=\"amllint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}"
               "</testsuites>\n",
               tests, failures, errors, body);
  }

 private:
  std::FILE* out_;
  std::optional<long> max_warnings_;
  std::vector<Suite> suites_;
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter(std::FILE* out, const ReportSettings& settings) {
  return std::make_unique<JunitReporter>(out, settings);
}

}  // namespace amllint::cli
