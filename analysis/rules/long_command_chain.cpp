#include "model/shell_words.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Four or more commands joined by `&&` read better, and fail more clearly, as a script.
constexpr size_t kMaxChainedCommands = 3;

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "long-command-chain";

class LongCommandChain final : public Rule {
 public:
  // Step-local (rule.h): each finding is one command's own text.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    for (const CommandSite& site : command_sites(ctx.model)) {
      if (!site.command) continue;
      auto parsed = shell_parse_of(site.command->value);
      const ShellParse& parse = *parsed;
      if (parse.longest_and_chain() <= kMaxChainedCommands) continue;
      // Report each long chain once, from its first command to its last.
      size_t start = 0;
      for (size_t i = 0; i < parse.commands.size(); ++i) {
        bool continues = parse.commands[i].terminator == "&&" && i + 1 < parse.commands.size();
        if (continues) continue;
        size_t length = i - start + 1;
        if (length > kMaxChainedCommands) {
          TextRange r{parse.commands[start].range.begin, parse.commands[i].range.end};
          ctx.report(kCode, ctx.value_range(*site.command, r.begin, r.end),
                     std::to_string(length) + " commands are chained with `&&`: move them into " +
                         "a script in the code folder and run that, so the job spec stays " +
                         "readable and a failing step is easy to find in the logs");
        }
        start = i + 1;
      }
    }
  }
};

}  // namespace

const Rule& long_command_chain() {
  static const LongCommandChain rule;
  return rule;
}

}  // namespace amllint::rules
