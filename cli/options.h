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
  std::string config;  // a .amllint.yaml to use instead of looking one up beside each file
  bool fix = false;    // write safe fixes back
  bool diff = false;   // print safe fixes as a unified diff, write nothing
  bool stats = false;
  unsigned jobs = 0;  // 0: one per hardware thread
  bool help = false;
  bool version = false;
  bool list_rules = false;  // print the rule catalogue
  std::string explain;      // print the documentation page of this code
};

struct ParseResult {
  Options options;
  std::string error;  // non-empty for a usage error
};

ParseResult parse_options(const std::vector<std::string>& args);

const char* usage_text();

}  // namespace amllint::cli
