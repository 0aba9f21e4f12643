// Turns the paths, directories and quoted globs of the command line into the files to lint.
#pragma once

#include <string>
#include <vector>

namespace amllint::cli {

struct Input {
  std::string path;  // as shown to the user; for stdin, the --stdin-filename or "<stdin>"
  bool from_stdin = false;
};

struct Discovery {
  std::vector<Input> files;         // in argument order; each directory or glob sorted by path
  std::vector<std::string> errors;  // "path: reason", for arguments and folders that failed
};

// Directories are walked recursively for *.yml and *.yaml files, skipping .git and node_modules.
// A file named on the command line is linted whatever its extension. "-" is stdin. A file reached
// twice is linted once, where it first appears.
Discovery discover(const std::vector<std::string>& args, const std::string& stdin_filename);

// True for the extensions a directory walk picks up.
bool is_yaml_name(std::string_view name);

}  // namespace amllint::cli
