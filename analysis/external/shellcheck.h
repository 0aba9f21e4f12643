// shellcheck over the `command:` of jobs and components: the script it is given (bindings
// replaced by placeholders of the same length, so columns map back), one shellcheck process per
// analysed file for all its commands, and a cache per command text so that the server does not
// rerun it on every keystroke. Runs only through Environment::run_program, so tests can fake it
// and sandboxes never spawn anything.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {

class Environment;
struct BindingScan;

// Checks that are noise for one-line job commands, with the reason (docs/rules/shellcheck.md).
struct SilencedCheck {
  int code;
  std::string_view reason;
};
extern const std::vector<SilencedCheck> kShellcheckSilenced;

struct ShellcheckFinding {
  TextRange range;    // byte range in the script
  std::string level;  // error, warning, info, style
  int code = 0;       // 2086 for SC2086
  std::string message;
};

// The text shellcheck sees for a command value: `${{...}}` (and 2021's `{inputs.x}`) bindings
// become a word of letters of the same length (the service substitutes them before the shell runs),
// and the `$[[`/`]]` of optional blocks become spaces (their content is kept). `placeholders`
// receives the ranges of substituted bindings: a finding that starts inside one is about our
// stand-in, not the user's.
std::string command_script(std::string_view value, std::vector<TextRange>* placeholders = nullptr);
// The same, given scan_bindings(value) (null when may_contain_binding(value) is false), for a
// caller that has scanned the value already.
std::string command_script(std::string_view value, const BindingScan* scan,
                           std::vector<TextRange>* placeholders);

// The shellcheck to run: $AMLLINT_SHELLCHECK (a name or path; `off` or empty disables it), else
// `shellcheck` on $PATH; empty when there is none.
std::string shellcheck_program(Environment& env);

// What shellcheck found in each script, in order; nullopt when it did not run (not installed,
// timed out, cancelled through `cancel`, or its output did not parse): the rule is then silent.
std::optional<std::vector<std::vector<ShellcheckFinding>>> run_shellcheck(
    Environment& env, const std::vector<std::string>& scripts,
    std::shared_ptr<const std::atomic<bool>> cancel = nullptr);

// One line for `amllint --explain shellcheck`: whether the rule runs here, and with what.
std::string shellcheck_availability(Environment& env);

}  // namespace amllint
