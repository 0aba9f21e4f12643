// Runs a program the way a shell or CI would, capturing what it prints.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace amllint::test {

struct ProcessResult {
  int status = -1;  // exit status, or 128 + signal
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string stdin_text;
  std::vector<std::pair<std::string, std::string>> env;  // set in the child ("" value: unset)
  std::string cwd;
  bool stdout_is_terminal = false;  // give the child a pseudo-terminal as stdout
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// Lines of `text`, without their '\n'.
std::vector<std::string> lines_of(const std::string& text);

}  // namespace amllint::test
