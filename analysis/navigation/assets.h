// `azureml:` names in the editor: what may follow `azureml:` at a cursor (the names of the
// project's workspace index, model/workspace_index.h, and Microsoft's curated environments,
// model/curated_names.h), and where the name under the cursor is declared. The kind of asset a
// value names follows its key, as the unknown-asset rule reads it (rules/unknown_asset.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"
#include "environment.h"

namespace amllint::nav {

struct AssetName {
  std::string text;    // what follows `azureml:` (`cpu-cluster`, `my-env:3`, `AzureML-x@latest`)
  std::string detail;  // "compute in infra/compute.yml", "curated environment", ...
};

// The names that may follow `azureml:` in the value of `key` under the mapping at `tokens`
// (JSON pointer tokens); empty when the key names no asset. `path` is the analysed file's path;
// with no `env` only Microsoft's names are offered.
std::vector<AssetName> asset_names(const std::vector<std::string>& tokens, const std::string& key,
                                   const std::string& path, Environment* env);

// Where the `azureml:` name of the value under `offset` is declared: a spec in the project or
// the `.amllint.yaml` that lists it.
struct AssetSite {
  TextRange value;    // the value's characters in the analysed document
  std::string title;  // "compute `cpu-cluster`"
  std::string file;   // where it is declared
  uint32_t line = 0;  // 0-based
  bool found = false;
  std::string note;  // "curated environment", "a default datastore of every workspace", ...
};
std::optional<AssetSite> asset_at(const Analysis& analysis, const std::string& path,
                                  Environment& env, uint32_t offset);

}  // namespace amllint::nav
