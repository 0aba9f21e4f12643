#include "semantic_tokens.h"

#include <algorithm>

#include "model/job_model.h"

namespace amlls {
namespace {

using amllint::BindingKind;

enum TokenType : uint32_t { Operator, Keyword, Parameter, Variable, Function, Macro };

struct Token {
  amllint::TextRange range;
  TokenType type;
};

// What the looked-up name of a binding is.
std::optional<TokenType> name_type(BindingKind kind) {
  switch (kind) {
    case BindingKind::Input:
    case BindingKind::ParentInput:
    case BindingKind::SearchSpace: return Parameter;
    case BindingKind::Output:
    case BindingKind::ParentOutput:
    case BindingKind::ParentJobOutput: return Variable;
    case BindingKind::Macro: return Macro;
    case BindingKind::ParentJob:
    case BindingKind::Unknown: return std::nullopt;
  }
  return std::nullopt;
}

bool text_is(std::string_view text, uint32_t at, std::string_view want) {
  return at <= text.size() && text.substr(at, want.size()) == want;
}

void add_binding(std::string_view text, const amllint::Binding& b, std::vector<Token>& out) {
  // The delimiters are three and two characters wherever the value is written (quoted, block
  // or plain); check the text rather than trust a range that could not be mapped.
  const std::string_view open = b.legacy_angle ? "$<<" : "${{";
  const std::string_view close = b.legacy_angle ? ">>" : "}}";
  if (text_is(text, b.range.begin, open))
    out.push_back({{b.range.begin, b.range.begin + 3}, Operator});
  if (b.kind == BindingKind::Unknown) return;
  const auto named = name_type(b.kind);
  for (const auto& s : b.segments) {
    if (s.range.empty() || !text_is(text, s.range.begin, s.text)) continue;
    if (!b.step.empty() && s.range.begin == b.step_range.begin) {
      out.push_back({s.range, Function});
    } else if (named && !b.name.empty() && s.range.begin >= b.name_range.begin) {
      out.push_back({s.range, *named});
    } else if (b.kind != BindingKind::Macro) {
      out.push_back({s.range, Keyword});
    }
  }
  if (b.range.end >= 2 && text_is(text, b.range.end - 2, close))
    out.push_back({{b.range.end - 2, b.range.end}, Operator});
}

}  // namespace

const std::vector<std::string>& semantic_token_types() {
  // Indexed by TokenType.
  static const std::vector<std::string> types = {"operator", "keyword",  "parameter",
                                                 "variable", "function", "macro"};
  return types;
}

std::vector<uint32_t> semantic_tokens(const FeatureInput& in) {
  std::vector<uint32_t> data;
  if (!in.is_azure_ml() || !in.analysis.model) return data;
  std::string_view text = in.doc.text();
  std::vector<Token> tokens;
  for (const auto& e : in.analysis.model->bindings) add_binding(text, e.binding, tokens);
  std::sort(tokens.begin(), tokens.end(),
            [](const Token& a, const Token& b) { return a.range.begin < b.range.begin; });
  data.reserve(tokens.size() * 5);
  lsp::Position prev{0, 0};
  uint32_t last_end = 0;
  for (const Token& t : tokens) {
    // Aliased values come twice; clients reject overlapping tokens.
    if (!data.empty() && t.range.begin < last_end) continue;
    lsp::Position start = in.position(t.range.begin);
    lsp::Position end = in.position(t.range.end);
    if (end.line != start.line || end.character <= start.character) continue;
    data.push_back(start.line - prev.line);
    data.push_back(start.line == prev.line ? start.character - prev.character : start.character);
    data.push_back(end.character - start.character);
    data.push_back(t.type);
    data.push_back(0);
    prev = start;
    last_end = t.range.end;
  }
  return data;
}

}  // namespace amlls
