// amllint from parsed arguments to exit status.
#pragma once

#include <string>
#include <vector>

namespace amllint::cli {

enum ExitStatus { kExitClean = 0, kExitFindings = 1, kExitTrouble = 2 };

// Runs amllint on `args` (without the program name); output goes to stdout and stderr.
int run(const std::vector<std::string>& args);

}  // namespace amllint::cli
