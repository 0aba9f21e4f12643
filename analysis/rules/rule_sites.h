// Where the rules about commands, code folders and local files look: the mappings of a file that
// run a command (a job, a component, a sweep trial, an inline pipeline step or inline component),
// and small helpers to read values and resolve local paths the way the CLI does.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze.h"
#include "model/expressions.h"
#include "model/job_model.h"
#include "model/shell_words.h"
#include "syntax/yaml_tree.h"

namespace amllint {
class RuleContext;
}

namespace amllint::rules {

// Jobs (not components): only they are submitted under a name and an experiment.
bool is_job(FileKind kind);

// Mappings whose entries the service passes on as the user's text (`tags`, `properties`,
// `environment_variables`, Spark `conf`): their keys and values are no fields.
bool is_free_text_section(std::string_view key);

// What rules that read fields do not enter: the free-text sections, and a sweep's `search_space`,
// whose keys are the user's parameter names (a parameter may well be called `code` or `path`).
bool holds_no_fields(std::string_view key);

// True when `map` sets `key` to a non-empty value, or has a key that is a misspelling of it
// (which the schema already reports as unknown: one mistake, one message).
bool sets_key_or_misspelling(const yaml::Node& map, std::string_view key);

// A mapping that runs a shell `command` with its own `code`, `environment_variables`,
// `resources` and `distribution`.
struct CommandSite {
  const yaml::Node* holder = nullptr;   // the mapping
  const yaml::Node* command = nullptr;  // its `command` scalar, or null
  const yaml::Node* code = nullptr;     // its `code` value, or null
  std::string base_dir;                 // folder its relative paths resolve from
  bool pipeline_step = false;           // written as (or inside) a pipeline step
};

// Every command site of the file, including those of inline steps and inline components of
// pipelines (at any depth). Referenced component files are not included: they are linted
// as files of their own.
std::vector<CommandSite> command_sites(const JobModel& model);

// A `code:` value of the file (command sites, parallel `task.code`, Spark `code`) and the folder
// it resolves from; each local folder once.
struct CodeReference {
  const yaml::Node* node = nullptr;
  std::string folder;                 // resolved local folder
  const yaml::Node* owner = nullptr;  // the mapping that holds `code:`
};
std::vector<CodeReference> local_code_references(const JobModel& model);

// Every sweep definition: a sweep job's root, and each `type: sweep` step of a pipeline.
std::vector<const yaml::Node*> sweep_sites(const JobModel& model);

// A sweep's sampling algorithm (`grid`, `random`, `bayesian`), lower-cased, from the string
// or `{type: ...}` form, and the node that names it; empty when absent.
std::string sampling_algorithm(const yaml::Node& sweep, const yaml::Node** where = nullptr);

// The integer a plain scalar holds as the CLI reads it, if it is one.
std::optional<long long> integer_value(const yaml::Node* node);

// The local folder a `code:` value names, resolved; empty when it is remote, a binding,
// a placeholder or not a plain string.
std::string local_code_folder(const std::string& base_dir, const yaml::Node* code);

// parse_shell and scan_bindings of a value, for the rules that read the same commands and values
// one after another (package-install-in-command, long-command-chain and script-not-in-code parse
// each command; malformed-binding and shellcheck scan it): each thread keeps its last results by
// text, so the second rule reuses the first one's. Both are functions of the text alone.
std::shared_ptr<const ShellParse> shell_parse_of(std::string_view command);
std::shared_ptr<const BindingScan> binding_scan_of(std::string_view value);

// "12.3 MB", "512 bytes": sizes for messages (MB = 1024 * 1024 bytes, as the service counts).
std::string format_bytes(uint64_t bytes);

// The file range of a whole scalar's value (its text without quotes or block header).
TextRange whole_value_range(const RuleContext& ctx, const yaml::Node& scalar);

}  // namespace amllint::rules
