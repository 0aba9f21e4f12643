#include "navigation/assets.h"

#include <algorithm>

#include "model/curated_names.h"
#include "model/uri.h"
#include "model/workspace_index.h"
#include "navigation/tree_reading.h"

namespace amllint::nav {
namespace {

// The asset kind of `key`'s value under `tokens`, as rules/unknown_asset.cpp's `collect` reads
// it: a port's `path` names data (or a model), the other keys their own kind.
std::optional<AssetKind> kind_of(const std::vector<std::string>& tokens, const std::string& key,
                                 const yaml::Node* holder) {
  const size_t n = tokens.size();
  if (key == "path" && n >= 2 && (tokens[n - 2] == "inputs" || tokens[n - 2] == "outputs")) {
    const yaml::Node* type = holder && holder->is_mapping() ? holder->get("type") : nullptr;
    return port_asset_kind(type ? type->text() : "");
  }
  if (n >= 1 && (tokens[n - 1] == "inputs" || tokens[n - 1] == "outputs")) return std::nullopt;
  return asset_kind_of_field(key);
}

std::shared_ptr<const WorkspaceIndex> index_for(const std::string& path, Environment* env) {
  return path.empty() || !env ? nullptr : env->workspace_index(path);
}

std::string where(const AssetDeclaration& a, const WorkspaceIndex& index) {
  switch (a.source) {
    case AssetDeclaration::Source::Default: return "a datastore every workspace has";
    case AssetDeclaration::Source::Config:
    case AssetDeclaration::Source::Spec: break;
  }
  std::string file = a.file;
  if (!index.root.empty() && file.rfind(index.root + "/", 0) == 0)
    file = file.substr(index.root.size() + 1);
  return std::string(asset_kind_name(a.kind)) + " in " + file + ":" + std::to_string(a.line + 1);
}

std::vector<AssetName> names_of(AssetKind kind, const std::string& path, Environment* env) {
  std::vector<AssetName> out;
  auto add = [&](std::string text, std::string detail) {
    for (const AssetName& n : out)
      if (n.text == text) return;
    out.push_back({std::move(text), std::move(detail)});
  };
  if (auto index = index_for(path, env)) {
    for (const AssetDeclaration& a : index->assets) {
      if (a.kind != kind) continue;
      // Versioned assets are referenced as `name:version` or `name@latest`.
      const bool versioned = kind != AssetKind::Compute && kind != AssetKind::Datastore;
      if (versioned && !a.version.empty()) add(a.name + ":" + a.version, where(a, *index));
      add(versioned ? a.name + "@latest" : a.name, where(a, *index));
    }
  }
  if (kind == AssetKind::Environment)
    for (std::string_view c : curated_environment_names())
      add(std::string(c) + "@latest", "curated environment");
  return out;
}

}  // namespace

std::vector<AssetName> asset_names(const std::vector<std::string>& tokens, const std::string& key,
                                   const std::string& path, Environment* env) {
  std::optional<AssetKind> kind = kind_of(tokens, key, nullptr);
  if (!kind) return {};
  return names_of(*kind, path, env);
}

std::optional<AssetSite> asset_at(const Analysis& analysis, const std::string& path,
                                  Environment& env, uint32_t offset) {
  if (analysis.kind == FileKind::NotAzureMl || !analysis.tree) return std::nullopt;
  std::vector<const yaml::Node*> nodes = yaml::path_to(*analysis.tree, offset);
  if (nodes.size() < 2 || !nodes.back()->is_scalar()) return std::nullopt;
  const yaml::Node* value = nodes.back();
  const yaml::Node* holder = nodes[nodes.size() - 2];
  const yaml::Pair* pair = nullptr;
  for (const auto& p : holder->pairs)
    if (p.value == value && p.key && !p.merged) pair = &p;
  if (!pair) return std::nullopt;
  TreePath tp = tree_path(*analysis.tree, offset);
  if (tp.tokens.empty()) return std::nullopt;
  tp.tokens.pop_back();  // the key itself
  std::optional<AssetKind> kind = kind_of(tp.tokens, pair->key->value.str(), holder);
  if (!kind) return std::nullopt;
  Reference ref = parse_reference(value->value);
  if (ref.kind != ReferenceKind::AssetName && ref.kind != ReferenceKind::AssetVersion &&
      ref.kind != ReferenceKind::AssetLabel)
    return std::nullopt;
  const ReferencePart* name = ref.part("name");
  if (!name || name->value.empty()) return std::nullopt;
  AssetSite site;
  site.value = key_text_range(*value);
  site.title = std::string(asset_kind_name(*kind)) + " `" + name->value + "`";
  if (auto index = index_for(path, &env)) {
    for (const AssetDeclaration* a : index->find(*kind, name->value)) {
      if (a->source == AssetDeclaration::Source::Default) {
        site.note = "a datastore every workspace has";
        continue;
      }
      site.file = a->file;
      site.line = a->line;
      site.found = true;
      break;
    }
  }
  if (!site.found && *kind == AssetKind::Environment) {
    const auto& curated = curated_environment_names();
    if (std::find(curated.begin(), curated.end(), name->value) != curated.end())
      site.note = "a curated environment every workspace has";
  }
  return site;
}

}  // namespace amllint::nav
