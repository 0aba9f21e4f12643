#include "reporter.h"

namespace amllint::cli {

std::unique_ptr<Reporter> make_reporter(Format format, std::FILE* out, bool color) {
  switch (format) {
    case Format::Text: return make_text_reporter(out, color);
    case Format::Json: return make_json_reporter(out);
    case Format::Sarif: return make_sarif_reporter(out);
    case Format::Github: return make_github_reporter(out);
    case Format::Junit: return make_junit_reporter(out);
  }
  return make_text_reporter(out, color);
}

}  // namespace amllint::cli
