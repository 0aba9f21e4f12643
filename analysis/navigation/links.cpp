#include "navigation/links.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "model/job_model.h"
#include "model/uri.h"
#include "navigation/tree_reading.h"

namespace amllint::nav {
namespace {

using yaml::Node;

constexpr std::array<std::string_view, 5> kFileKeys = {"component", "code", "conda_file", "path",
                                                       "model"};

// The existing local file or folder that `key: value` names.
std::optional<std::string> referenced_path(const JobModel& model, Environment& env,
                                           std::string_view key, const Node& value) {
  if (!value.is_scalar()) return std::nullopt;
  if (std::find(kFileKeys.begin(), kFileKeys.end(), key) == kFileKeys.end()) return std::nullopt;
  Reference ref = parse_reference(value.text());
  if (ref.kind != ReferenceKind::LocalPath || ref.has_binding || ref.has_placeholder)
    return std::nullopt;
  const ReferencePart* part = ref.part("path");
  std::string_view rel = part ? std::string_view(part->value) : value.text();
  if (rel.empty() || rel == "file:") return std::nullopt;
  std::string target = resolve_local(model.base_dir, rel);
  if (!env.exists(target)) return std::nullopt;
  return target;
}

// Aliases share their anchor's node: visit each node once, where it is written.
void walk(const JobModel& model, Environment& env, const Node* node, std::vector<FileLink>& out,
          std::unordered_set<const Node*>& seen, int depth) {
  if (!node || depth > 256 || !seen.insert(node).second) return;
  for (const auto& pair : node->pairs) {
    if (pair.merged || !pair.key || !pair.value) continue;
    if (pair.value->is_scalar()) {
      if (auto target = referenced_path(model, env, pair.key->text(), *pair.value))
        out.push_back({key_text_range(*pair.value), *target});
    } else {
      walk(model, env, pair.value, out, seen, depth + 1);
    }
  }
  for (const Node* item : node->items) walk(model, env, item, out, seen, depth + 1);
}

}  // namespace

std::vector<FileLink> file_links(const Analysis& analysis, const std::string& path,
                                 Environment& env) {
  std::vector<FileLink> out;
  if (analysis.kind == FileKind::NotAzureMl || path.empty() || !analysis.model || !analysis.tree ||
      !analysis.tree->root)
    return out;
  std::unordered_set<const Node*> seen;
  walk(*analysis.model, env, analysis.tree->root, out, seen, 0);
  return out;
}

std::optional<FileLink> file_link_at(const Analysis& analysis, const std::string& path,
                                     Environment& env, uint32_t offset) {
  if (analysis.kind == FileKind::NotAzureMl || path.empty() || !analysis.model || !analysis.tree)
    return std::nullopt;
  std::vector<const Node*> nodes = yaml::path_to(*analysis.tree, offset);
  if (nodes.size() < 2 || !nodes.back()->is_scalar()) return std::nullopt;
  const Node* holder = nodes[nodes.size() - 2];
  for (const auto& p : holder->pairs) {
    if (p.value != nodes.back() || !p.key || p.merged) continue;
    if (auto target = referenced_path(*analysis.model, env, p.key->text(), *p.value))
      return FileLink{key_text_range(*p.value), *target};
  }
  return std::nullopt;
}

}  // namespace amllint::nav
