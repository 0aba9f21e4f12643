// Inline suppressions: `# amllint: disable=<code>[,<code>...]` at the end of a line silences
// those codes on that line; on a line of its own, on the next line. `# amllint:
// disable-file=<code>` silences a code in the whole file. `all` stands for every code.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostic.h"

namespace amllint {

class Document;
namespace yaml {
struct Tree;
}

struct Suppressions {
  struct Entry {
    uint32_t line;  // 0-based line it silences
    std::string code;
  };
  std::vector<Entry> lines;
  std::set<std::string, std::less<>> file_codes;
  // Codes that do not exist, reported as `unknown-suppression`.
  std::vector<Diagnostic> problems;

  bool suppresses(const Document& doc, const Diagnostic& d) const;
};

Suppressions read_suppressions(const Document& doc);

// Drops suppressed diagnostics and adds the suppressions' own problems.
void apply_suppressions(const Document& doc, std::vector<Diagnostic>& diagnostics);

// The edit that adds `# amllint: disable=<code>` for a diagnostic starting at `offset`: at the
// end of its line, or merged into a disable comment already there. Nothing when the line ends
// inside a scalar that goes on past it (a plain or quoted value over several lines, a folded
// block): a comment there would end the value early or become part of it. `tree` is the
// document's (null when unknown: then the line is taken as safe).
std::optional<TextEdit> suppression_edit(const Document& doc, const yaml::Tree* tree,
                                         uint32_t offset, std::string_view code);

}  // namespace amllint
