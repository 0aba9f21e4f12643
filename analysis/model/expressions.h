// Binding expressions inside one string value: `${{inputs.x}}`, optional blocks `$[[ ... ]]` and
// the unsupported `$<<inputs.x>>` spelling. All ranges are byte offsets into the string that was
// parsed, not into the file: a quoted or folded YAML scalar differs from its source text, so the
// caller maps them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {

enum class BindingKind {
  Input,            // inputs.x, inputs.group.x
  Output,           // outputs.x
  ParentInput,      // parent.inputs.x
  ParentOutput,     // parent.outputs.x
  ParentJob,        // parent.jobs.<step> (if_else blocks); also legacy jobs.<step>
  ParentJobOutput,  // parent.jobs.<step>.outputs.<o>; also legacy jobs.<step>.outputs.<o>
  SearchSpace,      // search_space.x
  Macro,            // name, output_name, default_datastore (resolved by the service)
  Unknown,
};

const char* binding_kind_name(BindingKind kind);

struct BindingSegment {
  std::string text;
  TextRange range;
};

struct Binding {
  TextRange range;       // the whole `${{ ... }}` (or `$<< ... >>`)
  TextRange path_range;  // the dotted path without surrounding spaces
  std::string path;
  std::vector<BindingSegment> segments;
  BindingKind kind = BindingKind::Unknown;

  // The name the binding looks up, dotted for input groups (`inputs.group.x` -> "group.x"); the
  // macro name for macros; empty for ParentJob and Unknown.
  std::string name;
  TextRange name_range;
  // The step of ParentJob/ParentJobOutput bindings.
  std::string step;
  TextRange step_range;
  // `jobs.<s>...` without `parent.`: still resolved by the SDK inside pipeline nodes.
  bool implicit_parent = false;

  int optional_block = -1;  // index into BindingScan::optional_blocks, or -1
  bool in_optional_block() const { return optional_block >= 0; }

  // `$<<inputs.x>>`: Azure ML leaves it unresolved; `replacement` is the `${{...}}` spelling.
  bool legacy_angle = false;
  std::string replacement;
};

struct OptionalBlock {
  TextRange range;  // `$[[ ... ]]`
  TextRange inner;  // between the brackets
  std::vector<size_t> bindings;
};

enum class BindingIssueKind {
  Unclosed,          // `${{` without `}}`
  Empty,             // `${{}}`
  Malformed,         // spaces inside the path, empty segments: the service will not resolve it
  UnclosedOptional,  // `$[[` without `]]`
  // `$[[--flag]]` with no binding inside: seen in hand-written components; what the service
  // does with it is undocumented, so report it as advice at most.
  EmptyOptional,
};

struct BindingIssue {
  BindingIssueKind kind;
  TextRange range;
  std::string message;
};

struct BindingScan {
  std::vector<Binding> bindings;
  std::vector<OptionalBlock> optional_blocks;
  std::vector<BindingIssue> issues;
};

BindingScan scan_bindings(std::string_view text);

// Cheap pre-check so callers can skip the scan for most values.
bool may_contain_binding(std::string_view text);

// Classifies an already-split dotted path, filling kind/name/step from the segments.
void classify_binding(Binding& binding);

// `{inputs.x}`, `{outputs.x}`, `{search_space.x}`: the binding spelling of the 2021 CLI v2
// preview, single braces and no `$`. azure-ai-ml rewrites it to `${{...}}` (with a deprecation
// warning) in the command of a command job and of a sweep job's trial; everywhere else the text
// reaches the job as it is. `${inputs.x}` (shell-style) is found too, with `dollar` set.
struct BraceBinding {
  TextRange range;   // from the `$` or `{` to past the `}`
  std::string head;  // inputs, outputs or search_space
  std::string path;  // the dotted path, e.g. "inputs.lr"
  bool dollar = false;
  std::string replacement() const { return "${{" + path + "}}"; }
};
std::vector<BraceBinding> find_brace_bindings(std::string_view text);

}  // namespace amllint
