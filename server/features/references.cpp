#include "references.h"

#include "declared_names.h"
#include "definition.h"

namespace amlls {

std::vector<lsp::Location> references(const FeatureInput& in, lsp::Position position,
                                      bool include_declaration) {
  std::vector<lsp::Location> out;
  if (!in.is_azure_ml()) return out;
  auto use = name_at(in.analysis, in.offset(position));
  if (!use) return out;
  std::optional<Declaration> decl = declaration_of(in.analysis, use->name);
  // A port of a component file is declared there; list that declaration first.
  if (include_declaration && decl && decl->file) out.push_back(declaration_location(in, *decl));
  for (const NameUse& u : uses_of(in.analysis, use->name)) {
    if (u.role == NameUse::Role::Declaration && !include_declaration) continue;
    out.push_back({std::string(in.uri), in.range(u.range)});
  }
  return out;
}

}  // namespace amlls
