// The analysis's diagnostics in LSP form; the same list amllint prints for the file.
#pragma once

#include <string>
#include <vector>

#include "feature_input.h"

namespace amlls {

lsp::Diagnostic to_lsp(const FeatureInput& in, const amllint::Diagnostic& d);
std::vector<lsp::Diagnostic> lsp_diagnostics(const FeatureInput& in);
// The same list as a serialized JSON array with positions in `enc`, ready to go into a
// publishDiagnostics or a pull diagnostics result. Invalid UTF-8 in messages (quoted from the
// document) becomes U+FFFD.
std::string diagnostics_json(const amllint::Document& doc, const amllint::Analysis& analysis,
                             PositionEncoding enc);
std::string diagnostics_json(const std::vector<lsp::Diagnostic>& diagnostics);
// The same through nlohmann::json, which diagnostics_json must equal byte for byte (tests).
std::string diagnostics_json_reference(const std::vector<lsp::Diagnostic>& diagnostics);

}  // namespace amlls
