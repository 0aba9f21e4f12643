#include "navigation/tokens.h"

#include <algorithm>
#include <optional>

#include "model/job_model.h"

namespace amllint::nav {
namespace {

using T = TokenType;

// What the looked-up name of a binding is.
std::optional<TokenType> name_type(BindingKind kind) {
  switch (kind) {
    case BindingKind::Input:
    case BindingKind::ParentInput:
    case BindingKind::SearchSpace: return T::Parameter;
    case BindingKind::Output:
    case BindingKind::ParentOutput:
    case BindingKind::ParentJobOutput: return T::Variable;
    case BindingKind::Macro: return T::Macro;
    case BindingKind::ParentJob:
    case BindingKind::Unknown: return std::nullopt;
  }
  return std::nullopt;
}

bool text_is(std::string_view text, uint32_t at, std::string_view want) {
  return at <= text.size() && text.substr(at, want.size()) == want;
}

void add_binding(std::string_view text, const Binding& b, std::vector<BindingToken>& out) {
  // The delimiters are three and two characters wherever the value is written (quoted, block
  // or plain); check the text rather than trust a range that could not be mapped.
  const std::string_view open = b.legacy_angle ? "$<<" : "${{";
  const std::string_view close = b.legacy_angle ? ">>" : "}}";
  if (text_is(text, b.range.begin, open))
    out.push_back({{b.range.begin, b.range.begin + 3}, T::Operator});
  if (b.kind == BindingKind::Unknown) return;
  const auto named = name_type(b.kind);
  for (const auto& s : b.segments) {
    if (s.range.empty() || !text_is(text, s.range.begin, s.text)) continue;
    if (!b.step.empty() && s.range.begin == b.step_range.begin) {
      out.push_back({s.range, T::Function});
    } else if (named && !b.name.empty() && s.range.begin >= b.name_range.begin) {
      out.push_back({s.range, *named});
    } else if (b.kind != BindingKind::Macro) {
      out.push_back({s.range, T::Keyword});
    }
  }
  if (b.range.end >= 2 && text_is(text, b.range.end - 2, close))
    out.push_back({{b.range.end - 2, b.range.end}, T::Operator});
}

}  // namespace

std::vector<BindingToken> binding_tokens(const Document& doc, const Analysis& analysis) {
  std::vector<BindingToken> tokens;
  if (analysis.kind == FileKind::NotAzureMl || !analysis.model) return tokens;
  std::string_view text = doc.text();
  for (const auto& e : analysis.model->bindings) add_binding(text, e.binding, tokens);
  std::stable_sort(tokens.begin(), tokens.end(), [](const BindingToken& a, const BindingToken& b) {
    return a.range.begin < b.range.begin;
  });
  std::vector<BindingToken> out;
  out.reserve(tokens.size());
  for (const BindingToken& t : tokens)
    if (out.empty() || t.range.begin >= out.back().range.end) out.push_back(t);
  return out;
}

}  // namespace amllint::nav
