// valijson decides whether a file is valid (valijson_check.cpp, the only file that includes it),
// in one run that also records where it failed; when it reports a failure, the explainer
// (schema_explain.cpp) re-checks the places it flagged and words one message per mistake.
// Explainer findings are kept only where valijson also failed, so a gap in the explainer can
// never invent an error; if it finds nothing, valijson's leaf errors are used.
#include "validation/schema_validate.h"

#include <set>
#include <string>

#include "syntax/yaml_tree.h"
#include "validation/schema_explain.h"
#include "validation/valijson_check.h"

namespace amllint {
namespace {

// Plain scalars PyYAML reads as dates (`2024-01-01`): the SDK rejects a date in a string field
// ("display_name: Not a valid string.", "Object of type date is not JSON serializable"), and
// accepts one only where it converts values itself (measured): environment variables, Spark
// `conf` and a `version`.
std::vector<Diagnostic> date_findings(const JsonView& view) {
  std::vector<Diagnostic> out;
  for (const std::string& ptr : view.dates) {
    if (ptr.find("/environment_variables/") != std::string::npos ||
        ptr.find("/conf/") != std::string::npos || ptr.ends_with("/version"))
      continue;
    std::optional<SourceSpan> span = view.exact_span(ptr);
    if (!span || !span->node) continue;
    const std::string text = span->node->value.str();
    Diagnostic d;
    d.range = span->value;
    d.severity = Severity::Error;
    d.code = "date-value";
    d.message = "`" + text + "` is read as a date, not as text (YAML 1.1, which `az ml` uses): " +
                "`az ml` rejects it (\"Not a valid string\"); quote it: \"" + text + "\"";
    // The text written is the text meant; quoting only stops YAML 1.1 reading a date.
    d.fixes.push_back(
        {"Quote `" + text + "`", {{d.range, "\"" + text + "\""}}, Applicability::Safe});
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::vector<Diagnostic> validate_schema(FileKind kind, const JsonView& view) {
  std::optional<ValijsonFailures> failures = valijson_failures(kind, view.value);
  if (!failures) return {};
  std::vector<Diagnostic> dates = date_findings(view);
  if (failures->valid) return dates;
  std::vector<Diagnostic> out;
  const std::set<std::string>* flagged = failures->threw ? nullptr : &failures->pointers;
  for (auto& f : explain_schema(kind, view, flagged))
    if (failures->threw || failures->pointers.count(f.where))
      out.push_back(std::move(f.diagnostic));
  if (out.empty()) out = raw_schema_errors(failures->errors, view);
  for (Diagnostic& d : dates) out.push_back(std::move(d));
  normalize(out);
  return out;
}

}  // namespace amllint
