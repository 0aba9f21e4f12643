// The command line of amllint, parsed without side effects so that it can be tested.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace amllint::cli {

enum class Format { Text, Json, Sarif, Github, Junit };

struct Options {
  std::vector<std::string> paths;
  Format format = Format::Text;
  bool no_color = false;
  bool quiet = false;                // report errors only
  std::optional<long> max_warnings;  // more warnings than this fail the run
  std::string stdin_filename;
  std::string config;         // a .amllint.yaml to use instead of looking one up beside each file
  bool fix = false;           // write safe fixes back
  bool diff = false;          // print what --fix would change as a unified diff, write nothing
  bool unsafe_fixes = false;  // --fix/--diff apply unsafe fixes too (and count them as fixable)
  bool stats = false;
  unsigned jobs = 0;  // 0: one per hardware thread
  bool help = false;
  bool version = false;
  bool list_rules = false;  // print the rule catalogue
  std::string explain;      // print the documentation page of this code
  // --format github: also annotate infos (as ::notice); off by default because GitHub shows
  // only a few annotations per step and infos would crowd out errors and warnings.
  bool github_notices = false;
  // --format sarif: the rules' helpUri, a URL with `{code}` or a base that `<code>.md` is
  // appended to; empty omits helpUri. Unset: the project's docs/rules/ for this version.
  std::optional<std::string> rule_docs_url;
};

struct ParseResult {
  Options options;
  std::string error;  // non-empty for a usage error
};

ParseResult parse_options(const std::vector<std::string>& args);

const char* usage_text();

}  // namespace amllint::cli
