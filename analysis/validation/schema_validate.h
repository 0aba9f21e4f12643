// The validation stage's entry point: a file's typed JSON checked against the bundled JSON
// schemas (schema/*.json), with one actionable diagnostic per mistake; and, through
// schema_lookup.h, the schema lookups editor features use (hover, completion).
//
// Diagnostic codes (severity error, since the service rejects such files, unless the schema marks
// a place where the SDK accepts and ignores the mistake: then warning):
//   unknown-key   a key the schema does not allow here (with the closest valid key)
//   invalid-type  a value of the wrong type, e.g. a string where an integer is expected
//   invalid-enum  a value outside a closed set (input types, modes, distribution types, ...)
//   missing-key   a required key is absent (reported on the key of the enclosing mapping)
//   date-value    a plain scalar YAML 1.1 reads as a date where text is expected
//   schema        any other schema violation (e.g. a step name with a hyphen)
// and the codes a schema fragment names with `x-code` (invalid-component-name, missing-compute).
#pragma once

#include <vector>

#include "analyze.h"
#include "diagnostic.h"
#include "syntax/json_view.h"
#include "validation/schema_lookup.h"

namespace amllint {

// Validates the typed JSON of a file of `kind` against its bundled schema; one diagnostic per
// mistake, on the range of the offending key or value. Empty for FileKind::NotAzureMl.
std::vector<Diagnostic> validate_schema(FileKind kind, const JsonView& view);

}  // namespace amllint
