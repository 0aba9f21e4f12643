// Semantic tokens: the core's binding tokens (navigation/tokens.h) encoded as LSP wants them.
#include "semantic_tokens.h"

#include "navigation/tokens.h"

namespace amlls {

const std::vector<std::string>& semantic_token_types() {
  // Indexed by amllint::nav::TokenType.
  static const std::vector<std::string> types = {"operator", "keyword",  "parameter",
                                                 "variable", "function", "macro"};
  return types;
}

std::vector<uint32_t> semantic_tokens(const FeatureInput& in) {
  std::vector<uint32_t> data;
  if (!in.is_azure_ml()) return data;
  std::vector<amllint::nav::BindingToken> tokens =
      amllint::nav::binding_tokens(in.doc, in.analysis);
  data.reserve(tokens.size() * 5);
  lsp::Position prev{0, 0};
  for (const auto& t : tokens) {
    lsp::Position start = in.position(t.range.begin);
    lsp::Position end = in.position(t.range.end);
    // A token is one line long; one the encoding cannot place is left out.
    if (end.line != start.line || end.character <= start.character) continue;
    data.push_back(start.line - prev.line);
    data.push_back(start.line == prev.line ? start.character - prev.character : start.character);
    data.push_back(end.character - start.character);
    data.push_back(static_cast<uint32_t>(t.type));
    data.push_back(0);
    prev = start;
  }
  return data;
}

}  // namespace amlls
