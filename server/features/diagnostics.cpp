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

namespace {

// Whether `text` can be copied into a JSON string as it is, `"` and `\\` apart: valid UTF-8
// without control characters. Anything else goes through nlohmann, which escapes control
// characters and replaces invalid bytes.
bool plain_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = 0;  // continuation bytes
    if (c >= 0xc2 && c <= 0xdf)
      n = 1;
    else if (c >= 0xe0 && c <= 0xef)
      n = 2;
    else if (c >= 0xf0 && c <= 0xf4)
      n = 3;
    else
      return false;
    if (text.size() - i <= n) return false;
    for (size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    unsigned char d = static_cast<unsigned char>(text[i + 1]);
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d > 0x9f) || (c == 0xf0 && d < 0x90) ||
        (c == 0xf4 && d > 0x8f))
      return false;
    i += n + 1;
  }
  return true;
}

void append_string(std::string& out, std::string_view text) {
  if (!plain_utf8(text)) {
    out += nlohmann::json(std::string(text))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

void append_position(std::string& out, const lsp::Position& p) {
  out += "{\"character\":";
  out += std::to_string(p.character);
  out += ",\"line\":";
  out += std::to_string(p.line);
  out += '}';
}

}  // namespace

// Written by hand rather than through nlohmann::json objects: a 3,500-line pipeline has 500
// diagnostics, and building a JSON tree for them cost more than re-analysing the edited step.
// Keys in nlohmann's order (sorted), so the bytes are the same as before (diagnostics_test).
std::string diagnostics_json(const std::vector<lsp::Diagnostic>& diagnostics) {
  std::string out;
  out.reserve(diagnostics.size() * 200 + 2);
  out += '[';
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const lsp::Diagnostic& d = diagnostics[i];
    if (i) out += ',';
    out += '{';
    if (!d.code.empty()) {
      out += "\"code\":";
      append_string(out, d.code);
      out += ',';
    }
    out += "\"message\":";
    append_string(out, d.message);
    out += ",\"range\":{\"end\":";
    append_position(out, d.range.end);
    out += ",\"start\":";
    append_position(out, d.range.start);
    out += "},\"severity\":";
    out += std::to_string(static_cast<int>(d.severity));
    out += ",\"source\":\"amllint\"}";
  }
  out += ']';
  return out;
}

std::string diagnostics_json_reference(const std::vector<lsp::Diagnostic>& diagnostics) {
  return nlohmann::json(diagnostics).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string diagnostics_json(const amllint::Document& doc, const amllint::Analysis& analysis,
                             PositionEncoding enc) {
  FeatureInput in{"", "", doc, analysis, enc, nullptr, nullptr};
  return diagnostics_json(lsp_diagnostics(in));
}

}  // namespace amlls
