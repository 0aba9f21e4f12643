// Applying the fixes that the analysis offers: `amllint --fix`/`--diff` and the editor's
// `source.fixAll.amllint` share this loop so that both produce the same text. Both apply safe
// fixes only unless asked (`--unsafe-fixes`): see Applicability in diagnostic.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"

namespace amllint {

// Which fixes to apply: `Safe` takes safe fixes only; `Unsafe` takes unsafe ones as well.
using FixScope = Applicability;

// One fix of each diagnostic that `scope` allows (its first safe fix, else its first unsafe one
// when the scope allows those), in text order, leaving out any fix whose edits touch an edit
// already chosen (two edits at the same offset count as touching: their order would be a guess).
std::vector<const Fix*> choose_fixes(const std::vector<Diagnostic>& diagnostics, FixScope scope);
inline std::vector<const Fix*> choose_safe_fixes(const std::vector<Diagnostic>& diagnostics) {
  return choose_fixes(diagnostics, Applicability::Safe);
}

// Applies the edits of `fixes`, which must not overlap (as choose_fixes guarantees).
std::string apply_fixes(std::string_view text, const std::vector<const Fix*>& fixes);

struct FixOutcome {
  std::string text;                  // the fixed text (BOM-less, like Document::text)
  std::vector<std::string> applied;  // titles of the fixes applied
  std::vector<std::string> refused;  // titles of fixes left out because the YAML broke
  Analysis analysis;                 // the analysis of `text`
};

// Applies the fixes `scope` allows in passes (a fix can reveal another) until none is left or
// the passes run out, re-analysing after each pass. A fix whose result does not parse as YAML is
// refused: the pass is retried one fix at a time, keeping those that parse.
FixOutcome fix_all(const std::string& text, const AnalysisOptions& options, Analysis first,
                   FixScope scope = Applicability::Safe);

// What is left to fix in `diagnostics`: how many have a fix `--fix` would apply, and how many
// have only unsafe ones (which `--unsafe-fixes` would add).
struct FixCounts {
  size_t safe = 0;
  size_t unsafe_only = 0;
};
FixCounts count_fixable(const std::vector<Diagnostic>& diagnostics);

}  // namespace amllint
