// The outline: the core's (navigation/outline.h) in LSP terms.
#include "document_symbols.h"

#include "navigation/outline.h"

namespace amlls {
namespace {

lsp::SymbolKind lsp_kind(amllint::nav::Symbol::Kind kind) {
  using K = amllint::nav::Symbol::Kind;
  switch (kind) {
    case K::Property: return lsp::SymbolKind::Property;
    case K::Field: return lsp::SymbolKind::Field;
    case K::Variable: return lsp::SymbolKind::Variable;
    case K::Class: return lsp::SymbolKind::Class;
    case K::Array: return lsp::SymbolKind::Array;
    case K::Object: return lsp::SymbolKind::Object;
  }
  return lsp::SymbolKind::Key;
}

lsp::DocumentSymbol to_lsp(const FeatureInput& in, amllint::nav::Symbol& s) {
  lsp::DocumentSymbol out;
  out.name = std::move(s.name);
  out.detail = std::move(s.detail);
  out.kind = lsp_kind(s.kind);
  out.range = in.range(s.range);
  out.selection_range = in.range(s.selection);
  out.children.reserve(s.children.size());
  for (auto& c : s.children) out.children.push_back(to_lsp(in, c));
  return out;
}

}  // namespace

std::vector<lsp::DocumentSymbol> document_symbols(const FeatureInput& in) {
  std::vector<lsp::DocumentSymbol> out;
  if (!in.is_azure_ml()) return out;
  for (auto& s : amllint::nav::outline(in.analysis)) out.push_back(to_lsp(in, s));
  return out;
}

}  // namespace amlls
