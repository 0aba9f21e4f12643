#include "rules/rule_sites.h"
#include "rules/rules.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"missing-display-name", Severity::Info, "a job without `display_name`"},
};

class MissingDisplayName final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  // Jobs only: components and pipeline steps are named by the job that runs them.
  void check(RuleContext& ctx) const override {
    const yaml::Node* root = ctx.model.root;
    if (!is_job(ctx.model.kind) || !root || !root->is_mapping() || root->pairs.empty()) return;
    if (sets_key_or_misspelling(*root, "display_name")) return;
    // On the `type` key, which every job shows near its top, else on the first key.
    const yaml::Pair* anchor = root->find_pair("type");
    if (!anchor || anchor->merged) anchor = &root->pairs.front();
    ctx.report(kCodes[0].code, anchor->key->range,
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
