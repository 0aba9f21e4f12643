#include "test_support.h"

#include <fstream>
#include <sstream>

namespace amllint::testing {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path shared_dir() { return AMLLINT_SHARED_DIR; }
std::filesystem::path corpus_dir() { return shared_dir() / "corpus" / "azureml-examples"; }
std::filesystem::path fixtures_dir() { return std::filesystem::path(AMLLINT_TEST_DATA) / "fixtures"; }

Linted lint_file(const std::filesystem::path& path) {
  Linted out{Document(read_file(path)), {}};
  out.analysis = analyze(out.doc, {path.string()});
  return out;
}

Linted lint_text(std::string text, const std::string& path) {
  Linted out{Document(std::move(text)), {}};
  out.analysis = analyze(out.doc, {path});
  return out;
}

std::string describe(const std::string& path, const Document& doc, const Diagnostic& d) {
  LineCol p = doc.to_codepoints(d.range.begin);
  return path + ":" + std::to_string(p.line + 1) + ":" + std::to_string(p.column + 1) + ": " +
         severity_name(d.severity) + ": " + d.message + " [" + d.code + "]";
}

}  // namespace amllint::testing
