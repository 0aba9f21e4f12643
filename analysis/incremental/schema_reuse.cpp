#include "incremental/schema_reuse.h"

#include <string_view>

#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"
#include "validation/schema_validate.h"

namespace amllint::incremental {
namespace {

using yaml::Node;
using yaml::Pair;

// raw_schema_errors' wording (schema_explain.cpp): those messages come from valijson when the
// explainer found nothing anywhere in the file, so they depend on the whole file.
bool raw_message(const Diagnostic& d) {
  return d.code == "schema" && d.message.find(" does not match the schema: ") != std::string::npos;
}

// Moves a range of the old text past the edit; false when it reaches into the re-parsed block,
// whose old offsets have no counterpart.
bool shift(TextRange& range, const Reparsed& r) {
  const TextRange& b = r.old_block;
  if (range.end <= b.begin && range.begin < b.begin) return true;
  if (range.begin >= b.end) {
    range = {r.shift(range.begin), r.shift(range.end)};
    return true;
  }
  if (range.begin < b.begin && range.end >= b.end) {
    range.end = r.shift(range.end);
    return true;
  }
  return false;
}

bool inside(const TextRange& range, const TextRange& block) {
  return block.begin <= range.begin && range.begin < block.end;
}

}  // namespace

std::optional<std::vector<Diagnostic>> revalidate(FileKind kind, const Reparsed& r,
                                                  const std::vector<Diagnostic>& old_findings) {
  // A top-level key may decide what every step needs (`settings.default_compute` makes a
  // step's `compute` optional), so only a step's edit keeps the other steps' findings.
  if (!r.step) return std::nullopt;
  const Node* root = r.tree->root;
  const Pair* jobs = root->find_pair("jobs");
  if (!jobs || !jobs->value->is_mapping()) return std::nullopt;
  // The stand-in: the top level as it is, `jobs:` cut down to the re-parsed step.
  Node stand_in = *root;
  Node steps = *jobs->value;
  steps.pairs = {*r.pair};
  for (Pair& p : stand_in.pairs)
    if (p.key == jobs->key) p.value = &steps;

  std::vector<Diagnostic> out;
  out.reserve(old_findings.size() + 4);
  for (const Diagnostic& d : old_findings) {
    if (raw_message(d)) return std::nullopt;
    if (inside(d.range, r.old_block)) continue;
    Diagnostic moved = d;
    if (!shift(moved.range, r)) return std::nullopt;
    for (Fix& f : moved.fixes)
      for (TextEdit& e : f.edits)
        if (!shift(e.range, r)) return std::nullopt;
    out.push_back(std::move(moved));
  }
  std::vector<Diagnostic> fresh = validate_schema(kind, to_json(&stand_in));
  for (Diagnostic& d : fresh) {
    if (raw_message(d)) return std::nullopt;
    if (inside(d.range, r.new_block)) out.push_back(std::move(d));
  }
  normalize(out);
  return out;
}

}  // namespace amllint::incremental
