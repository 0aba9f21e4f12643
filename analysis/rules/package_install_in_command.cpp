#include "model/shell_words.h"
#include "rules/rule_sites.h"
#include "rules/rules.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"package-install-in-command", Severity::Warning,
     "a command installs packages at run time instead of in the environment"},
};

class PackageInstallInCommand final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  void check(RuleContext& ctx) const override {
    for (const CommandSite& site : command_sites(ctx.model)) {
      if (!site.command) continue;
      const yaml::Node& command = *site.command;
      ShellParse parse = parse_shell(command.value);
      for (const PackageInstall& install : find_package_installs(parse)) {
        std::string what = std::string(
            command.value.substr(install.range.begin, install.range.end - install.range.begin));
        ctx.report(kCodes[0].code, ctx.value_range(command, install.range.begin, install.range.end),
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
