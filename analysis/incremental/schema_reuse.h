// Schema findings after a re-parsed step (reparse.h): the old findings outside the step, moved
// past the edit, and the findings inside it from validating a stand-in document that holds the
// top level and this one step. A step's findings depend on the step and the top level alone (the
// schemas check each `jobs` value on its own, under conditions on top-level keys), so this is
// what validating the whole file gives; the randomized test in tests/unit/incremental_test.cpp
// holds it to that.
#pragma once

#include <optional>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"
#include "incremental/reparse.h"

namespace amllint::incremental {

// Nullopt when the old findings cannot be carried over exactly (one of them reaches into the
// block, or validation fell back to its raw messages, which depend on the whole file): then
// validate the whole file.
// `old_raw`: has_raw_messages(old_findings), which the memo keeps so that an edit need not look.
std::optional<std::vector<Diagnostic>> revalidate(FileKind kind, const Reparsed& reparsed,
                                                  const std::vector<Diagnostic>& old_findings,
                                                  bool old_raw);

// Whether validation fell back to its raw messages for some of `findings`.
bool has_raw_messages(const std::vector<Diagnostic>& findings);

}  // namespace amllint::incremental
