#include "model/shell_words.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "package-install-in-command";

class PackageInstallInCommand final : public Rule {
 public:
  // Step-local (rule.h): each finding is one command's own text.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    for (const CommandSite& site : command_sites(ctx.model)) {
      if (!site.command) continue;
      const yaml::Node& command = *site.command;
      auto parsed = shell_parse_of(command.value);
      const ShellParse& parse = *parsed;
      for (const PackageInstall& install : find_package_installs(parse)) {
        std::string what = std::string(
            command.value.substr(install.range.begin, install.range.end - install.range.begin));
        ctx.report(kCode, ctx.value_range(command, install.range.begin, install.range.end),
                   "`" + what + "` runs on every job start: it slows each run, can pick up " +
                       "different versions each time and fails without network access; " +
                       "declare the packages in the environment (conda file or image) instead");
      }
    }
  }
};

}  // namespace

const Rule& package_install_in_command() {
  static const PackageInstallInCommand rule;
  return rule;
}

}  // namespace amllint::rules
