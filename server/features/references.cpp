#include "references.h"

#include "definition.h"

namespace amlls {

std::vector<lsp::Location> references(const FeatureInput& in, lsp::Position position,
                                      bool include_declaration) {
  namespace nav = amllint::nav;
  std::vector<lsp::Location> out;
  if (!in.is_azure_ml()) return out;
  auto use = nav::name_at(in.analysis, in.offset(position));
  if (!use) return out;
  std::optional<nav::Declaration> decl = nav::declaration_of(in.analysis, use->name);
  // A port of a component file is declared there; list that declaration first.
  if (include_declaration && decl && decl->doc) out.push_back(declaration_location(in, *decl));
  for (const nav::NameUse& u : nav::uses_of(in.analysis, use->name)) {
    if (u.role == nav::NameUse::Role::Declaration && !include_declaration) continue;
    out.push_back({std::string(in.uri), in.range(u.range)});
  }
  return out;
}

}  // namespace amlls
