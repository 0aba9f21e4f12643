// Small readings of a resolved schema node (SchemaInfo::node) shared by hover and completion.
// Internal to analysis/navigation/.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyze.h"
#include "validation/schema_lookup.h"

namespace amllint {
struct JobModel;
}

namespace amllint::nav {

// "string", "integer | string", ...; empty when the node says nothing.
std::string schema_type(const nlohmann::json& node);
bool schema_is(const nlohmann::json& node, const char* type);
// Closed value sets: `enum`, `const`, and those of `anyOf`/`oneOf` branches; true/false for
// booleans.
std::vector<std::string> schema_values(const nlohmann::json& node);

// The schema at a path of a file (JSON pointer tokens) for an editor: a pipeline step is read
// the way the service reads it even while the file does not validate, so that completion and
// hover work inside every step (issue 12). On the path, a step
// - whose name is no identifier (`train-job-1`, which the service rejects) is read as if it were;
// - whose `type` is misspelt or unknown is read as the closest step type, else as its
//   component's (below), else as `command`;
// - without `type` takes it from its component (an inline one's `type:`, or a local file's kind
//   from `model`; FACTS.md: a `component:` step "has its type from the component", which the SDK
//   oracle confirms for a parallel component), else stays without, which the schema reads as a
//   command step, as the service does.
// The other steps of each `jobs:` on the path are left out of the view it reads, which makes a
// look-up inside one step of a large pipeline cost what the step costs.
class SchemaLookup {
 public:
  SchemaLookup(FileKind kind, const JsonView& view, const JobModel* model,
               const std::vector<std::string>& path);
  // The schema at the path, or at its key `child`.
  SchemaInfo at(const std::string& child = {}) const;
  // The step types a `type:` inside `jobs:` may name (the schema's own list).
  static const std::vector<std::string>& step_types();

 private:
  FileKind kind_;
  const JsonView* view_;               // the file's, when the path enters no step
  std::shared_ptr<JsonView> focused_;  // else the path's mappings, steps normalized as above
  std::string pointer_;
};

}  // namespace amllint::nav
