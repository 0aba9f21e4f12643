// What the project says its Azure ML workspace holds: the asset specs in the repo (environment,
// data, model, component, compute and datastore YAMLs, by `$schema` or shape, with their `name`
// and `version`), the names listed under `workspace:` in `.amllint.yaml`, and the datastores
// every workspace has. `azureml:` references are resolved against it (rules/unknown_asset.cpp);
// the editor's completion, hover and definition will read the same index.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace amllint {

struct Config;

enum class AssetKind { Environment, Data, Model, Component, Compute, Datastore };

const char* asset_kind_name(AssetKind kind);        // "environment", "compute", ...
const char* asset_kind_config_key(AssetKind kind);  // its `workspace:` key: "environments", ...

// What a field's string value names: `environment`, `compute`/`default_compute`,
// `datastore`/`default_datastore`, `component`; nullopt for other keys. The one mapping, for
// rules/unknown_asset.cpp and the editor (navigation/assets.cpp).
std::optional<AssetKind> asset_kind_of_field(std::string_view key);
// What an input's or output's `path` names, from the port's `type`: a model for the model types,
// else data.
AssetKind port_asset_kind(std::string_view port_type);

struct AssetDeclaration {
  AssetKind kind = AssetKind::Environment;
  std::string name;
  std::string version;  // empty when the spec has none (or for config and default names)
  std::string file;     // the spec or the `.amllint.yaml`; empty for defaults
  uint32_t line = 0;    // 0-based line of `name:` (or of the config entry)
  enum class Source { Spec, Config, Default } source = Source::Spec;
};

// The datastores every workspace is created with.
inline constexpr std::string_view kDefaultDatastores[] = {
    "workspaceblobstore", "workspaceartifactstore", "workspacefilestore",
    "workspaceworkingdirectory"};

struct WorkspaceIndex {
  std::string root;  // the folder that was scanned
  std::vector<AssetDeclaration> assets;
  // Kinds whose `workspace:` key is in the config: for them the index is taken as complete.
  std::set<AssetKind> listed;
  size_t files_scanned = 0;
  bool truncated = false;  // the scan stopped at its file limit

  std::vector<const AssetDeclaration*> find(AssetKind kind, std::string_view name) const;
  std::vector<std::string> names(AssetKind kind) const;
};

// Whether `config` has a `workspace:` section: such a config (given with `--config`) names the
// workspace's assets for every file; otherwise the `.amllint.yaml` beside the file does.
bool names_workspace(const Config* config);
// Whether `config`'s `workspace:` section has `kind`'s key: the index built with it is then taken
// as complete for that kind (WorkspaceIndex::listed).
bool lists_kind(const Config* config, AssetKind kind);

// The folder an index is built for: that of the `.amllint.yaml` that applies, else the nearest
// folder above `file_path` holding `.git`, else the file's own folder.
std::string workspace_root(const std::string& file_path, const Config* config);

// The look at a YAML file's text before the index parses it: false only when its root mapping
// cannot have a `name` key (as yaml::parse reads it, syntax error recovery included), so the file
// names no asset and is not parsed. Exposed for its tests.
bool may_have_root_name_key(std::string_view text);

// Scans `root` (recursively, skipping hidden folders, node_modules and build trees; at most
// kMaxIndexedFiles YAML files of up to 1 MB, and kMaxIndexedEntries entries in all) and adds
// `config`'s names and the defaults.
inline constexpr size_t kMaxIndexedFiles = 5000;
inline constexpr size_t kMaxIndexedEntries = 50000;
WorkspaceIndex build_workspace_index(const std::string& root, const Config* config);

}  // namespace amllint
