// The analysis's diagnostics in LSP form; the same list amllint prints for the file.
#pragma once

#include <vector>

#include "feature_input.h"

namespace amlls {

lsp::Diagnostic to_lsp(const FeatureInput& in, const amllint::Diagnostic& d);
std::vector<lsp::Diagnostic> lsp_diagnostics(const FeatureInput& in);

}  // namespace amlls
