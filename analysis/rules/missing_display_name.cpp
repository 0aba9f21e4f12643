#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "missing-display-name";

class MissingDisplayName final : public Rule {
 public:
  // Step-local (rule.h): it reads the top level's keys only.
  bool step_local() const override { return true; }
  // Jobs only: components and pipeline steps are named by the job that runs them.
  void check(RuleContext& ctx) const override {
    const yaml::Node* root = ctx.model.root;
    if (!is_job(ctx.model.kind) || !root || !root->is_mapping() || root->pairs.empty()) return;
    if (sets_key_or_misspelling(*root, "display_name")) return;
    // On the `type` key, which every job shows near its top, else on the first key.
    const yaml::Pair* anchor = root->find_pair("type");
    if (!anchor || anchor->merged) anchor = &root->pairs.front();
    ctx.report(kCode, anchor->key->range,
               "no `display_name`: the job shows in the studio under its generated name (e.g. "
               "`sleepy_apple_1x2y`); set `display_name` to a readable label");
  }
};

}  // namespace

const Rule& missing_display_name() {
  static const MissingDisplayName rule;
  return rule;
}

}  // namespace amllint::rules
