#include "reporter.h"

namespace amllint::cli {

ReportSettings report_settings(const Options& o, bool color, const char* github_workspace) {
  ReportSettings s;
  s.color = color;
  s.max_warnings = o.max_warnings;
  s.github_notices = o.github_notices;
  if (github_workspace != nullptr) s.workspace = github_workspace;
  s.rule_docs_url = o.rule_docs_url;
  return s;
}

std::unique_ptr<Reporter> make_reporter(Format format, std::FILE* out,
                                        const ReportSettings& settings) {
  switch (format) {
    case Format::Text: return make_text_reporter(out, settings.color);
    case Format::Json: return make_json_reporter(out);
    case Format::Sarif: return make_sarif_reporter(out, settings);
    case Format::Github: return make_github_reporter(out, settings);
    case Format::Junit: return make_junit_reporter(out, settings);
  }
  return make_text_reporter(out, settings.color);
}

}  // namespace amllint::cli
