#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "hardcoded-job-name";

bool only_blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

// The edit that deletes the `name:` line(s), when the pair stands on lines of its own.
std::vector<Fix> delete_line_fix(const Document& doc, const yaml::Pair& pair) {
  const uint32_t first = doc.line_of(pair.key->range.begin);
  const uint32_t value_end = pair.value ? pair.value->range.end : pair.key->range.end;
  const uint32_t last = doc.line_of(value_end > 0 ? value_end - 1 : value_end);
  const std::string_view text = doc.text();
  std::string_view before =
      text.substr(doc.line_start(first), pair.key->range.begin - doc.line_start(first));
  std::string_view after =
      text.substr(value_end, doc.line_end(last) - std::min(value_end, doc.line_end(last)));
  size_t rest = after.find_first_not_of(" \t");
  if (!only_blank(before) || (rest != std::string_view::npos && after[rest] != '#')) return {};
  uint32_t end = last + 1 < doc.line_count() ? doc.line_start(last + 1) : doc.size();
  // Deleting text the user wrote (and that a script may rely on) is never automatic.
  return {Fix("Remove the hard-coded job name (the service generates a unique one)",
              {{{doc.line_start(first), end}, ""}}, Applicability::Unsafe)};
}

class HardcodedJobName final : public Rule {
 public:
  // Step-local (rule.h): it reads the top level's `name` only.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    if (!is_job(ctx.model.kind) || !ctx.model.root) return;
    const yaml::Pair* pair = ctx.model.root->find_pair("name");
    if (!pair || pair->merged || !pair->value || !pair->value->is_scalar()) return;
    if (pair->value->value.empty()) return;
    ctx.report(kCode, pair->key->range,
               "job name `" + pair->value->value +
                   "` must be unique in the workspace: submitting this file a second time " +
                   "fails; remove `name` and let the service generate one (use `display_name` " +
                   "for a readable label)",
               delete_line_fix(ctx.doc, *pair));
  }
};

}  // namespace

const Rule& hardcoded_job_name() {
  static const HardcodedJobName rule;
  return rule;
}

}  // namespace amllint::rules
