#include "diagnostics.h"

#include <nlohmann/json.hpp>

namespace amlls {

lsp::Diagnostic to_lsp(const FeatureInput& in, const amllint::Diagnostic& d) {
  lsp::Diagnostic out;
  out.range = in.range(d.range);
  out.severity = static_cast<lsp::DiagnosticSeverity>(static_cast<int>(d.severity));
  out.code = d.code;
  out.message = d.message;
  return out;
}

std::vector<lsp::Diagnostic> lsp_diagnostics(const FeatureInput& in) {
  std::vector<lsp::Diagnostic> out;
  // The core decides what is shown (analyze.h): nothing for a file an `ignore` glob excludes or
  // that is not Azure ML, except the syntax errors of one that mentions azureml but whose kind
  // cannot be read. The CLI prints the same list.
  out.reserve(in.analysis.diagnostics.size());
  for (const auto& d : in.analysis.diagnostics) out.push_back(to_lsp(in, d));
  return out;
}

std::string diagnostics_json(const std::vector<lsp::Diagnostic>& diagnostics) {
  return nlohmann::json(diagnostics).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string diagnostics_json(const amllint::Document& doc, const amllint::Analysis& analysis,
                             PositionEncoding enc) {
  FeatureInput in{"", "", doc, analysis, enc, nullptr, nullptr};
  return diagnostics_json(lsp_diagnostics(in));
}

}  // namespace amlls
