#include "diagnostics.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
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

// The bytes a JSON string cannot hold as they are: `"` and `\` (escaped with a backslash),
// control characters, DEL and every non-ASCII byte (checked as UTF-8).
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x7f;
  return t;
}();

// Length of the valid UTF-8 sequence at `text[i]` (a byte of 0x80 or more), or 0 for an invalid
// one: a stray or cut-short sequence, an overlong form, a surrogate, a code point past U+10FFFF.
size_t utf8_sequence(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t n = 0;  // continuation bytes
  if (c >= 0xc2 && c <= 0xdf)
    n = 1;
  else if (c >= 0xe0 && c <= 0xef)
    n = 2;
  else if (c >= 0xf0 && c <= 0xf4)
    n = 3;
  else
    return 0;
  if (text.size() - i <= n) return 0;
  for (size_t k = 1; k <= n; ++k)
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  unsigned char d = static_cast<unsigned char>(text[i + 1]);
  if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d > 0x9f) || (c == 0xf0 && d < 0x90) ||
      (c == 0xf4 && d > 0x8f))
    return 0;
  return n + 1;
}

// Whether any of the 8 bytes of `w` is special (kSpecial), tested all at once.
bool any_special(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return (v - ones) & ~v & high; };
  // A byte of 0x7f or more, below 0x20 (exact once no byte has its high bit), `"` or `\`.
  return ((w | (w + ones)) & high) || ((w - 0x20 * ones) & ~w & high) ||
         has_zero(w ^ (0x22 * ones)) || has_zero(w ^ (0x5c * ones));
}

// Appends `text` as a JSON string in one pass, copying the runs between characters that need
// a backslash. Text with control characters, DEL or invalid UTF-8 (rare: quoted from a hostile
// document) is written by nlohmann instead, which escapes the former and replaces the latter.
void append_string(std::string& out, std::string_view text) {
  const size_t mark = out.size();
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8) {
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      if (!any_special(w)) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!kSpecial[c]) {
      ++i;
    } else if (c == '"' || c == '\\') {
      out.append(text.data() + run, i - run);
      out += '\\';
      run = i++;  // the character itself starts the next run
    } else if (size_t n = c >= 0x80 ? utf8_sequence(text, i) : 0) {
      i += n;
    } else {
      out.resize(mark);
      out += nlohmann::json(std::string(text))
                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void append_number(std::string& out, uint32_t n) {
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, r.ptr);
}

void append_position(std::string& out, const lsp::Position& p) {
  out += "{\"character\":";
  append_number(out, p.character);
  out += ",\"line\":";
  append_number(out, p.line);
  out += '}';
}

// One diagnostic, keys in nlohmann's order (sorted), so the bytes are what nlohmann writes for
// lsp::Diagnostic (diagnostics_json_test).
void append_diagnostic(std::string& out, std::string_view code, std::string_view message,
                       const lsp::Range& range, int severity) {
  out += '{';
  if (!code.empty()) {
    out += "\"code\":";
    append_string(out, code);
    out += ',';
  }
  out += "\"message\":";
  append_string(out, message);
  out += ",\"range\":{\"end\":";
  append_position(out, range.end);
  out += ",\"start\":";
  append_position(out, range.start);
  out += "},\"severity\":";
  append_number(out, static_cast<uint32_t>(severity));
  out += ",\"source\":\"amllint\"}";
}

}  // namespace

// Written by hand rather than through nlohmann::json objects: a 3,500-line pipeline has 500
// diagnostics, and building a JSON tree for them cost more than re-analysing the edited step.
std::string diagnostics_json(const std::vector<lsp::Diagnostic>& diagnostics) {
  std::string out;
  out.reserve(diagnostics.size() * 200 + 2);
  out += '[';
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const lsp::Diagnostic& d = diagnostics[i];
    if (i) out += ',';
    append_diagnostic(out, d.code, d.message, d.range, static_cast<int>(d.severity));
  }
  out += ']';
  return out;
}

std::string diagnostics_json_reference(const std::vector<lsp::Diagnostic>& diagnostics) {
  return nlohmann::json(diagnostics).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string diagnostics_json(const amllint::Document& doc, const amllint::Analysis& analysis,
                             PositionEncoding enc) {
  // Straight from the core's diagnostics, without an lsp::Diagnostic copy of each (the same
  // list lsp_diagnostics makes).
  const auto& diagnostics = analysis.diagnostics;
  // Sized from the strings (a diagnostic's keys, numbers and quotes take ~140 bytes): a guess of
  // 200 a diagnostic fell short for long messages, and growing the 1.4 MB of a 30,000-line
  // pipeline's diagnostics copied 0.9 MB on every edit.
  size_t bytes = 2;
  for (const amllint::Diagnostic& d : diagnostics) bytes += 144 + d.code.size() + d.message.size();
  std::string out;
  out.reserve(bytes + bytes / 32);
  out += '[';
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const amllint::Diagnostic& d = diagnostics[i];
    if (i) out += ',';
    append_diagnostic(out, d.code, d.message, to_range(doc, d.range, enc),
                      static_cast<int>(d.severity));
  }
  out += ']';
  return out;
}

}  // namespace amlls
