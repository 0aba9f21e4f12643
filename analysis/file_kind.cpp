#include "file_kind.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "yaml_tree.h"

namespace amllint {
namespace {

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

}  // namespace

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

FileKind component_kind_for_type(std::string_view type) {
  if (type.empty() || type == "command") return FileKind::CommandComponent;
  if (type == "pipeline") return FileKind::PipelineComponent;
  if (type == "parallel") return FileKind::ParallelComponent;
  if (type == "spark") return FileKind::SparkComponent;
  if (type == "data_transfer") return FileKind::DataTransferComponent;
  return FileKind::NotAzureMl;
}

FileKind detect_kind(std::string_view text, const yaml::Node* root) {
  if (!root || !root->is_mapping()) return FileKind::NotAzureMl;
  SchemaReference schema = classify_schema_url(find_schema_url(text, root));
  if (schema.hint == SchemaHint::Foreign || schema.hint == SchemaHint::OtherAzureMl)
    return FileKind::NotAzureMl;

  const yaml::Node* type_node = root->get("type");
  std::string_view type = type_node ? type_node->text() : std::string_view();
  static constexpr std::array<std::string_view, 8> kTypes = {
      "command", "sweep", "pipeline", "automl", "spark", "parallel", "data_transfer", "import"};
  if (type_node && std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end()) {
    // An unknown `type` only matters when the file says it is an Azure ML spec.
    if (schema.hint == SchemaHint::None) return FileKind::NotAzureMl;
  }

  // Without a `$schema`, only a file shaped like a spec is one: a conda file or a workflow with
  // a `jobs:` key must stay silent.
  if (schema.hint == SchemaHint::None) {
    bool shaped = false;
    if (type.empty()) {
      shaped = has(root, "command") && (has(root, "environment") || has(root, "code"));
    } else {
      for (std::string_view key : {"command", "jobs", "component", "trial", "task", "entry",
                                   "environment", "inputs", "outputs", "compute", "code"})
        if (has(root, key)) shaped = true;
    }
    if (!shaped) return FileKind::NotAzureMl;
  }

  // Jobs have no `version`; published components sometimes declare a job `$schema`.
  bool component = schema.hint == SchemaHint::Component || has(root, "version") ||
                   has(root, "is_deterministic") || has(root, "additional_includes") ||
                   type == "parallel" || (type != "pipeline" && declares_ports(root));
  if (component) return component_kind_for_type(type);
  if (type.empty() || type == "command") return FileKind::CommandJob;
  if (type == "sweep") return FileKind::SweepJob;
  if (type == "pipeline") return FileKind::PipelineJob;
  if (type == "automl") return FileKind::AutoMLJob;
  if (type == "spark") return FileKind::SparkJob;
  if (schema.hint == SchemaHint::Job && !type_node) return FileKind::CommandJob;
  return FileKind::NotAzureMl;
}

}  // namespace amllint
