// --format json: one object, {"version": 1, "files": N, "diagnostics": [...]}.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "reporter.h"

namespace amllint::cli {
namespace {

class JsonReporter : public Reporter {
 public:
  explicit JsonReporter(std::FILE* out) : out_(out), diagnostics_(nlohmann::json::array()) {}

  void file(const FileResult& r) override {
    for (size_t i = 0; i < r.shown.size(); ++i) {
      const Diagnostic& d = r.shown[i];
      const Position& p = r.positions[i];
      diagnostics_.push_back({{"path", r.input.path},
                              {"line", p.line},
                              {"column", p.column},
                              {"end_line", p.end_line},
                              {"end_column", p.end_column},
                              {"severity", severity_name(d.severity)},
                              {"code", d.code},
                              {"message", d.message}});
    }
  }

  void finish(const RunSummary& s) override {
    nlohmann::json doc = {
        {"version", 1}, {"files", s.files}, {"diagnostics", std::move(diagnostics_)}};
    // Paths and messages can hold bytes that are not UTF-8; replace them rather than throw.
    fmt::print(out_, "{}\n", doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }

 private:
  std::FILE* out_;
  nlohmann::json diagnostics_;
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(std::FILE* out) {
  return std::make_unique<JsonReporter>(out);
}

}  // namespace amllint::cli
