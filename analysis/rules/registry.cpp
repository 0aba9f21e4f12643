#include "rules/rules.h"

namespace amllint {

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = {
      // (one line per rule, e.g. `&rules::pip_install_in_command(),`)
      &rules::package_install_in_command(),
      &rules::long_command_chain(),
      &rules::hardcoded_job_name(),
      &rules::implicit_boolean(),
      &rules::env_var_instead_of_input(),
      &rules::script_not_in_code(),
      &rules::data_in_code_folder(),
      &rules::snapshot_too_large(),
      &rules::missing_local_path(),
      &rules::malformed_reference(),
      &rules::unknown_asset(),
      &rules::secret_in_file(),
      &rules::distribution_missing(),
      &rules::grid_sampling_non_choice(),
      &rules::bayesian_early_termination(),
      &rules::concurrent_trials_above_total(),
      &rules::missing_experiment_name(),
      &rules::missing_display_name(),
      &rules::shellcheck(),
      &rules::undefined_reference(),
      &rules::legacy_binding_syntax(),
      &rules::legacy_syntax(),
      &rules::malformed_binding(),
      &rules::missing_required_input(),
      &rules::unknown_port(),
      &rules::unused_input(),
      &rules::incompatible_port_type(),
      &rules::pipeline_cycle(),
  };
  return rules;
}

}  // namespace amllint
