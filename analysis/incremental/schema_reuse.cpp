#include "incremental/schema_reuse.h"

#include <string_view>

#include "incremental/carry.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"
#include "validation/schema_validate.h"

namespace amllint::incremental {
namespace {

// raw_schema_errors' wording (schema_explain.cpp): those messages come from valijson when the
// explainer found nothing anywhere in the file, so they depend on the whole file.
bool raw_message(const Diagnostic& d) {
  return d.code == "schema" && d.message.find(" does not match the schema: ") != std::string::npos;
}

}  // namespace

bool has_raw_messages(const std::vector<Diagnostic>& findings) {
  for (const Diagnostic& d : findings)
    if (raw_message(d)) return true;
  return false;
}

std::optional<std::vector<Diagnostic>> revalidate(FileKind kind, const Reparsed& r,
                                                  const std::vector<Diagnostic>& old_findings,
                                                  bool old_raw) {
  if (old_raw) return std::nullopt;
  // A top-level key may decide what every step needs (`settings.default_compute` makes a
  // step's `compute` optional), so only a step's edit keeps the other steps' findings.
  if (!r.step) return std::nullopt;
  std::unique_ptr<StepStandIn> stand_in = step_stand_in(r);
  if (!stand_in) return std::nullopt;

  std::vector<Diagnostic> out;
  out.reserve(old_findings.size() + 4);
  for (const Diagnostic& d : old_findings) {
    if (starts_inside(d.range, r.old_block)) continue;
    Diagnostic moved = d;
    if (!carry(moved, r)) return std::nullopt;
    out.push_back(std::move(moved));
  }
  std::vector<Diagnostic> fresh = validate_schema(kind, to_json(&stand_in->root));
  for (Diagnostic& d : fresh) {
    if (raw_message(d)) return std::nullopt;
    if (starts_inside(d.range, r.new_block)) out.push_back(std::move(d));
  }
  normalize(out);
  return out;
}

}  // namespace amllint::incremental
