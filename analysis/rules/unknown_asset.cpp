// `azureml:` references resolved against what the project knows (workspace_index.h) and what
// Microsoft publishes (curated_names.h): a misspelt curated environment or registry asset, a
// name the project says its workspace does not have, a version the repo's own spec contradicts.
// All warnings: the workspace may hold what the repo does not show.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "config/config.h"
#include "environment.h"
#include "model/curated_names.h"
#include "model/uri.h"
#include "model/workspace_index.h"
#include "rules/rule.h"
#include "suggest.h"
#include "syntax/tree_walk.h"

namespace amllint::rules {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string without_digits(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(c));
  return out;
}

// The lists are static (curated_names.h): their lowered forms and digit-free skeletons are made
// once per process rather than for every reference.
struct PreparedNames {
  std::vector<std::string_view> names;
  std::vector<std::string> lowered, skeletons;
};

const PreparedNames& prepared(const std::vector<std::string_view>& names) {
  static std::mutex mutex;
  static std::map<const void*, std::unique_ptr<PreparedNames>> cache;
  std::lock_guard lock(mutex);
  std::unique_ptr<PreparedNames>& slot = cache[&names];
  if (!slot) {
    slot = std::make_unique<PreparedNames>();
    slot->names = names;
    for (std::string_view n : names) {
      slot->lowered.push_back(lower(n));
      slot->skeletons.push_back(without_digits(n));
    }
  }
  return *slot;
}

std::string closest_published(std::string_view name, const PreparedNames& list) {
  const std::string key = lower(name);
  const std::string skeleton = without_digits(name);
  constexpr size_t kMaxDistance = 3;
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (size_t i = 0; i < list.names.size(); ++i) {
    if (list.lowered[i] == key) return {};  // known (names compare case-insensitively here)
    if (list.skeletons[i] == skeleton) return {};
  }
  for (size_t i = 0; i < list.names.size(); ++i) {
    const std::string& candidate = list.lowered[i];
    // The distance is at least the difference in length: most names need no table at all.
    size_t gap = candidate.size() > key.size() ? candidate.size() - key.size()
                                               : key.size() - candidate.size();
    if (gap > kMaxDistance || gap >= best_distance) continue;
    size_t d = edit_distance(key, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(list.names[i]);
    }
  }
  return best_distance <= kMaxDistance ? best : std::string();
}

// The published name `name` was most likely meant to be, or empty. A name that differs from a
// published one only in its digits is another version (sklearn-1.6, cuda12.8) that the bundled
// list may not know yet, never a typo; and a name far from every published one may be newer
// than the list. Only a close, non-digit difference is reported. The same reference recurs in
// every step of a pipeline, so answers are remembered (a bounded cache shared by all threads).
std::string published_typo(std::string_view name, const std::vector<std::string_view>& names) {
  const PreparedNames& list = prepared(names);
  std::string key = std::to_string(reinterpret_cast<uintptr_t>(&names)) + ':' + std::string(name);
  static std::mutex mutex;
  static std::unordered_map<std::string, std::string> answers;
  {
    std::lock_guard lock(mutex);
    if (auto it = answers.find(key); it != answers.end()) return it->second;
  }
  std::string answer = closest_published(name, list);
  std::lock_guard lock(mutex);
  if (answers.size() >= 4096) answers.clear();
  answers.emplace(std::move(key), answer);
  return answer;
}

struct Site {
  const yaml::Node* scalar;
  AssetKind kind;
};

// Every scalar that names an asset, with the kind its key implies (`sites`), and every scalar
// (`all`).
struct Collector {
  std::vector<Site>& sites;
  std::vector<const yaml::Node*>& all;

  // Keys under `inputs:`/`outputs:` are port names, not fields: only a port's `path` names an
  // asset.
  void port(const yaml::Node& value) {
    if (!value.is_mapping()) return;
    const yaml::Node* path = value.get("path");
    const yaml::Node* type = value.get("type");
    if (path && path->is_scalar())
      sites.push_back({path, port_asset_kind(type ? type->text() : "")});
  }

  bool operator()(const yaml::Visit& v) {
    const yaml::Visit* up = v.up;
    const bool is_port = v.pair && up && up->pair && up->node.is_mapping() &&
                         (up->key() == "inputs" || up->key() == "outputs");
    if (v.pair && !is_port && !v.pair->key->is_scalar()) return false;
    if (is_port) port(v.node);
    if (v.node.is_scalar()) {
      all.push_back(&v.node);
      if (v.pair && !is_port) field(v.key(), v.node);
      return false;
    }
    // Ports merged in with `<<` count where they are merged: the walk skips merged pairs.
    if (v.pair && v.node.is_mapping() && (v.key() == "inputs" || v.key() == "outputs"))
      for (const yaml::Pair& p : v.node.pairs)
        if (p.merged && p.value) {
          port(*p.value);
          yaml::walk_tree(*p.value, *this);
        }
    return true;
  }

  void field(std::string_view key, const yaml::Node& value) {
    if (std::optional<AssetKind> kind = asset_kind_of_field(key)) sites.push_back({&value, *kind});
  }
};

void collect(const yaml::Node* root, std::vector<Site>& sites,
             std::vector<const yaml::Node*>& all) {
  if (!root) return;
  Collector c{sites, all};
  yaml::walk_tree(*root, c);
}

// The project's index, asked for on first need. Building it parses every YAML file of the
// project, and most references are judged without it: a compute or registered name of a kind
// the config does not list, a default datastore, a curated environment. A project none of whose
// files needs it is never scanned (in a batch of job files that name only computes and curated
// environments, the scan was a second parse of every file).
class LazyIndex {
 public:
  explicit LazyIndex(RuleContext& ctx) : ctx_(ctx) {}

  const WorkspaceIndex* get() {
    if (!asked_) {
      asked_ = true;
      if (!ctx_.path.empty()) index_ = ctx_.env.workspace_index(ctx_.path, ctx_.config);
    }
    return index_.get();
  }

  // Whether the index is complete for `kind`, without building it: its `listed` kinds are the
  // `workspace:` keys of the config it takes its names from (workspace_index.h).
  bool listed(AssetKind kind) {
    if (asked_) return index_ && index_->listed.count(kind);
    if (ctx_.path.empty()) return false;  // no index at all
    if (!config_found_) {
      config_found_ = true;
      const Config* given = ctx_.config;
      if (names_workspace(given)) {
        config_ = given;
      } else {
        beside_ = ctx_.env.config_for(ctx_.path);
        config_ = beside_.get();
      }
    }
    return lists_kind(config_, kind);
  }

 private:
  RuleContext& ctx_;
  bool asked_ = false;
  std::shared_ptr<const WorkspaceIndex> index_;
  bool config_found_ = false;
  std::shared_ptr<const Config> beside_;
  const Config* config_ = nullptr;
};

class UnknownAsset final : public Rule {
 public:
  // Step-local (rule.h): each finding is one reference, looked up in the workspace, not in other
  // steps.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    std::vector<Site> sites;
    std::vector<const yaml::Node*> scalars;
    collect(ctx.tree.root, sites, scalars);
    if (sites.empty() && std::none_of(scalars.begin(), scalars.end(), [](const yaml::Node* s) {
          return s->value.rfind("azureml://datastores/", 0) == 0;
        }))
      return;
    LazyIndex index(ctx);

    for (const Site& site : sites) {
      Reference ref = parse_reference(site.scalar->value);
      if (ref.has_binding || ref.has_placeholder || !ref.ok()) continue;
      if (ref.kind == ReferenceKind::AssetVersion || ref.kind == ReferenceKind::AssetLabel ||
          ref.kind == ReferenceKind::AssetName)
        check_name(ctx, *site.scalar, ref, site.kind, index);
      else if (ref.kind == ReferenceKind::RegistryAsset)
        check_registry(ctx, *site.scalar, ref);
    }
    // `azureml://datastores/<ds>/paths/...` may stand anywhere a path does.
    for (const yaml::Node* s : scalars) {
      if (s->value.rfind("azureml://datastores/", 0) != 0) continue;
      Reference ref = parse_reference(s->value);
      if (ref.kind != ReferenceKind::DatastoreUri || ref.has_binding || ref.has_placeholder)
        continue;
      if (const ReferencePart* ds = ref.part("datastore"))
        check_unknown(ctx, *s, *ds, AssetKind::Datastore, index);
    }
  }

 private:
  void check_name(RuleContext& ctx, const yaml::Node& scalar, const Reference& ref, AssetKind kind,
                  LazyIndex& lazy) const {
    const ReferencePart* name = ref.part("name");
    if (!name || name->value.empty()) return;
    if (kind == AssetKind::Environment && lower(name->value).rfind("azureml-", 0) == 0) {
      // The prefix is reserved for Microsoft's curated environments (a user's cannot use it).
      std::string meant = published_typo(name->value, curated_environment_names());
      if (!meant.empty())
        report_typo(
            ctx, scalar, *name, meant,
            "`" + name->value + "` is not a curated environment; did you mean `" + meant + "`?");
      return;
    }
    if (ref.kind == ReferenceKind::AssetVersion)
      if (const WorkspaceIndex* index = lazy.get()) check_version(ctx, scalar, ref, kind, *index);
    check_unknown(ctx, scalar, *name, kind, lazy);
  }

  // `name:version` where the repo's spec of `name` says another version.
  void check_version(RuleContext& ctx, const yaml::Node& scalar, const Reference& ref,
                     AssetKind kind, const WorkspaceIndex& index) const {
    const ReferencePart* name = ref.part("name");
    const ReferencePart* version = ref.part("version");
    if (!version) return;
    std::vector<const AssetDeclaration*> specs;
    for (const AssetDeclaration* d : index.find(kind, name->value))
      if (d->source == AssetDeclaration::Source::Spec && !d->version.empty()) specs.push_back(d);
    if (specs.empty()) return;
    for (const AssetDeclaration* d : specs)
      if (d->version == version->value) return;
    const AssetDeclaration& spec = *specs.front();
    std::string where =
        relative_to_root(spec.file, index.root) + ":" + std::to_string(spec.line + 1);
    std::vector<Fix> fixes;
    if (specs.size() == 1) {
      // The workspace may really hold the other version: a guess.
      fixes.push_back(
          {"Use version " + spec.version,
           {{ctx.value_range(scalar, version->range.begin, version->range.end), spec.version}},
           Applicability::Unsafe});
    }
    std::string versions;
    for (const AssetDeclaration* d : specs)
      versions += (versions.empty() ? "`" : ", `") + d->version + "`";
    ctx.report("asset-version-mismatch",
               ctx.value_range(scalar, version->range.begin, version->range.end),
               "the repo's own spec of " + std::string(asset_kind_name(kind)) + " `" + name->value +
                   "` (" + where + ") declares version " + versions + ", not `" + version->value +
                   "`; register that spec first, or reference the version it declares",
               std::move(fixes));
  }

  // A name the index does not hold. Where the user listed this kind under `workspace:`, the
  // index is complete and any unknown name is reported; elsewhere only a near miss of a known
  // datastore (the defaults every workspace has) is, since the workspace holds more than the
  // repo shows.
  void check_unknown(RuleContext& ctx, const yaml::Node& scalar, const ReferencePart& name,
                     AssetKind kind, LazyIndex& lazy) const {
    if (kind == AssetKind::Compute && (name.value == "serverless" || name.value == "local")) return;
    // What the index cannot change, decided without it: a name of a kind it is not complete for
    // is reported only as a near miss of a datastore, and every index (or, without one, the
    // list below) holds the default datastores.
    if (kind != AssetKind::Datastore && !lazy.listed(kind)) return;
    if (kind == AssetKind::Datastore &&
        std::find(std::begin(kDefaultDatastores), std::end(kDefaultDatastores), name.value) !=
            std::end(kDefaultDatastores))
      return;
    const WorkspaceIndex* index = lazy.get();
    std::vector<std::string> known;
    if (index) {
      if (!index->find(kind, name.value).empty()) return;
      known = index->names(kind);
    } else if (kind == AssetKind::Datastore) {
      for (std::string_view d : kDefaultDatastores) known.emplace_back(d);
      if (std::find(known.begin(), known.end(), name.value) != known.end()) return;
    }
    const bool complete = index && index->listed.count(kind);
    std::string meant = closest_name(name.value, known);
    if (!complete) {
      // A near miss, not another name that differs only in its digits (`store2`).
      if (kind != AssetKind::Datastore || meant.empty() ||
          without_digits(meant) == without_digits(name.value))
        return;
    }
    std::string message =
        "no " + std::string(asset_kind_name(kind)) + " `" + name.value + "` in this project";
    if (complete)
      message += std::string(": neither an asset spec of the repo nor `workspace: ") +
                 asset_kind_config_key(kind) + "` in .amllint.yaml names it";
    else
      message +=
          ": it is not one of the datastores every workspace has, and no datastore spec "
          "of the repo declares it";
    if (!meant.empty()) {
      report_typo(ctx, scalar, name, meant, message + "; did you mean `" + meant + "`?");
    } else {
      ctx.report("unknown-asset", ctx.value_range(scalar, name.range.begin, name.range.end),
                 message + "; add it to `workspace: " + asset_kind_config_key(kind) +
                     "` if the workspace has it");
    }
  }

  // `azureml://registries/azureml/environments|components/<name>/...`: Microsoft's own registry.
  void check_registry(RuleContext& ctx, const yaml::Node& scalar, const Reference& ref) const {
    if (ref.value("registry") != "azureml") return;
    const ReferencePart* name = ref.part("name");
    std::string_view type = ref.value("type");
    if (!name) return;
    if (type != "environments" && type != "components") return;
    const auto& names =
        type == "environments" ? registry_environment_names() : registry_component_names();
    std::string meant = published_typo(name->value, names);
    if (!meant.empty())
      report_typo(ctx, scalar, *name, meant,
                  "the azureml registry publishes no " +
                      std::string(type == "environments" ? "environment" : "component") + " `" +
                      name->value + "`; did you mean `" + meant + "`?");
  }

  void report_typo(RuleContext& ctx, const yaml::Node& scalar, const ReferencePart& name,
                   const std::string& meant, std::string message) const {
    TextRange range = ctx.value_range(scalar, name.range.begin, name.range.end);
    // A guessed name: the user confirms it.
    Fix fix("Change to `" + meant + "`", {{range, meant}}, Applicability::Unsafe);
    ctx.report("unknown-asset", range, std::move(message), {std::move(fix)});
  }

  static std::string relative_to_root(const std::string& file, const std::string& root) {
    if (!root.empty() && file.rfind(root + "/", 0) == 0) return file.substr(root.size() + 1);
    return file;
  }
};

}  // namespace

const Rule& unknown_asset() {
  static const UnknownAsset rule;
  return rule;
}

}  // namespace amllint::rules
