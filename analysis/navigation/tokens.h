// The parts of binding expressions an editor colours: the `${{` `}}` delimiters, the root words
// (`inputs`, `outputs`, `parent`, `jobs`, `search_space`), and the names of inputs, outputs,
// parameters, steps and service macros, read from the bindings the job model records.
#pragma once

#include <cstdint>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"

namespace amllint::nav {

enum class TokenType : uint32_t { Operator, Keyword, Parameter, Variable, Function, Macro };

struct BindingToken {
  TextRange range;
  TokenType type = TokenType::Operator;
};

// Ordered by offset, without overlaps (an aliased value is recorded twice).
std::vector<BindingToken> binding_tokens(const Document& doc, const Analysis& analysis);

}  // namespace amllint::nav
