// Completion: the core's answer (navigation/completion.h) in LSP terms.
#include "completion.h"

#include "navigation/completion.h"

namespace amlls {
namespace {

lsp::CompletionItemKind lsp_kind(amllint::nav::CompletionItem::Kind kind) {
  using K = amllint::nav::CompletionItem::Kind;
  switch (kind) {
    case K::Key: return lsp::CompletionItemKind::Property;
    case K::Value: return lsp::CompletionItemKind::EnumMember;
    case K::Scope: return lsp::CompletionItemKind::Module;
    case K::Name: return lsp::CompletionItemKind::Variable;
    case K::Step: return lsp::CompletionItemKind::Reference;
    case K::Asset: return lsp::CompletionItemKind::Value;
  }
  return lsp::CompletionItemKind::Text;
}

}  // namespace

lsp::CompletionList completion(const FeatureInput& in, lsp::Position position) {
  lsp::CompletionList out;
  if (!in.is_azure_ml()) return out;
  for (auto& c : amllint::nav::complete(in.doc, in.analysis, in.view(), in.offset(position),
                                        std::string(in.path), &in.environment())) {
    lsp::CompletionItem item;
    item.label = std::move(c.label);
    item.kind = lsp_kind(c.kind);
    item.detail = std::move(c.detail);
    item.documentation = std::move(c.documentation);
    item.text_edit = lsp::TextEdit{in.range(c.replace), std::move(c.new_text)};
    item.snippet = c.snippet;
    item.sort_text = std::move(c.sort_text);
    item.filter_text = std::move(c.filter_text);
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace amlls
