#include "validation/file_kind.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "suggest.h"
#include "syntax/yaml_tree.h"

namespace amllint {
namespace {

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

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string_view scalar_at(const yaml::Node* map, std::string_view key) {
  if (!map || !map->is_mapping()) return {};
  const yaml::Node* v = map->get(key);
  return v ? v->text() : std::string_view();
}

bool has(const yaml::Node* map, std::string_view key) {
  return map && map->is_mapping() && map->find_pair(key) != nullptr;
}

// Port declarations (`default:`, `optional:`, `is_control:`) only appear in components.
bool declares_ports(const yaml::Node* root) {
  for (std::string_view section : {"inputs", "outputs"}) {
    const yaml::Node* ports = root->get(section);
    if (!ports || !ports->is_mapping()) continue;
    for (const yaml::Pair& p : ports->pairs) {
      if (!p.value || !p.value->is_mapping()) continue;
      if (has(p.value, "optional") || has(p.value, "default") || has(p.value, "is_control") ||
          has(p.value, "enum") || has(p.value, "min") || has(p.value, "max"))
        return true;
    }
  }
  return false;
}

// Kinds of spec a top-level `type:` may name (jobs and components).
constexpr std::array<std::string_view, 8> kSpecTypes = {
    "command", "sweep", "pipeline", "automl", "spark", "parallel", "data_transfer", "import"};

// Top-level keys that only Azure ML specs use (okteto, Helm, compose and workflows do not).
constexpr std::array<std::string_view, 16> kAzureMlOnlyKeys = {
    "experiment_name",     "compute",        "environment_variables",
    "distribution",        "search_space",   "sampling_algorithm",
    "objective",           "trial",          "is_deterministic",
    "additional_includes", "queue_settings", "early_termination",
    "mini_batch_size",     "input_data",     "training_data",
    "target_column_name"};

// An environment as Azure ML writes it: a reference string (`azureml:...`, `azureml://...`,
// `file:...`), or an inline definition built from an image, a conda file or a build context.
bool environment_like(const yaml::Node& env) {
  if (env.is_scalar()) {
    std::string_view v = env.value;
    return v.substr(0, 8) == "azureml:" || v.substr(0, 5) == "file:";
  }
  if (!env.is_mapping()) return false;
  static constexpr std::array<std::string_view, 9> kInlineKeys = {
      "image",       "conda_file", "build",           "name", "version", "os_type",
      "description", "tags",       "inference_config"};
  bool defines = has(&env, "image") || has(&env, "conda_file") || has(&env, "build");
  for (const yaml::Pair& p : env.pairs) {
    std::string_view k = p.key ? p.key->text() : std::string_view();
    if (std::find(kInlineKeys.begin(), kInlineKeys.end(), k) == kInlineKeys.end()) return false;
  }
  return defines;
}

// Ports declared or given the Azure ML way: `{type: uri_folder, ...}`.
bool typed_ports(const yaml::Node* ports) {
  if (!ports || !ports->is_mapping()) return false;
  static constexpr std::array<std::string_view, 7> kPortTypes = {
      "uri_file", "uri_folder", "mltable", "mlflow_model", "custom_model", "triton_model", "path"};
  for (const yaml::Pair& p : ports->pairs) {
    if (!p.value || !p.value->is_mapping()) continue;
    std::string t = lower(scalar_at(p.value, "type"));
    if (std::find(kPortTypes.begin(), kPortTypes.end(), t) != kPortTypes.end()) return true;
  }
  return false;
}

// An `azureml:` reference or an Azure ML binding (`${{inputs.x}}`, `${{parent...}}`) anywhere.
bool mentions_azureml(const yaml::Node& n, int& budget) {
  if (--budget < 0) return false;
  if (n.is_scalar()) {
    std::string_view v = n.value;
    if (v.substr(0, 8) == "azureml:") return true;
    for (std::string_view head : {"inputs.", "outputs.", "parent.", "search_space."}) {
      for (size_t at = v.find("${{"); at != std::string_view::npos; at = v.find("${{", at + 3)) {
        size_t b = at + 3;
        while (b < v.size() && v[b] == ' ') ++b;
        if (v.substr(b, head.size()) == head) return true;
      }
    }
    return false;
  }
  for (const yaml::Node* item : n.items)
    if (item && mentions_azureml(*item, budget)) return true;
  for (const yaml::Pair& p : n.pairs)
    if (p.value && mentions_azureml(*p.value, budget)) return true;
  return false;
}

// "commandJob" -> "command", "sparkComponent" -> "spark", "pipelineJob" -> "pipeline".
std::string type_from_schema_name(std::string_view name) {
  std::string l = lower(name);
  for (std::string_view known : kSpecTypes) {
    std::string compact(known);
    std::erase(compact, '_');
    if (l.rfind(compact, 0) == 0) return std::string(known);
  }
  return {};
}

SchemaReference classify_schema_url(std::string_view url) {
  SchemaReference ref;
  if (url.empty()) return ref;
  // The stem: the last path segment without `.schema.json`/`.json`.
  std::string_view stem = url;
  if (size_t q = stem.find_first_of("?#"); q != std::string_view::npos) stem = stem.substr(0, q);
  if (size_t slash = stem.find_last_of("/\\"); slash != std::string_view::npos)
    stem = stem.substr(slash + 1);
  for (std::string_view ext : {".schema.json", ".json", ".yaml", ".yml"}) {
    if (stem.size() > ext.size() && lower(stem.substr(stem.size() - ext.size())) == ext) {
      stem = stem.substr(0, stem.size() - ext.size());
      break;
    }
  }
  ref.name = std::string(stem);
  std::string l = lower(url);
  std::string s = lower(stem);
  bool azure = contains(l, "azureml") || contains(l, "azuremlschemas") || contains(l, "azuremlsdk");
  bool looks_like_spec = contains(s, "job") || contains(s, "component");
  if (!azure && !looks_like_spec) {
    ref.hint = SchemaHint::Foreign;
    return ref;
  }
  if (contains(s, "component")) {
    ref.hint = SchemaHint::Component;
  } else if (contains(s, "job")) {
    ref.hint = SchemaHint::Job;
  } else if (azure) {
    ref.hint = SchemaHint::OtherAzureMl;
  } else {
    ref.hint = SchemaHint::Foreign;
  }
  return ref;
}

// The `$schema` of a file: the root key, or else a `# yaml-language-server: $schema=` modeline.
std::string find_schema_url(std::string_view text, const yaml::Node* root) {
  std::string_view direct = scalar_at(root, "$schema");
  if (!direct.empty()) return std::string(direct);
  constexpr std::string_view kModeline = "yaml-language-server:";
  size_t at = text.find(kModeline);
  if (at == std::string_view::npos) return {};
  size_t schema = text.find("$schema=", at);
  size_t eol = text.find('\n', at);
  if (schema == std::string_view::npos || (eol != std::string_view::npos && schema > eol))
    return {};
  size_t b = schema + 8;
  size_t e = b;
  while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e]))) ++e;
  return std::string(text.substr(b, e - b));
}

}  // namespace

FileKind component_kind_for_type(std::string_view type) {
  // The SDK lower-cases a component's `type` before it dispatches (`type: Parallel` loads).
  std::string t = lower(type);
  if (t.empty() || t == "command") return FileKind::CommandComponent;
  if (t == "pipeline") return FileKind::PipelineComponent;
  if (t == "parallel") return FileKind::ParallelComponent;
  if (t == "spark") return FileKind::SparkComponent;
  if (t == "data_transfer") return FileKind::DataTransferComponent;
  return FileKind::NotAzureMl;
}

std::string nearest_spec_type(std::string_view type) {
  if (type.empty()) return {};
  for (std::string_view known : kSpecTypes)
    if (known == type) return std::string(known);
  std::vector<std::string> candidates(kSpecTypes.begin(), kSpecTypes.end());
  // edit_distance ignores case, so `Command` is at distance 0 from `command`.
  return closest_name(type, candidates);
}

namespace {

// Whether a file without `$schema` shows that it is an Azure ML spec rather than another tool's
// YAML with a `command:` (okteto, Helm values, compose, workflows): an `azureml:` reference, a
// `${{inputs...}}`-style binding, an Azure ML environment, typed ports, a step with `component:`,
// or a top-level key only Azure ML uses (`experiment_name`, `compute`, `distribution`, ...).

bool has_azureml_evidence(const yaml::Node* root) {
  if (!root || !root->is_mapping()) return false;
  for (std::string_view key : kAzureMlOnlyKeys)
    if (has(root, key)) return true;
  if (const yaml::Node* env = root->get("environment"); env && environment_like(*env)) return true;
  if (typed_ports(root->get("inputs")) || typed_ports(root->get("outputs"))) return true;
  if (const yaml::Node* jobs = root->get("jobs"); jobs && jobs->is_mapping())
    for (const yaml::Pair& p : jobs->pairs)
      if (p.value && p.value->is_mapping() && has(p.value, "component")) return true;
  int budget = 4000;
  return mentions_azureml(*root, budget);
}

}  // namespace

FileKind detect_kind(std::string_view text, const yaml::Node* root) {
  if (!root || !root->is_mapping()) return FileKind::NotAzureMl;
  SchemaReference schema = classify_schema_url(find_schema_url(text, root));
  if (schema.hint == SchemaHint::Foreign || schema.hint == SchemaHint::OtherAzureMl)
    return FileKind::NotAzureMl;
  bool declared = schema.hint == SchemaHint::Job || schema.hint == SchemaHint::Component;

  const yaml::Node* type_node = root->get("type");
  std::string_view written = type_node ? type_node->text() : std::string_view();
  // A misspelt or mis-cased `type:` (`comand`, `pipline`, `Command`) is checked as the kind it
  // is closest to, so that the schema reports the typo and still checks the rest; a `type:` far
  // from every kind (`type: ClusterIP`) only counts with an Azure ML `$schema`.
  std::string type = nearest_spec_type(written);
  if (type_node && type.empty()) {
    if (!declared) return FileKind::NotAzureMl;
    type = type_from_schema_name(schema.name);
    if (type.empty()) return FileKind::NotAzureMl;
  }
  bool exact = type == written;

  // Without a `$schema`, only a file shaped like a spec and with evidence that it is one (an
  // `azureml:` reference, a `${{...}}` binding, an Azure ML environment, typed ports, keys no
  // other tool uses) is linted: an okteto manifest or a Helm `values.yaml` also has top-level
  // `command` and `environment`, a workflow has `jobs`.
  if (!declared) {
    bool shaped = false;
    if (!type_node) {
      shaped = has(root, "command") && (has(root, "environment") || has(root, "code"));
      // A command job whose `command` is missing (or misspelt) is still one when it has its
      // code, environment and a key only jobs have: `az ml job create` rejects it for that.
      shaped |= has(root, "code") && has(root, "environment") &&
                (has(root, "experiment_name") || has(root, "compute") || has(root, "distribution"));
    } else {
      for (std::string_view key : {"command", "jobs", "component", "trial", "task", "entry",
                                   "environment", "inputs", "outputs", "compute", "code"})
        if (has(root, key)) shaped = true;
    }
    if (!shaped) return FileKind::NotAzureMl;
    // A known `type:` spelt exactly is evidence enough; a missing or misspelt one is not.
    if (!(type_node && exact) && !has_azureml_evidence(root)) return FileKind::NotAzureMl;
  }

  // Jobs have no `version`; published components sometimes declare a job `$schema`.
  bool component = schema.hint == SchemaHint::Component || has(root, "version") ||
                   has(root, "is_deterministic") || has(root, "additional_includes") ||
                   type == "parallel" ||
                   // Port declarations make a component, unless the file says it is a job and
                   // has no component `name`: a job with `{type: integer, default: 1}` inputs
                   // is a job `az ml` rejects, not a component.
                   (type != "pipeline" && declares_ports(root) &&
                    (schema.hint != SchemaHint::Job || has(root, "name")));
  if (component) {
    // A misspelt `type: sweeep` in a component names no component kind ("Unsupported component
    // type"): check it as a command component so that the schema says so. An exact type we do
    // not model (`automl`, `import` components) stays silent.
    FileKind kind = component_kind_for_type(type);
    return kind == FileKind::NotAzureMl && !exact ? FileKind::CommandComponent : kind;
  }
  if (type.empty() || type == "command") return FileKind::CommandJob;
  if (type == "sweep") return FileKind::SweepJob;
  if (type == "pipeline") return FileKind::PipelineJob;
  if (type == "automl") return FileKind::AutoMLJob;
  if (type == "spark") return FileKind::SparkJob;
  return FileKind::NotAzureMl;
}

}  // namespace amllint
