// The diagnostics array amlls publishes is written by hand for speed (features/diagnostics.cpp);
// it must be byte for byte what nlohmann::json writes, for every message a file can produce and
// for the text a hostile file can put into one (quotes, control characters, invalid UTF-8).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "analyze.h"
#include "features/diagnostics.h"
#include "syntax/document.h"

namespace fs = std::filesystem;

namespace {

amlls::lsp::Diagnostic diagnostic(std::string code, std::string message, uint32_t line = 3) {
  amlls::lsp::Diagnostic d;
  d.range = {{line, 4}, {line + 1, 12}};
  d.severity = amlls::lsp::DiagnosticSeverity::Warning;
  d.code = std::move(code);
  d.message = std::move(message);
  return d;
}

TEST(DiagnosticsJson, HostileMessagesMatchNlohmann) {
  std::vector<amlls::lsp::Diagnostic> ds = {
      diagnostic("unknown-key", "plain `key`, did you mean \"other\"? a\\b"),
      diagnostic("", "no code at all"),
      diagnostic("x", "tab\there, newline\nthere, cr\r, nul \x01, del \x7f, bell \x07"),
      diagnostic("x", "é, 🚀, 中文, U+FFFF \xef\xbf\xbf"),
      diagnostic("x", "invalid \xff bytes \xc3 cut \xe2\x82 short \xed\xa0\x80 surrogate"),
      diagnostic("x", "overlong \xc0\xaf \xe0\x80\xaf \xf0\x80\x80\xaf past \xf4\x90\x80\x80"),
      diagnostic("x", "ends in a lead byte \xf0"),
      diagnostic("x", ""),
  };
  EXPECT_EQ(amlls::diagnostics_json(ds), amlls::diagnostics_json_reference(ds));
  EXPECT_EQ(amlls::diagnostics_json({}), amlls::diagnostics_json_reference({}));
}

TEST(DiagnosticsJson, RandomBytesMatchNlohmann) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string message(rng() % 12, ' ');
    for (char& c : message) c = static_cast<char>(rng() % 256);
    std::vector<amlls::lsp::Diagnostic> ds = {diagnostic("code", message, rng() % 100000)};
    ASSERT_EQ(amlls::diagnostics_json(ds), amlls::diagnostics_json_reference(ds)) << i;
  }
}

// Mostly plain text with a special byte here and there, so that the escaping meets them at every
// position of the 8 bytes it tests at once, and in the tail after the last 8.
TEST(DiagnosticsJson, MostlyPlainTextMatchesNlohmann) {
  std::mt19937 rng(11);
  const std::string specials =
      std::string("\"\\\x01\x1f\x7f\x80\xff\xc3\xa9\xe2\x82\xac") + "\xf0\x9f\x9a\x80 ~";
  for (int i = 0; i < 5000; ++i) {
    std::string message(rng() % 40, ' ');
    for (char& c : message)
      c = rng() % 8 ? static_cast<char>(0x20 + rng() % 95) : specials[rng() % specials.size()];
    std::vector<amlls::lsp::Diagnostic> ds = {diagnostic("code", message, rng() % 100000)};
    ASSERT_EQ(amlls::diagnostics_json(ds), amlls::diagnostics_json_reference(ds)) << i;
  }
}

// Every diagnostic of every fixture, as the server publishes it.
TEST(DiagnosticsJson, FixturesMatchNlohmann) {
  size_t count = 0;
  for (const auto& e : fs::recursive_directory_iterator(AMLLINT_FIXTURES_DIR)) {
    if (!e.is_regular_file() || (e.path().extension() != ".yml" && e.path().extension() != ".yaml"))
      continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    amllint::Document doc(ss.str());
    amllint::AnalysisOptions options;
    options.path = e.path().string();
    amllint::Analysis a = amllint::analyze(doc, options);
    for (auto enc : {amlls::PositionEncoding::Utf16, amlls::PositionEncoding::Utf8}) {
      std::string fast = amlls::diagnostics_json(doc, a, enc);
      ASSERT_EQ(fast, amlls::diagnostics_json_reference(
                          amlls::lsp_diagnostics({"", "", doc, a, enc, nullptr, nullptr})))
          << e.path();
    }
    count += a.diagnostics.size();
  }
  EXPECT_GT(count, 200u);
}

}  // namespace
