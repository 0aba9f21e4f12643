// Running an external program for the disk Environment: a PATH lookup, and a run with a time
// limit whose input texts are handed over as temporary files. Safe to call from many threads
// (posix_spawn, close-on-exec pipes), never through a shell.
#pragma once

#include <string>

#include "environment.h"

namespace amllint {

// `name` on $PATH (or `name` itself when it holds a '/'), if it is an executable file; else "".
std::string find_executable(const std::string& name);

ProgramResult run_with_files(const ProgramRun& run);

}  // namespace amllint
