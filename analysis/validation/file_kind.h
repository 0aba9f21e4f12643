// Which Azure ML spec a YAML file is, from its `type:`, its shape and its `$schema` hint.
#pragma once

#include <string>
#include <string_view>

#include "analyze.h"

namespace amllint {

namespace yaml {
struct Node;
}

// What a `$schema` reference names, once its URL form (azuremlschemas `latest/<x>.schema.json`,
// `http://azureml/sdk-2-0/<X>.json`, a local path, a modeline) is stripped away.
enum class SchemaHint {
  None,          // no `$schema` at all
  Foreign,       // a schema that is not Azure ML's (e.g. json.schemastore.org)
  OtherAzureMl,  // an Azure ML spec that is not a job or component (environment, data, ...)
  Job,           // some job schema: `type:` says which
  Component,     // some component schema
};

struct SchemaReference {
  SchemaHint hint = SchemaHint::None;
  std::string name;  // the schema's stem, e.g. "commandJob"; empty when none
};

SchemaReference classify_schema_url(std::string_view url);

// The `$schema` of a file: the root key, or else a `# yaml-language-server: $schema=` modeline.
std::string find_schema_url(std::string_view text, const yaml::Node* root);

FileKind detect_kind(std::string_view text, const yaml::Node* root);

// The kind of spec a top-level `type:` names: itself when spelt exactly, else the closest known
// kind (`comand` -> `command`, `Command` -> `command`), else empty.
std::string nearest_spec_type(std::string_view type);

// Whether a file without `$schema` shows that it is an Azure ML spec rather than another tool's
// YAML with a `command:` (okteto, Helm values, compose, workflows): an `azureml:` reference, a
// `${{inputs...}}`-style binding, an Azure ML environment, typed ports, a step with `component:`,
// or a top-level key only Azure ML uses (`experiment_name`, `compute`, `distribution`, ...).
bool has_azureml_evidence(const yaml::Node* root);

// Kind of a file referenced from a pipeline step's `component:`: always a component.
FileKind component_kind_for_type(std::string_view type);

}  // namespace amllint
