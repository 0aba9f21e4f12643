// `.amllint.yaml`: which rules run and at what severity, and which paths are not linted.
//
//   rules:
//     pip-install-in-command: off      # off | error | warning | info
//     missing-display-name: warning
//   ignore:
//     - generated/**                   # gitignore-style globs, relative to this file's folder
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {

inline constexpr std::string_view kConfigFileNames[] = {".amllint.yaml", ".amllint.yml"};

struct Config {
  std::string path;  // the config file
  std::string dir;   // its folder: `ignore` globs are relative to it
  // nullopt: the rule is off.
  std::map<std::string, std::optional<Severity>, std::less<>> rules;
  std::vector<std::string> ignore;
  // Problems in the file itself, as "path:line:col: message".
  std::vector<std::string> errors;

  bool ignores(const std::string& file_path) const;
  // Applies `rules` to the diagnostics of one file: changes severities, drops disabled codes.
  void apply(std::vector<Diagnostic>& diagnostics) const;
};

Config parse_config(std::string_view text, const std::string& path);

}  // namespace amllint
