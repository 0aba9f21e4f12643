// Splits a job `command` into words and simple commands the way POSIX sh would, keeping byte
// ranges, so rules can look at command words (`pip install`) without being fooled by quoted text,
// `echo` arguments or comments. Azure ML bindings (`${{...}}`, `$[[...]]`) are opaque word parts:
// the service substitutes them before the shell runs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {

enum class ShellTokenKind {
  Word,
  Operator,  // && || ; | & ;; ( ) and redirections (< > >> << <& >& <> >| <<-)
  Newline,   // an unescaped line break: ends a command like ';'
};

struct ShellToken {
  ShellTokenKind kind = ShellTokenKind::Word;
  TextRange range;   // raw text, quotes included
  std::string text;  // raw text
  // For words: the text after quote removal and escape processing. Expansions ($VAR, $(...),
  // backticks) and bindings are kept literally.
  std::string value;
  bool quoted = false;         // some part was quoted or escaped
  bool has_expansion = false;  // $VAR, ${VAR}, $(...), `...`, $((...))
  bool has_binding = false;    // ${{...}} or $[[...]]
};

struct SimpleCommand {
  std::vector<size_t>
      words;        // indices into ShellParse::tokens; redirections and their targets excluded
  TextRange range;  // from the first to the last token of the command
  // The operator that ends the command: "&&", "||", ";", "|", "&", "\n", or "" at the end.
  std::string terminator;
  // Words after leading `NAME=value` assignments and wrappers (sudo, env, time, nohup, exec,
  // command, and reserved words such as `then`, `do`, `!`), i.e. the program and its arguments.
  size_t program = 0;  // index into `words`; == words.size() when there is none
};

enum class ShellIssueKind { UnterminatedQuote, UnterminatedSubstitution, UnterminatedHeredoc };

struct ShellIssue {
  ShellIssueKind kind;
  TextRange range;
  std::string message;
};

struct ShellParse {
  std::vector<ShellToken> tokens;
  std::vector<SimpleCommand> commands;
  std::vector<ShellIssue> issues;

  // The program word and its arguments of `command`, unquoted values.
  std::vector<std::string_view> argv(const SimpleCommand& command) const;
  // The longest run of commands joined by `&&` (a single command counts 1; no command counts 0).
  size_t longest_and_chain() const;
};

ShellParse parse_shell(std::string_view script);

struct PackageInstall {
  std::string tool;    // "pip", "conda", "mamba", "micromamba"
  TextRange range;     // from the program word to the `install` word
  size_t command = 0;  // index into ShellParse::commands
};

// `pip install`, `pip3 install`, `python -m pip install`, `python3 -m pip install`,
// `conda install`, `conda env create`/`update`, `mamba install`, `micromamba install`,
// `uv pip install` used as a command (not as quoted text or an echo argument).
std::vector<PackageInstall> find_package_installs(const ShellParse& parse);

}  // namespace amllint
