// One accessor per rule; each is defined in rules/<code>.cpp and listed in rules/registry.cpp.
#pragma once

#include "rules/rule.h"

namespace amllint::rules {

// (rules add their accessor here, e.g. `const Rule& pip_install_in_command();`)

// Values, commands, files and settings.
const Rule& package_install_in_command();
const Rule& long_command_chain();
const Rule& hardcoded_job_name();
const Rule& implicit_boolean();
const Rule& env_var_instead_of_input();
const Rule& script_not_in_code();
const Rule& data_in_code_folder();
const Rule& snapshot_too_large();
const Rule& missing_local_path();
const Rule& malformed_reference();
const Rule& unknown_asset();
const Rule& secret_in_file();
const Rule& distribution_missing();
const Rule& grid_sampling_non_choice();
const Rule& bayesian_early_termination();
const Rule& concurrent_trials_above_total();
const Rule& missing_experiment_name();
const Rule& missing_display_name();
const Rule& shellcheck();

// Bindings, references, ports and the pipeline graph.
const Rule& undefined_reference();
const Rule& legacy_binding_syntax();
const Rule& legacy_syntax();
const Rule& malformed_binding();
const Rule& missing_required_input();
const Rule& unknown_port();
const Rule& unused_input();
const Rule& incompatible_port_type();
const Rule& pipeline_cycle();

}  // namespace amllint::rules
