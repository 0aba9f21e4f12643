// --format junit: one <testsuite> per file and one failing <testcase> per diagnostic, the shape
// CI test-report viewers (Jenkins, GitLab, Azure Pipelines) display.
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

class JunitReporter : public Reporter {
 public:
  explicit JunitReporter(std::FILE* out) : out_(out) {}

  void file(const FileResult& r) override {
    const std::string path = xml(r.input.path);
    ++suites_;
    if (!r.io_error.empty()) {
      ++errors_;
      ++tests_;
      body_ += fmt::format(
          "  <testsuite name=\"{0}\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
          "    <testcase name=\"{0}\" classname=\"amllint\">\n"
          "      <error message=\"{1}\"/>\n    </testcase>\n  </testsuite>\n",
          path, xml(r.io_error));
      return;
    }
    const size_t cases = std::max<size_t>(r.shown.size(), 1);
    tests_ += cases;
    failures_ += r.shown.size();
    body_ += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                         path, cases, r.shown.size());
    if (r.shown.empty())
      body_ += fmt::format("    <testcase name=\"{}\" classname=\"amllint\"/>\n", path);
    for (size_t i = 0; i < r.shown.size(); ++i) {
      const Diagnostic& d = r.shown[i];
      const Position& p = r.positions[i];
      body_ += fmt::format(
          "    <testcase name=\"{0}:{1}:{2} {3}\" classname=\"{0}\">\n"
          "      <failure type=\"{4}\" message=\"{5}\">{0}:{1}:{2}: {4}: {5} [{3}]</failure>\n"
          "    </testcase>\n",
          path, p.line, p.column, xml(d.code), severity_name(d.severity), xml(d.message));
    }
    body_ += "  </testsuite>\n";
  }

  void finish(const RunSummary&) override {
    fmt::print(out_,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuites name=\"amllint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}"
               "</testsuites>\n",
               tests_, failures_, errors_, body_);
  }

 private:
  std::FILE* out_;
  std::string body_;
  size_t suites_ = 0, tests_ = 0, failures_ = 0, errors_ = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter(std::FILE* out) {
  return std::make_unique<JunitReporter>(out);
}

}  // namespace amllint::cli
