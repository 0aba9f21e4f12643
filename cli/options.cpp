#include "options.h"

#include <algorithm>
#include <charconv>

namespace amllint::cli {
namespace {

std::optional<Format> parse_format(const std::string& name) {
  if (name == "text") return Format::Text;
  if (name == "json") return Format::Json;
  if (name == "sarif") return Format::Sarif;
  if (name == "github") return Format::Github;
  if (name == "junit") return Format::Junit;
  return std::nullopt;
}

std::optional<long> parse_count(const std::string& text) {
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

const char* usage_text() {
  return R"(Usage: amllint [options] <path|directory|glob|->...
       amllint graph [--format mermaid|dot] <pipeline file>   (see amllint graph --help)

Lints Azure Machine Learning CLI v2 job and component YAML files.
Directories are searched recursively for *.yml and *.yaml (skipping .git and node_modules);
quote globs so that amllint expands them: 'jobs/**/*.yml' ('*', '?', '**').
"-" reads one file from standard input.

Options:
  -f, --format <fmt>       text (default), json, sarif, github or junit
      --no-color           never colour the text output (also: NO_COLOR=1)
  -c, --config <file>      use this .amllint.yaml for every file (default: the nearest one
                           in each file's folder or above)
  -q, --quiet              report errors only
      --max-warnings <n>   fail (exit 1) when there are more than n warnings
      --stdin-filename <p> the path to report, and resolve references from, for "-"
      --fix                apply safe fixes in place, then report what remains
      --unsafe-fixes       with --fix or --diff, apply unsafe fixes too (guessed names,
                           deleted lines); they may change what the file means
      --diff               print what --fix would change as a unified diff; write nothing
      --stats              print files/second and time per file to stderr
      --github-notices     with --format github, annotate infos too (default: errors and
                           warnings only; paths are relative to $GITHUB_WORKSPACE)
      --rule-docs-url <u>  with --format sarif, each rule's helpUri: a URL with {code}, or
                           a base that <code>.md is appended to ('' for none)
  -j, --jobs <n>           worker threads (default: one per hardware thread)
      --list-rules         list every code with its default severity and summary
      --explain <code>     print the documentation of a code
  -h, --help               show this help
      --version            show the version

Exit status: 0 no errors, 1 errors found (or too many warnings), 2 usage or I/O error.
With --diff: 0 nothing to change, 1 a diff was printed, 2 usage or I/O error.
)";
}

ParseResult parse_options(const std::vector<std::string>& args) {
  ParseResult result;
  Options& o = result.options;
  bool only_paths = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (only_paths || arg == "-" || arg.empty() || arg[0] != '-') {
      o.paths.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_paths = true;
      continue;
    }
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      if (size_t eq = arg.find('='); eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg.resize(eq);
      }
    } else if (arg.size() > 2 && (arg[1] == 'j' || arg[1] == 'f' || arg[1] == 'c')) {
      // A short option's value may be glued to it, as getopt allows: -j2 (make, ninja, cargo).
      inline_value = arg.substr(2);
      arg.resize(2);
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 < args.size()) return args[++i];
      result.error = arg + " needs a value";
      return std::nullopt;
    };
    auto flag = [&](bool& target) {
      if (inline_value) {
        result.error = arg + " takes no value";
        return;
      }
      target = true;
    };

    if (arg == "-f" || arg == "--format") {
      auto v = value();
      if (!v) return result;
      auto f = parse_format(*v);
      if (!f) {
        result.error = "unknown format '" + *v + "' (expected text, json, sarif, github or junit)";
        return result;
      }
      o.format = *f;
    } else if (arg == "--max-warnings") {
      auto v = value();
      if (!v) return result;
      o.max_warnings = parse_count(*v);
      if (!o.max_warnings) {
        result.error = "--max-warnings needs a non-negative number, not '" + *v + "'";
        return result;
      }
    } else if (arg == "-j" || arg == "--jobs") {
      auto v = value();
      if (!v) return result;
      auto n = parse_count(*v);
      if (!n || *n < 1 || *n > 1024) {
        result.error = arg + " needs a number from 1 to 1024, not '" + *v + "'";
        return result;
      }
      o.jobs = static_cast<unsigned>(*n);
    } else if (arg == "-c" || arg == "--config") {
      auto v = value();
      if (!v) return result;
      o.config = *v;
    } else if (arg == "--stdin-filename") {
      auto v = value();
      if (!v) return result;
      o.stdin_filename = *v;
    } else if (arg == "--rule-docs-url") {
      auto v = value();
      if (!v) return result;
      o.rule_docs_url = *v;
    } else if (arg == "--github-notices") {
      flag(o.github_notices);
    } else if (arg == "--no-color" || arg == "--no-colour") {
      flag(o.no_color);
    } else if (arg == "-q" || arg == "--quiet") {
      flag(o.quiet);
    } else if (arg == "--fix") {
      flag(o.fix);
    } else if (arg == "--diff") {
      flag(o.diff);
    } else if (arg == "--unsafe-fixes") {
      flag(o.unsafe_fixes);
    } else if (arg == "--stats") {
      flag(o.stats);
    } else if (arg == "-h" || arg == "--help") {
      flag(o.help);
    } else if (arg == "--version") {
      flag(o.version);
    } else if (arg == "--list-rules") {
      flag(o.list_rules);
    } else if (arg == "--explain") {
      auto v = value();
      if (!v) return result;
      o.explain = *v;
    } else {
      result.error = "unknown option " + arg;
    }
    if (!result.error.empty()) return result;
  }

  if (o.help || o.version || o.list_rules || !o.explain.empty()) return result;
  if (o.paths.empty()) {
    result.error = "no files to lint";
  } else if (o.fix && o.diff) {
    result.error = "--fix and --diff cannot be combined";
  } else if (std::count(o.paths.begin(), o.paths.end(), "-") > 1) {
    result.error = "\"-\" (standard input) can be given only once";
  } else if (o.fix && std::count(o.paths.begin(), o.paths.end(), "-") > 0) {
    result.error = "--fix cannot write back to standard input; use --diff";
  } else if (!o.stdin_filename.empty() && std::count(o.paths.begin(), o.paths.end(), "-") == 0) {
    result.error = "--stdin-filename needs \"-\" among the paths";
  }
  return result;
}

}  // namespace amllint::cli
