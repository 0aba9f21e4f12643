#include <array>

#include "model/uri.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"
#include "syntax/tree_walk.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "malformed-reference";

// Keys whose string values the CLI parses as references, URIs or local paths.
constexpr std::array<std::string_view, 10> kReferenceKeys = {
    "code",  "environment",       "component",       "compute",   "path",
    "trial", "default_datastore", "default_compute", "datastore", "conda_file"};

bool is_reference_key(std::string_view key) {
  for (std::string_view k : kReferenceKeys)
    if (k == key) return true;
  return false;
}

class MalformedReference final : public Rule {
 public:
  // Step-local (rule.h): each finding is one value's own text.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    if (!ctx.model.root) return;
    yaml::walk_tree(*ctx.model.root, [&](const yaml::Visit& v) {
      if (!v.pair) return true;
      if (v.node.is_scalar()) {
        // Block scalars hold text (commands, descriptions), never a reference.
        bool block =
            v.node.style == yaml::ScalarStyle::Literal || v.node.style == yaml::ScalarStyle::Folded;
        if (is_reference_key(v.key()) && !block) check_value(ctx, v.node);
        return false;
      }
      return !holds_no_fields(v.key());
    });
  }

 private:
  void check_value(RuleContext& ctx, const yaml::Node& value) const {
    Reference ref = parse_reference(value.value);
    if (ref.ok() || ref.has_placeholder) return;
    TextRange r = ref.error_range;
    std::vector<Fix> fixes;
    if (!ref.replacement.empty()) {
      // A guess at what was meant: offered, never applied by "fix all".
      fixes.push_back(
          {"Change to `" + value.value.substr(0, ref.error_range.begin) + ref.replacement +
               value.value.substr(ref.error_range.end) + "`",
           {{ctx.value_range(value, ref.error_range.begin, ref.error_range.end), ref.replacement}},
           Applicability::Unsafe});
    }
    // A lone character (a trailing ':' or '@') is hard to see: underline the whole value.
    if (r.end < r.begin + 3) r = {0, static_cast<uint32_t>(value.value.size())};
    ctx.report(kCode, ctx.value_range(value, r.begin, r.end),
               "`" + value.value + "` is malformed: " + ref.error, std::move(fixes));
  }
};

}  // namespace

const Rule& malformed_reference() {
  static const MalformedReference rule;
  return rule;
}

}  // namespace amllint::rules
