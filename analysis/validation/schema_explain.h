// Words schema failures as diagnostics: one actionable message per mistake.
//
// valijson decides whether a file is valid (valijson_check.h); its raw errors are noisy (every
// failing ancestor and every if/then wrapper adds one, and they never name the expected values). So
// the explainer re-checks the places valijson flagged with the schema walker (schema_walk.h),
// choosing the if/then branch the user meant from the values present, and writes one message per
// mistake.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"
#include "syntax/json_view.h"

namespace amllint {

struct SchemaFinding {
  std::string where;  // pointer valijson must also have flagged for the finding to be kept
  Diagnostic diagnostic;
};

// The mistakes the walker finds in `view` checked as a file of `kind`. A gap in the walker could
// invent one, so the caller keeps only those whose `where` valijson also flagged. With `flagged`
// (valijson's pointers), the walker enters only the values at or above a flagged pointer and skips
// what could not be kept anyway; null walks the whole file.
std::vector<SchemaFinding> explain_schema(FileKind kind, const JsonView& view,
                                          const std::set<std::string>* flagged);

// valijson's own errors (pointer, text) as diagnostics, deepest only: for when the walker finds
// nothing valijson flagged.
std::vector<Diagnostic> raw_schema_errors(
    const std::vector<std::pair<std::string, std::string>>& errors, const JsonView& view);

}  // namespace amllint
