#include "lint_job.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "unified_diff.h"

namespace amllint::cli {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string errno_text(int err) {
  return std::strerror(err);
}

// Reads all of `fd`; returns an error text or empty.
std::string read_all(int fd, std::string& out) {
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return {};
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EISDIR ? "is a directory" : errno_text(errno);
    }
    if (out.size() + static_cast<size_t>(n) > kMaxFileBytes)
      return "file is larger than " + std::to_string(kMaxFileBytes >> 20) + " MB";
    out.append(buffer, static_cast<size_t>(n));
  }
}

std::string read_path(const std::string& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_text(errno);
  struct stat st {};
  std::string error;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    error = "is a directory";
  } else if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > kMaxFileBytes) {
    error = "file is larger than " + std::to_string(kMaxFileBytes >> 20) + " MB";
  } else {
    if (S_ISREG(st.st_mode)) out.reserve(static_cast<size_t>(st.st_size));
    error = read_all(fd, out);
  }
  ::close(fd);
  return error;
}

// Rewrites the file in place (not via rename) so that its mode, owner and links are kept.
std::string write_path(const std::string& path, std::string_view text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return errno_text(errno);
  std::string error;
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno_text(errno);
      break;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  if (::close(fd) != 0 && error.empty()) error = errno_text(errno);
  return error;
}

}  // namespace

std::string load_config(const std::string& path, std::shared_ptr<const Config>& out) {
  std::string text;
  if (std::string error = read_path(path, text); !error.empty()) return path + ": " + error;
  auto config = std::make_shared<Config>(parse_config(text, path));
  std::string errors;
  for (const std::string& e : config->errors) errors += (errors.empty() ? "" : "\n") + e;
  if (!errors.empty()) return errors;
  out = std::move(config);
  return {};
}

Position locate(const Document& doc, TextRange range) {
  const LineCol b = doc.to_codepoints(range.begin);
  const LineCol e = doc.to_codepoints(std::max(range.begin, range.end));
  return {b.line + 1, b.column + 1, e.line + 1, e.column + 1};
}

FileResult lint_input(const Input& input, const LintSettings& settings) {
  FileResult result;
  result.input = input;
  std::string raw;
  result.io_error = input.from_stdin ? read_all(STDIN_FILENO, raw) : read_path(input.path, raw);
  if (!result.io_error.empty()) return result;

  AnalysisOptions options;
  options.config = settings.config;
  options.env = settings.env;
  // Relative references resolve from the file's folder; stdin has one only when named.
  if (!input.from_stdin || input.path != "<stdin>") options.path = input.path;

  Document doc(std::move(raw));
  const auto start = std::chrono::steady_clock::now();
  Analysis analysis = analyze(doc, options);
  result.analysis_time = std::chrono::steady_clock::now() - start;

  if (settings.fix != FixMode::None) {
    FixOutcome fixed = fix_all(doc.text(), options, std::move(analysis), settings.fix_scope);
    result.fixes_applied = std::move(fixed.applied);
    result.fixes_refused = std::move(fixed.refused);
    analysis = std::move(fixed.analysis);
    if (fixed.text != doc.text()) {
      const std::string bom = doc.had_bom() ? std::string(kBom) : std::string();
      if (settings.fix == FixMode::Diff) {
        result.diff = unified_diff(bom + doc.text(), bom + fixed.text, input.path);
      } else if (std::string error = write_path(input.path, bom + fixed.text); !error.empty()) {
        result.io_error = "cannot write fixes: " + error;
      }
      doc = Document(bom + fixed.text);
    }
  }

  result.kind = analysis.kind;
  result.fixable = count_fixable(analysis.diagnostics);
  for (Diagnostic& d : analysis.diagnostics) {
    switch (d.severity) {
      case Severity::Error: ++result.errors; break;
      case Severity::Warning: ++result.warnings; break;
      case Severity::Info: ++result.infos; break;
    }
    if (settings.quiet && d.severity != Severity::Error) continue;
    result.positions.push_back(locate(doc, d.range));
    result.shown.push_back(std::move(d));
  }
  result.doc = std::move(doc);
  return result;
}

}  // namespace amllint::cli
