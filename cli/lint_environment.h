// The environment a batch run's analyses share: the disk, as every analysis reads it, with one
// difference: a program run (shellcheck) is a wait outside the process, so the worker running it
// lends its turn to another file meanwhile (ordered_pool.h, OffCpu). What is read and found is
// the disk environment's own, so the output is the same.
#pragma once

#include <memory>

#include "environment.h"

namespace amllint::cli {

std::shared_ptr<Environment> make_lint_environment();

}  // namespace amllint::cli
