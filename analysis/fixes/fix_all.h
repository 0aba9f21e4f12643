// Applying the safe fixes that the analysis offers: `amllint --fix`/`--diff` and the editor's
// `source.fixAll.amllint` share this loop so that both produce the same text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"

namespace amllint {

// The first safe fix of each diagnostic, in text order, leaving out any fix whose edits touch
// an edit already chosen (two edits at the same offset count as touching: their order would be
// a guess).
std::vector<const Fix*> choose_safe_fixes(const std::vector<Diagnostic>& diagnostics);

// Applies the edits of `fixes`, which must not overlap (as choose_safe_fixes guarantees).
std::string apply_fixes(std::string_view text, const std::vector<const Fix*>& fixes);

struct FixOutcome {
  std::string text;                  // the fixed text (BOM-less, like Document::text)
  std::vector<std::string> applied;  // titles of the fixes applied
  std::vector<std::string> refused;  // titles of fixes left out because the YAML broke
  Analysis analysis;                 // the analysis of `text`
};

// Applies safe fixes in passes (a fix can reveal another) until none is left, re-analysing after
// each pass. A fix whose result does not parse as YAML is refused: the pass is retried one fix
// at a time, keeping those that parse.
FixOutcome fix_all(const std::string& text, const AnalysisOptions& options, Analysis first);

}  // namespace amllint
