// Forms of the 2021 CLI v2 preview (the original documentation and the Nov-2021 JSON schemas)
// that today's CLI rejects: `code: {local_path: src}`, inputs and outputs written
// `{dataset|data|file|folder: ...}` with `mode: mount`, `compute: {target: ...}`. azure-ai-ml 1.34
// rejects each (measured with the SDK oracle: "Not a valid string", "Unknown field"). The schema
// would say only that; this rule names the old form and the new one, gives the fix, and takes
// the schema's findings there over (one mistake, one message).
#include <array>

#include "model/job_model.h"
#include "model/step_walk.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"
#include "syntax/tree_walk.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "legacy-syntax";

constexpr std::string_view kPreview = "the 2021 CLI v2 preview form";

// The source text of a scalar as written (quotes kept), for moving it elsewhere.
std::string_view source_of(const RuleContext& ctx, const yaml::Node& n) {
  return std::string_view(ctx.doc.text()).substr(n.range.begin, n.range.end - n.range.begin);
}

// True when `key` starts its line (only indentation before it): a new line can go above it.
bool starts_line(const RuleContext& ctx, const yaml::Node& key) {
  uint32_t line = ctx.doc.line_of(key.range.begin);
  for (uint32_t i = ctx.doc.line_start(line); i < key.range.begin; ++i)
    if (ctx.doc.text()[i] != ' ') return false;
  return true;
}

// `code: {local_path: src}` -> `code: src`; `compute: {target: x}` -> `compute: x`.
void check_wrapped(RuleContext& ctx, const yaml::Pair& p, std::string_view inner) {
  const yaml::Node& map = *p.value;
  const yaml::Pair* wrapped = map.find_pair(inner);
  if (!wrapped || !wrapped->key) return;
  const yaml::Node* value = wrapped->value;
  const bool simple = map.pairs.size() == 1 && value && value->is_scalar() &&
                      value->style != yaml::ScalarStyle::Literal &&
                      value->style != yaml::ScalarStyle::Folded;
  const std::string key = p.key->value.str();
  std::string shown = simple ? std::string(source_of(ctx, *value)) : "<" + std::string(inner) + ">";
  std::string message = "`" + key + ": {" + std::string(inner) + ": " + shown + "}` is " +
                        std::string(kPreview) + ", which today's CLI rejects; write `" + key +
                        ": " + shown + "`";
  std::vector<Fix> fixes;
  if (simple) {
    // Same value, today's spelling: nothing else changes.
    // `code:` then the mapping on the next lines: join them into one line, unless a comment
    // sits in between (it would be lost).
    TextRange range = map.range;
    std::string text = shown;
    std::string_view between = std::string_view(ctx.doc.text())
                                   .substr(p.key->range.end, map.range.begin - p.key->range.end);
    if (!map.flow && between.find('#') == std::string_view::npos &&
        between.find_first_not_of(": \t\r\n") == std::string_view::npos) {
      range = {p.key->range.end, map.range.end};
      text = ": " + shown;
    }
    fixes.push_back(
        {"Change to `" + key + ": " + shown + "`", {{range, text}}, Applicability::Safe});
  }
  ctx.supersede(map.range);
  ctx.report(kCode, wrapped->key->range, std::move(message), std::move(fixes));
}

struct OldPortKey {
  std::string_view key;
  std::string_view type;  // the type it implies, or empty when the asset decides
};
constexpr std::array<OldPortKey, 4> kOldPortKeys = {
    {{"file", "uri_file"}, {"folder", "uri_folder"}, {"dataset", ""}, {"data", ""}}};

// An input or output written `{file|folder|dataset|data: <x>, mode: mount}`.
void check_port(RuleContext& ctx, const yaml::Node& port, bool input) {
  if (!port.is_mapping() || port.find_pair("path")) return;
  const yaml::Pair* old = nullptr;
  const OldPortKey* kind = nullptr;
  for (const OldPortKey& k : kOldPortKeys)
    if (const yaml::Pair* p = port.find_pair(k.key); p && p->key && !p->merged) {
      old = p;
      kind = &k;
      break;
    }
  if (!old) return;
  const yaml::Pair* mode = port.find_pair("mode");
  const bool old_mode = input && mode && mode->value && mode->value->is_scalar() &&
                        mode->value->value == "mount" && !mode->merged;
  const bool typed = port.find_pair("type") != nullptr;
  const std::string value =
      old->value && old->value->is_scalar() ? std::string(source_of(ctx, *old->value)) : "<...>";

  std::string today;
  if (!kind->type.empty() && !typed) today = "`type: " + std::string(kind->type) + "` and ";
  today += "`path: " + value + "`";
  std::string message = "`" + std::string(kind->key) + ":` in an " + (input ? "input" : "output") +
                        " is " + std::string(kPreview) + ", which today's CLI rejects; write " +
                        today;
  if (kind->type.empty())
    message += " with the `type` of the data asset (`uri_file`, `uri_folder` or `mltable`)";
  if (old_mode) message += ", and `mode: ro_mount` for `mode: mount`";

  std::vector<TextEdit> edits;
  std::string replacement = "path";
  if (!kind->type.empty() && !typed) {
    if (port.flow) {
      replacement = "type: " + std::string(kind->type) + ", path";
    } else if (starts_line(ctx, *old->key)) {
      uint32_t column = ctx.doc.to_utf8(old->key->range.begin).column;
      replacement = "type: " + std::string(kind->type) + "\n" + std::string(column, ' ') + "path";
    } else {
      replacement.clear();
    }
  }
  if (!replacement.empty()) {
    edits.push_back({old->key->range, replacement});
    if (old_mode) edits.push_back({mode->value->range, "ro_mount"});
  }
  std::vector<Fix> fixes;
  // `file:`/`folder:` say the type; a dataset's type is the asset's, which a guess may miss.
  if (!edits.empty())
    fixes.push_back({"Change to " + today, std::move(edits),
                     !kind->type.empty() && !typed ? Applicability::Safe : Applicability::Unsafe});
  ctx.supersede(port.range);
  ctx.report(kCode, old->key->range, std::move(message), std::move(fixes));
}

void check_ports(RuleContext& ctx, const yaml::Node* holder) {
  if (!holder || !holder->is_mapping()) return;
  for (std::string_view section : {"inputs", "outputs"}) {
    const yaml::Node* ports = holder->get(section);
    if (!ports || !ports->is_mapping()) continue;
    for (const yaml::Pair& p : ports->pairs)
      if (!p.merged && p.value) check_port(ctx, *p.value, section == "inputs");
  }
}

// Jobs, and the steps of pipelines at any depth: the places where 2021 inputs named data.
void check_job_ports(RuleContext& ctx, const JobModel& model) {
  if (!model.root) return;
  if (is_job(model.kind)) check_ports(ctx, model.root);
  walk_steps(model, [&](const Step& step, const JobModel&, int) { check_ports(ctx, step.node); });
}

// `code: {local_path: ...}` and `compute: {target: ...}` wherever they stand.
void check_wrapped_forms(RuleContext& ctx, const yaml::Node& root) {
  yaml::walk_tree(root, [&](const yaml::Visit& v) {
    if (!v.pair) return true;
    if (!v.pair->key->is_scalar() || holds_no_fields(v.key())) return false;
    if (v.node.is_mapping()) {
      if (v.key() == "code") check_wrapped(ctx, *v.pair, "local_path");
      if (v.key() == "compute") check_wrapped(ctx, *v.pair, "target");
    }
    return true;
  });
}

class LegacySyntax final : public Rule {
 public:
  // Step-local (rule.h): each finding is one value or one step's ports.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    if (!ctx.model.root) return;
    check_wrapped_forms(ctx, *ctx.model.root);
    check_job_ports(ctx, ctx.model);
  }
};

}  // namespace

const Rule& legacy_syntax() {
  static const LegacySyntax rule;
  return rule;
}

}  // namespace amllint::rules
