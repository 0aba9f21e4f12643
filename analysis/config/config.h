// `.amllint.yaml`: which rules run and at what severity, and which paths are not linted.
//
//   rules:
//     pip-install-in-command: off      # off | error | warning | info
//     missing-display-name: warning
//   ignore:
//     - generated/**                   # gitignore-style globs, relative to this file's folder
//   workspace:                         # names the workspace has that no file of the repo declares
//     computes: [cpu-cluster]          # (computes, datastores, environments, data, models,
//     datastores: [training_data]      #  components); a kind listed is checked for unknown names
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
  // `workspace:`: per kind (its key, e.g. "computes"), the names declared, with the offset of
  // each in the config file. A kind present here, even with no names, opts in to unknown-asset.
  struct WorkspaceName {
    std::string name;
    uint32_t line = 0;  // 0-based line in the config file
  };
  std::map<std::string, std::vector<WorkspaceName>, std::less<>> workspace;
  // Problems in the file itself, as "path:line:col: message".
  std::vector<std::string> errors;

  bool ignores(const std::string& file_path) const;
  // Applies `rules` to the diagnostics of one file: changes severities, drops disabled codes.
  void apply(std::vector<Diagnostic>& diagnostics) const;
};

Config parse_config(std::string_view text, const std::string& path);

}  // namespace amllint
