#include <array>

#include "model/uri.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

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
  void check(RuleContext& ctx) const override {
    if (ctx.model.root) walk(ctx, *ctx.model.root, 0);
  }

 private:
  void walk(RuleContext& ctx, const yaml::Node& node, int depth) const {
    if (depth > 64) return;
    if (node.is_sequence()) {
      for (const yaml::Node* item : node.items)
        if (item) walk(ctx, *item, depth + 1);
      return;
    }
    if (!node.is_mapping()) return;
    for (const yaml::Pair& p : node.pairs) {
      if (p.merged || !p.key || !p.value) continue;
      const std::string& key = p.key->value;
      if (p.value->is_scalar()) {
        // Block scalars hold text (commands, descriptions), never a reference.
        bool block = p.value->style == yaml::ScalarStyle::Literal ||
                     p.value->style == yaml::ScalarStyle::Folded;
        if (is_reference_key(key) && !block) check_value(ctx, *p.value);
      } else if (key != "tags" && key != "properties" && key != "environment_variables" &&
                 key != "conf" && key != "search_space") {
        walk(ctx, *p.value, depth + 1);
      }
    }
  }

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
