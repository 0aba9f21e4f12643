#include "definition.h"

#include "file_uri.h"
#include "navigation/assets.h"
#include "navigation/links.h"

namespace amlls {

lsp::Location declaration_location(const FeatureInput& in, const amllint::nav::Declaration& d) {
  if (!d.doc) return {std::string(in.uri), in.range(d.range)};
  return {path_to_uri(d.path), to_range(*d.doc, d.range, in.encoding)};
}

std::vector<lsp::Location> definition(const FeatureInput& in, lsp::Position position) {
  if (!in.is_azure_ml()) return {};
  uint32_t offset = in.offset(position);
  if (auto use = amllint::nav::name_at(in.analysis, offset)) {
    if (auto decl = amllint::nav::declaration_of(in.analysis, use->name))
      return {declaration_location(in, *decl)};
    return {};  // an undeclared name: the diagnostics already say so
  }
  if (auto link =
          amllint::nav::file_link_at(in.analysis, std::string(in.path), in.environment(), offset))
    return {{path_to_uri(link->path), {}}};
  // An `azureml:` name the project declares: its spec (or `.amllint.yaml` entry).
  if (auto asset =
          amllint::nav::asset_at(in.analysis, std::string(in.path), in.environment(), offset);
      asset && asset->found)
    return {{path_to_uri(asset->file), {{asset->line, 0}, {asset->line, 0}}}};
  return {};
}

}  // namespace amlls
