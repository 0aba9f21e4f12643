#include "diagnostics.h"

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
  // Excluded by an `ignore` glob of `.amllint.yaml`: the CLI does not lint it either.
  if (!in.is_azure_ml() || in.analysis.ignored) return out;
  out.reserve(in.analysis.diagnostics.size());
  for (const auto& d : in.analysis.diagnostics) out.push_back(to_lsp(in, d));
  return out;
}

}  // namespace amlls
