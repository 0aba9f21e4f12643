// Semantic tokens for binding expressions: the `${{` `}}` delimiters, the root words (`inputs`,
// `outputs`, `parent`, `jobs`, `search_space`), and the names of inputs, outputs, parameters,
// steps and service macros. Everything else is left to the editor's YAML grammar.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "feature_input.h"

namespace amlls {

// The legend advertised in `initialize`: token types in the order their indices are sent. No
// modifiers are used.
const std::vector<std::string>& semantic_token_types();

// The `data` array of `SemanticTokens`: five integers per token, relative to the previous one.
std::vector<uint32_t> semantic_tokens(const FeatureInput& in);

}  // namespace amlls
