// Where the SDK accepts and ignores a key it does not know (marshmallow INCLUDE), which makes an
// unknown key there a warning rather than an error, and a misspelt required key a missing one.
#pragma once

#include <string>

#include "analyze.h"
#include "syntax/json_view.h"

namespace amllint {

// Whether the mapping at `ptr` of a file of `kind` drops unknown keys (measured): a component's top
// level (load_component uses INCLUDE) and its `distribution`, `resources`, parallel `task` and
// `retry_settings` (nested with INCLUDE), the same in an inline component of a step; a step that
// runs a `component:` (BaseNodeSchema, INCLUDE; the SDK warns) and a step's `retry_settings`. An
// inline step (a `command:` with no `component:`, and likewise inline automl, spark and parallel
// steps) is rejected for an unknown key ("Unknown field": the node-schema union fails), and so is
// one anywhere else (a job's top level, ports, environments).
bool drops_unknown(FileKind kind, const JsonView& view, const std::string& ptr);

// Whether `ptr` is a pipeline step or its inline component ("/jobs/<step>[/component...]").
bool in_step(const std::string& ptr);

}  // namespace amllint
