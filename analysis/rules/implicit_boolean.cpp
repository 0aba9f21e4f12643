#include "rules/rule.h"
#include "rules/rule_sites.h"
#include "syntax/tree_walk.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "implicit-boolean";

// Mappings whose values the service takes as text, where a boolean arrives as "True": the
// free-text sections, literal inputs, and `settings`.
bool free_text_section(std::string_view key) {
  return is_free_text_section(key) || key == "inputs" || key == "settings";
}

bool yaml11_only_boolean(const yaml::Node& n) {
  if (!n.is_scalar() || n.style != yaml::ScalarStyle::Plain || !n.tag.empty()) return false;
  static constexpr std::string_view kWords[] = {"yes", "Yes", "YES", "no",  "No",  "NO",
                                                "on",  "On",  "ON",  "off", "Off", "OFF"};
  for (std::string_view w : kWords)
    if (n.value == w) return true;
  return false;
}

class ImplicitBoolean final : public Rule {
 public:
  // Step-local (rule.h): each finding is one value under its own key.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    if (!ctx.tree.root) return;
    yaml::walk_tree(*ctx.tree.root, [&](const yaml::Visit& v) {
      if (v.pair && v.node.is_mapping() && free_text_section(v.key()))
        for (const yaml::Pair& entry : v.node.pairs)
          if (!entry.merged && entry.value && yaml11_only_boolean(*entry.value))
            report(ctx, *entry.value, v.key() == "inputs");
      return true;
    });
  }

 private:
  static void report(RuleContext& ctx, const yaml::Node& value, bool input) {
    bool truth = yaml::resolve_plain(value.value).boolean;
    // Where the service takes text (a variable, a tag), the word written is the text meant, and
    // quoting keeps it: safe. A literal input may feed a boolean port, where `yes` meant true.
    Fix quote("Quote `" + value.value + "` to keep it as text",
              {{value.range, "\"" + value.value + "\""}},
              input ? Applicability::Unsafe : Applicability::Safe);
    ctx.report(kCode, value.range,
               "`" + value.value + "` is read as the boolean " + (truth ? "true" : "false") +
                   " by the Azure ML CLI (YAML 1.1), and reaches the job as `" +
                   (truth ? "True" : "False") + "`; quote it if you mean the text",
               {quote});
  }
};

}  // namespace

const Rule& implicit_boolean() {
  static const ImplicitBoolean rule;
  return rule;
}

}  // namespace amllint::rules
