#include "document_links.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <unordered_set>

#include "file_uri.h"
#include "model/uri.h"
#include "syntax/yaml_tree.h"

namespace amlls {
namespace {

namespace fs = std::filesystem;
using amllint::yaml::Node;

constexpr std::array<std::string_view, 5> kFileKeys = {"component", "code", "conda_file", "path",
                                                       "model"};

// The source range of a scalar's text: quotes are not part of the link.
amllint::TextRange content_range(const Node& n) {
  bool quoted = n.style == amllint::yaml::ScalarStyle::SingleQuoted ||
                n.style == amllint::yaml::ScalarStyle::DoubleQuoted;
  if (quoted && n.range.end - n.range.begin >= 2) return {n.range.begin + 1, n.range.end - 1};
  return n.range;
}

// Aliases share their anchor's node: visit each node once, where it is written.
void walk(const FeatureInput& in, const Node* node, std::vector<lsp::DocumentLink>& out,
          std::unordered_set<const Node*>& seen) {
  if (!seen.insert(node).second) return;
  for (const auto& pair : node->pairs) {
    if (pair.merged || !pair.key || !pair.value) continue;
    if (pair.value->is_scalar()) {
      if (auto target = referenced_path(in, pair.key->text(), *pair.value)) {
        out.push_back({in.range(content_range(*pair.value)), path_to_uri(*target), *target});
      }
    } else {
      walk(in, pair.value, out, seen);
    }
  }
  for (const Node* item : node->items) walk(in, item, out, seen);
}

}  // namespace

std::optional<std::string> referenced_path(const FeatureInput& in, std::string_view key,
                                           const Node& value) {
  if (in.path.empty() || !value.is_scalar()) return std::nullopt;
  if (std::find(kFileKeys.begin(), kFileKeys.end(), key) == kFileKeys.end()) return std::nullopt;
  amllint::Reference ref = amllint::parse_reference(value.text());
  if (ref.kind != amllint::ReferenceKind::LocalPath || ref.has_binding) return std::nullopt;
  const amllint::ReferencePart* part = ref.part("path");
  std::string_view rel = value.text();
  if (part) {
    rel = part->value;
  } else if (ref.file_prefix && rel.substr(0, 5) == "file:") {
    rel.remove_prefix(5);
  }
  if (rel.empty()) return std::nullopt;
  std::error_code ec;
  fs::path base = fs::path(std::string(in.path)).parent_path();
  fs::path target = fs::path(std::string(rel)).is_absolute() ? fs::path(std::string(rel))
                                                             : base / std::string(rel);
  target = target.lexically_normal();
  if (!fs::exists(target, ec)) return std::nullopt;
  return target.string();
}

std::vector<lsp::DocumentLink> document_links(const FeatureInput& in) {
  std::vector<lsp::DocumentLink> out;
  if (!in.is_azure_ml() || in.path.empty() || !in.analysis.tree || !in.analysis.tree->root)
    return out;
  std::unordered_set<const Node*> seen;
  walk(in, in.analysis.tree->root, out, seen);
  return out;
}

}  // namespace amlls
