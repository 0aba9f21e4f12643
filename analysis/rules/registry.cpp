// The registry: one row per code amllint reports, the core's and the rules'. Everything else
// reads it: the rule runner (which rules run, at what severity), the analysis driver (which
// findings rest on something being absent), `--list-rules`, `--explain`, SARIF rule descriptors,
// `.amllint.yaml` and `# amllint: disable=` validation, and the tests that check every emitted
// code, every doc page's header and every page's examples against it.
//
// A new rule adds its row(s) here and nothing else outside its own file, page and fixtures.
#include "rules/rule.h"

namespace amllint::rules {

// `RULE(name)` is the rule object defined in rules/<name>.cpp as `const Rule& rules::name()`.
// The accessor is declared inside the lambda (a block-scope declaration names a function of the
// enclosing namespace), so a new rule needs no header line: its rows are its registration.
#define RULE(name)      \
  []() -> const Rule& { \
    const Rule& name(); \
    return name();      \
  }

// Rows name only what differs from RuleInfo's defaults; GCC's -Wextra would flag every omitted
// member of a designated initializer.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using enum Severity;
using enum FixOffer;

// Rows of one rule are consecutive; rules run in the order of their first row.
const RuleInfo kRegistry[] = {
    // The YAML reader (syntax/yaml_tree.cpp) and the analysis driver (analyze.cpp).
    {.code = "invalid-encoding", .summary = "the file is binary or not valid UTF-8"},
    {.code = "syntax-error", .summary = "the YAML does not parse", .fixes = Unsafe},
    {.code = "duplicate-key",
     .severity = Warning,
     .summary = "a key appears twice in one mapping; the last one wins"},
    {.code = "alias-limit", .summary = "YAML aliases expand beyond a safe size"},
    {.code = "invalid-merge", .summary = "a `<<` merge key whose value is not a mapping"},

    // The schema validator (validation/schema_validate.cpp); `x-severity` in a schema is where
    // a severity varies, and the why below is what those schema places say.
    {.code = "unknown-key",
     .summary = "a key the service does not accept at this place",
     .fixes = Unsafe,
     .varies_to = Warning,
     .varies_why = "a warning where `az ml` accepts the file and ignores the key (a component's "
                   "top level, a `component:` step)"},
    {.code = "invalid-type", .summary = "a value of the wrong type"},
    {.code = "invalid-enum",
     .summary = "a value outside the set the service accepts",
     .fixes = Unsafe,
     .varies_to = Warning,
     .varies_why = "a warning for an unknown service `type`, which the SDK passes through"},
    {.code = "missing-key",
     .summary = "a required key is missing",
     .rests_on_absence = true,
     .varies_to = Warning,
     .varies_why = "a warning where `az ml` accepts the file: a pipeline without `jobs`, a "
                   "component without `name` (a pipeline that uses the file accepts it)"},
    {.code = "schema", .summary = "another violation of the job schema"},
    {.code = "date-value",
     .summary =
         "a plain `2024-01-01` where text is expected: YAML reads it as a date, `az ml` rejects it",
     .fixes = Safe},
    {.code = "missing-compute",
     .summary = "a pipeline step that runs on no compute (none on the step, the pipeline or its "
                "settings), or a Spark step or job with neither `resources` nor `compute`"},
    {.code = "invalid-component-name",
     .severity = Warning,
     .summary = "a component name `az ml component create` rejects (a pipeline referencing the "
                "file accepts it)"},

    // `# amllint: disable` comments (config/suppressions.cpp) and the editor (server/).
    {.code = "unknown-suppression",
     .severity = Warning,
     .summary = "an `amllint: disable` comment names a code that does not exist"},
    {.code = "analysis-budget",
     .severity = Warning,
     .summary = "the editor gave up analysing the file after its time budget"},

    // Values, commands, files and settings.
    {.code = "package-install-in-command",
     .rule = RULE(package_install_in_command),
     .severity = Warning,
     .summary = "a command installs packages at run time instead of in the environment"},
    {.code = "long-command-chain",
     .rule = RULE(long_command_chain),
     .severity = Warning,
     .summary = "a command chains more than three commands with `&&` instead of running a script"},
    {.code = "hardcoded-job-name",
     .rule = RULE(hardcoded_job_name),
     .severity = Warning,
     .summary =
         "a job sets `name`, which must be unique in the workspace, so it can be submitted once",
     .fixes = Unsafe},
    {.code = "implicit-boolean",
     .rule = RULE(implicit_boolean),
     .severity = Warning,
     .summary = "a plain `yes`/`no`/`on`/`off` that the CLI's YAML 1.1 loader turns into a boolean",
     .fixes = Both},
    {.code = "env-var-instead-of-input",
     .rule = RULE(env_var_instead_of_input),
     .severity = Warning,
     .summary = "an environment variable passes data that should be a job input"},
    {.code = "script-not-in-code",
     .rule = RULE(script_not_in_code),
     .severity = Warning,
     .summary = "a command runs a script file that is not in the uploaded `code` folder"},
    {.code = "data-in-code-folder",
     .rule = RULE(data_in_code_folder),
     .severity = Info,
     .summary = "the `code` folder holds data files that are uploaded with every job"},
    {.code = "snapshot-too-large",
     .rule = RULE(snapshot_too_large),
     .severity = Warning,
     .summary = "the `code` folder uploads more than 300 MB or 2,000 files after ignore rules"},
    {.code = "missing-local-path",
     .rule = RULE(missing_local_path),
     .severity = Warning,
     .summary = "a local data path of an input does not exist (yet)"},
    {.code = "missing-referenced-path",
     .rule = RULE(missing_local_path),
     .summary =
         "a code folder, component, environment file or include that `az ml` loads does not exist"},
    {.code = "malformed-reference",
     .rule = RULE(malformed_reference),
     .summary = "an asset reference or data URI does not have the shape the service parses",
     .fixes = Unsafe},
    {.code = "unknown-asset",
     .rule = RULE(unknown_asset),
     .severity = Warning,
     .summary = "an `azureml:` name the project, its workspace list or Microsoft's catalogue does "
                "not know",
     .fixes = Unsafe},
    {.code = "asset-version-mismatch",
     .rule = RULE(unknown_asset),
     .severity = Warning,
     .summary = "an `azureml:<name>:<version>` whose version the repo's own spec of that asset "
                "contradicts",
     .fixes = Unsafe},
    {.code = "secret-in-file",
     .rule = RULE(secret_in_file),
     .summary = "a SAS token, storage account key or connection string is written in the file"},
    {.code = "distribution-missing",
     .rule = RULE(distribution_missing),
     .severity = Warning,
     .summary = "`resources.instance_count` is above 1 but no `distribution` starts the processes"},
    {.code = "grid-sampling-non-choice",
     .rule = RULE(grid_sampling_non_choice),
     .summary = "grid sampling with a search-space parameter that is not a `choice`"},
    {.code = "bayesian-early-termination",
     .rule = RULE(bayesian_early_termination),
     .summary =
         "bayesian sampling combined with an early-termination policy, which it does not support"},
    {.code = "concurrent-trials-above-total",
     .rule = RULE(concurrent_trials_above_total),
     .severity = Warning,
     .summary = "`limits.max_concurrent_trials` is above `limits.max_total_trials`"},
    {.code = "missing-experiment-name",
     .rule = RULE(missing_experiment_name),
     .severity = Info,
     .summary = "a job without `experiment_name`",
     .rests_on_absence = true},
    {.code = "missing-display-name",
     .rule = RULE(missing_display_name),
     .severity = Info,
     .summary = "a job without `display_name`",
     .rests_on_absence = true},
    {.code = "shellcheck",
     .rule = RULE(shellcheck),
     .severity = Warning,
     .summary = "shellcheck finds a problem in a `command:` (when shellcheck is installed)",
     .varies_to = Info,
     .varies_why = "info for shellcheck's own info and style notes"},

    // Bindings, references, ports and the pipeline graph.
    {.code = "undefined-input",
     .rule = RULE(undefined_reference),
     .summary = "a binding names an input that is not declared",
     .fixes = Both,
     .rests_on_absence = true},
    {.code = "undefined-output",
     .rule = RULE(undefined_reference),
     .summary = "a binding names an output that is not declared",
     .fixes = Unsafe,
     .rests_on_absence = true},
    {.code = "undefined-step",
     .rule = RULE(undefined_reference),
     .summary = "a binding names a pipeline step that does not exist",
     .fixes = Unsafe,
     .rests_on_absence = true},
    {.code = "undefined-step-output",
     .rule = RULE(undefined_reference),
     .summary = "a binding names an output that the step's component does not declare",
     .fixes = Unsafe,
     .rests_on_absence = true},
    {.code = "undefined-search-space",
     .rule = RULE(undefined_reference),
     .summary = "a sweep trial names a parameter that `search_space` does not define",
     .fixes = Unsafe,
     .rests_on_absence = true},
    {.code = "legacy-binding-syntax",
     .rule = RULE(legacy_binding_syntax),
     .severity = Warning,
     .summary = "`$<<inputs.x>>` or `{inputs.x}`: an old binding spelling; write `${{inputs.x}}`",
     .fixes = Both},
    {.code = "legacy-syntax",
     .rule = RULE(legacy_syntax),
     .summary = "a form of the 2021 CLI v2 preview that today's CLI rejects, with today's spelling",
     .fixes = Both},
    {.code = "malformed-binding",
     .rule = RULE(malformed_binding),
     .severity = Warning,
     .summary = "a `${{...}}` or `$[[...]]` that is not closed or not a name Azure ML resolves",
     .fixes = Unsafe},
    {.code = "invalid-binding",
     .rule = RULE(malformed_binding),
     .summary = "a command component's command holds a binding the SDK rejects",
     .fixes = Unsafe},
    {.code = "missing-required-input",
     .rule = RULE(missing_required_input),
     .summary = "a pipeline step leaves a required input of its component unbound",
     .rests_on_absence = true},
    {.code = "unknown-port",
     .rule = RULE(unknown_port),
     .severity = Warning,
     .summary = "a pipeline step binds an input or output its component does not declare",
     .fixes = Unsafe},
    {.code = "unused-input",
     .rule = RULE(unused_input),
     .severity = Info,
     .summary = "a declared input is never referenced by a binding",
     .rests_on_absence = true},
    {.code = "incompatible-port-type",
     .rule = RULE(incompatible_port_type),
     .severity = Warning,
     .summary = "a step input is bound to an output or input of an incompatible type"},
    {.code = "pipeline-cycle",
     .rule = RULE(pipeline_cycle),
     .summary = "pipeline steps depend on each other in a cycle"},
};

#pragma GCC diagnostic pop
#undef RULE

}  // namespace amllint::rules

namespace amllint {

std::span<const RuleInfo> registry() {
  return rules::kRegistry;
}

}  // namespace amllint
