#include <array>
#include <filesystem>
#include <limits>

#include "environment.h"
#include "model/shell_words.h"
#include "model/uri.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

namespace fs = std::filesystem;

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "script-not-in-code";

std::string_view base_name(std::string_view word) {
  size_t slash = word.rfind('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

bool is_versioned(std::string_view program, std::string_view stem) {
  if (program.substr(0, stem.size()) != stem) return false;
  for (char c : program.substr(stem.size()))
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.')) return false;
  return true;
}

enum class Interpreter { None, Python, R, Shell };

Interpreter interpreter_of(std::string_view program) {
  program = base_name(program);
  if (is_versioned(program, "python")) return Interpreter::Python;
  if (program == "Rscript") return Interpreter::R;
  if (program == "bash" || program == "sh" || program == "zsh") return Interpreter::Shell;
  return Interpreter::None;
}

// Commands after which a later script may have been fetched, generated or be relative to
// another folder: the rule stops looking rather than guess.
bool may_change_files(std::string_view program) {
  static constexpr std::array<std::string_view, 19> kPrograms = {
      "cd", "pushd", "git", "wget",   "curl",   "cp", "mv",   "tar", "unzip", "gunzip",
      "ln", "rsync", "az",  "azcopy", "source", ".",  "eval", "for", "while"};
  program = base_name(program);
  for (std::string_view p : kPrograms)
    if (p == program) return true;
  return false;
}

// The index (into `argv`) of the script an interpreter runs, or npos for `-c`, `-m`, `-e`,
// stdin, or no script at all.
size_t script_argument(Interpreter kind, const std::vector<std::string_view>& argv) {
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string_view a = argv[i];
    if (a.empty() || a == "-") return std::string_view::npos;
    if (a[0] != '-') return i;
    if (a == "--") return i + 1 < argv.size() ? i + 1 : std::string_view::npos;
    switch (kind) {
      case Interpreter::Python:
        if (a.substr(0, 2) == "-c" || a.substr(0, 2) == "-m") return std::string_view::npos;
        if (a == "-W" || a == "-X") ++i;
        break;
      case Interpreter::R:
        if (a == "-e") return std::string_view::npos;
        break;
      case Interpreter::Shell:
        if (a.find('c') != std::string_view::npos && a.substr(0, 2) != "--")
          return std::string_view::npos;
        if (a == "-o" || a == "+o") ++i;
        break;
      case Interpreter::None: return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// True when an output redirection belongs to command `c` (redirections are not among its words,
// so look up to where the next command starts).
bool writes_file(const ShellParse& parse, size_t c) {
  const uint32_t begin = parse.commands[c].range.begin;
  const uint32_t end = c + 1 < parse.commands.size() ? parse.commands[c + 1].range.begin
                                                     : std::numeric_limits<uint32_t>::max();
  for (const ShellToken& t : parse.tokens) {
    if (t.range.begin < begin || t.range.begin >= end) continue;
    if (t.kind == ShellTokenKind::Operator && t.text.find('>') != std::string::npos) return true;
  }
  return false;
}

class ScriptNotInCode final : public Rule {
 public:
  // Step-local (rule.h): each finding is one command against its own code folder.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    for (const CommandSite& site : command_sites(ctx.model)) {
      if (!site.command) continue;
      std::string code;
      if (site.code) {
        code = local_code_folder(site.base_dir, site.code);
        // Remote code, or a folder that does not exist (missing-local-path says so).
        if (code.empty() || !ctx.env.is_directory(code)) continue;
      }
      check_command(ctx, site, code);
    }
  }

 private:
  void check_command(RuleContext& ctx, const CommandSite& site, const std::string& code) const {
    const yaml::Node& command = *site.command;
    auto parsed = shell_parse_of(command.value);
    const ShellParse& parse = *parsed;
    if (!parse.issues.empty()) return;
    for (size_t c = 0; c < parse.commands.size(); ++c) {
      const SimpleCommand& cmd = parse.commands[c];
      std::vector<std::string_view> argv = parse.argv(cmd);
      if (argv.empty()) continue;
      if (may_change_files(argv[0])) return;
      Interpreter kind = interpreter_of(argv[0]);
      size_t arg = kind == Interpreter::None ? std::string_view::npos : script_argument(kind, argv);
      if (arg != std::string_view::npos) {
        const ShellToken& word = parse.tokens[cmd.words[cmd.program + arg]];
        if (looks_like_script(word)) report_if_missing(ctx, site, code, command, word);
      }
      if (writes_file(parse, c)) return;
    }
  }

  static bool looks_like_script(const ShellToken& word) {
    if (word.has_expansion || word.has_binding || word.value.empty()) return false;
    if (word.value.front() == '/' || word.value.front() == '~') return false;
    std::string_view name = base_name(word.value);
    size_t dot = name.rfind('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < name.size();
  }

  void report_if_missing(RuleContext& ctx, const CommandSite& site, const std::string& code,
                         const yaml::Node& command, const ShellToken& word) const {
    if (!code.empty() && ctx.env.exists(resolve_local(code, word.value))) return;
    const bool beside_yaml = ctx.env.exists(resolve_local(site.base_dir, word.value));
    std::string message = "`" + word.value + "` ";
    if (code.empty()) {
      message += "is run, but the job has no `code` folder, so nothing is uploaded for it to run";
      message += beside_yaml ? "; add `code: .` (it is beside this file) or a code folder "
                               "that contains it"
                             : "; add `code:` naming the folder that contains it";
    } else {
      message +=
          "is not in the code folder `" + site.code->value + "`, which is the job's working folder";
      if (beside_yaml) message += "; it is beside this file: move it into the code folder";
    }
    ctx.report(kCode, ctx.value_range(command, word.range.begin, word.range.end),
               std::move(message));
  }
};

}  // namespace

const Rule& script_not_in_code() {
  static const ScriptNotInCode rule;
  return rule;
}

}  // namespace amllint::rules
