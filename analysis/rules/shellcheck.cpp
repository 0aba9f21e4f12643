// shellcheck's findings on each `command:` (job, component, sweep trial, inline step), placed on
// the exact line and column of the YAML. Off, silently, where shellcheck is not installed.
#include "external/shellcheck.h"

#include <fmt/format.h>

#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "shellcheck";

bool inside_any(uint32_t offset, const std::vector<TextRange>& ranges) {
  for (const TextRange& r : ranges)
    if (offset >= r.begin && offset < r.end) return true;
  return false;
}

// A binding the service cannot resolve, or an unclosed block, is reported by malformed-binding;
// what shellcheck would say about the same text would be a second message for one mistake.
bool has_binding_issue(const BindingScan& scan) {
  for (const BindingIssue& issue : scan.issues)
    if (issue.kind == BindingIssueKind::Unclosed || issue.kind == BindingIssueKind::Empty ||
        issue.kind == BindingIssueKind::UnclosedOptional)
      return true;
  return false;
}

class Shellcheck final : public Rule {
 public:
  // Step-local (rule.h): each command is checked on its own.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    std::vector<const yaml::Node*> commands;
    std::vector<std::string> scripts;
    std::vector<std::vector<TextRange>> placeholders;
    for (const CommandSite& site : command_sites(ctx.model)) {
      const yaml::Node* c = site.command;
      if (!c || !c->is_scalar() || c->value.find_first_not_of(" \t\r\n") == std::string::npos)
        continue;
      std::shared_ptr<const BindingScan> scan;
      if (may_contain_binding(c->value)) scan = binding_scan_of(c->value);
      if (scan && has_binding_issue(*scan)) continue;
      placeholders.emplace_back();
      scripts.push_back(command_script(c->value, scan.get(), &placeholders.back()));
      commands.push_back(c);
    }
    if (scripts.empty()) return;
    auto found = run_shellcheck(ctx.env, scripts, ctx.cancel);
    if (!found) return;
    for (size_t i = 0; i < commands.size(); ++i) {
      for (const ShellcheckFinding& f : (*found)[i]) {
        if (inside_any(f.range.begin, placeholders[i])) continue;
        // A zero-width finding (an insertion point) still gets one character to point at.
        uint32_t end = std::max(f.range.end, f.range.begin + 1);
        TextRange range = ctx.value_range(*commands[i], f.range.begin, end);
        ctx.report(kCode, range, fmt::format("SC{}: {}", f.code, f.message));
        // shellcheck's own level: error and warning stay warnings (the job is accepted and runs
        // the shell), info and style are advice.
        if (f.level == "info" || f.level == "style")
          ctx.diagnostics.back().severity = Severity::Info;
      }
    }
  }
};

}  // namespace

const Rule& shellcheck() {
  static const Shellcheck rule;
  return rule;
}

}  // namespace amllint::rules
