// path:line:col: severity: message [code], then the source line and its underline.
#include <fmt/format.h>

#include "reporter.h"
#include "terminal.h"

namespace amllint::cli {
namespace {

struct Style {
  std::string_view bold, reset, dim, caret;
  std::string_view error, warning, info;
};
constexpr Style kPlain{};
constexpr Style kAnsi{"\x1b[1m",    "\x1b[0m",    "\x1b[2m",   "\x1b[1;32m",
                      "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;36m"};

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// How many problems --fix would fix, and how many only --unsafe-fixes would (as ruff says it).
std::string fixable_line(const RunSummary& s) {
  const size_t fixable = s.fixable.safe + (s.unsafe_fixes ? s.fixable.unsafe_only : 0);
  const size_t hidden = s.unsafe_fixes ? 0 : s.fixable.unsafe_only;
  std::string line;
  if (fixable > 0)
    line = fmt::format("{} fixable with --fix{}", fixable, s.unsafe_fixes ? " --unsafe-fixes" : "");
  if (hidden > 0)
    line += fmt::format("{}{} hidden fix{} can be enabled with --unsafe-fixes{}",
                        line.empty() ? "No fixes available (" : " (", hidden,
                        hidden == 1 ? "" : "es", ")");
  return line;
}

class TextReporter : public Reporter {
 public:
  TextReporter(std::FILE* out, bool color) : out_(out), style_(color ? kAnsi : kPlain) {}

  void file(const FileResult& r) override {
    if (!r.doc) return;
    const std::string path = printable(r.input.path);
    // A file's lines are written at once: one write to the stream per file, not per line.
    fmt::memory_buffer buffer;
    for (size_t i = 0; i < r.shown.size(); ++i) {
      const Diagnostic& d = r.shown[i];
      const Position& p = r.positions[i];
      const std::string_view color = d.severity == Severity::Error     ? style_.error
                                     : d.severity == Severity::Warning ? style_.warning
                                                                       : style_.info;
      const Snippet snippet = make_snippet(*r.doc, d.range);
      // Appended piece by piece: a format string of sixteen fields cost more than the rest of
      // the line's work. The same text as "{bold}{path}:{line}:{column}:{reset} {color}
      // {severity}:{reset} {message} {dim}[{code}]{reset}\n{line}\n{caret}{underline}{reset}\n".
      auto put = [&](std::string_view piece) {
        buffer.append(piece.data(), piece.data() + piece.size());
      };
      auto put_number = [&](uint32_t n) { put(fmt::format_int(n).c_str()); };
      auto put_printable = [&](std::string_view text) {
        if (is_plain_printable(text))
          put(text);
        else
          put(printable(text));
      };
      put(style_.bold);
      put(path);
      put(":");
      put_number(p.line);
      put(":");
      put_number(p.column);
      put(":");
      put(style_.reset);
      put(" ");
      put(color);
      put(severity_name(d.severity));
      put(":");
      put(style_.reset);
      put(" ");
      put_printable(d.message);
      put(" ");
      put(style_.dim);
      put("[");
      put_printable(d.code);
      put("]");
      put(style_.reset);
      put("\n");
      put(snippet.line);
      put("\n");
      put(style_.caret);
      put(snippet.underline);
      put(style_.reset);
      put("\n");
    }
    if (buffer.size()) fmt::print(out_, "{}", fmt::string_view(buffer.data(), buffer.size()));
  }

  void finish(const RunSummary& s) override {
    std::fflush(out_);
    if (s.errors + s.warnings + s.infos == 0) {
      fmt::print(stderr, "{} checked, no problems found\n", plural(s.files, "file"));
    } else {
      fmt::print(stderr, "{} checked: {}, {}, {}\n", plural(s.files, "file"),
                 plural(s.errors, "error"), plural(s.warnings, "warning"), plural(s.infos, "info"));
    }
    if (std::string line = fixable_line(s); !line.empty()) fmt::print(stderr, "{}\n", line);
  }

 private:
  std::FILE* out_;
  Style style_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, bool color) {
  return std::make_unique<TextReporter>(out, color);
}

}  // namespace amllint::cli
