#include "definition.h"

#include "declared_names.h"
#include "document_links.h"
#include "file_uri.h"
#include "model/job_model.h"
#include "syntax/yaml_tree.h"

namespace amlls {
namespace {

using amllint::yaml::Node;

// The file a scalar value under the cursor refers to, when its key is one of the file keys.
std::optional<std::string> file_at(const FeatureInput& in, uint32_t offset) {
  std::vector<const Node*> nodes = amllint::yaml::path_to(*in.analysis.tree, offset);
  if (nodes.size() < 2 || !nodes.back()->is_scalar()) return std::nullopt;
  const Node* holder = nodes[nodes.size() - 2];
  for (const auto& p : holder->pairs) {
    if (p.value == nodes.back() && p.key && !p.merged)
      return referenced_path(in, p.key->text(), *p.value);
  }
  return std::nullopt;
}

}  // namespace

lsp::Location declaration_location(const FeatureInput& in, const Declaration& d) {
  amllint::TextRange r = key_text_range(*d.key);
  if (!d.file) return {std::string(in.uri), in.range(r)};
  return {path_to_uri(d.file->path), to_range(d.file->doc, r, in.encoding)};
}

std::vector<lsp::Location> definition(const FeatureInput& in, lsp::Position position) {
  if (!in.is_azure_ml() || !in.analysis.tree || !in.analysis.tree->root) return {};
  uint32_t offset = in.offset(position);
  if (auto use = name_at(in.analysis, offset)) {
    if (auto decl = declaration_of(in.analysis, use->name))
      return {declaration_location(in, *decl)};
    return {};  // an undeclared name: the diagnostics already say so
  }
  if (auto path = file_at(in, offset)) return {{path_to_uri(*path), {}}};
  return {};
}

}  // namespace amlls
