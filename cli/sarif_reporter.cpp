// --format sarif: SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) ingest.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "reporter.h"
#include "rule_docs.h"
#include "rules/rule.h"

namespace amllint::cli {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

using nlohmann::json;

std::string percent_encode_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("/-._~!$&'()*+,;=:@").find(static_cast<char>(c)) !=
                               std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

const char* level_of(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "error";
}

// Relative paths stay relative to %SRCROOT% (the working directory), so that code scanning can
// map them onto the repository; absolute paths become file: URIs.
json artifact_location(const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute())
    return {{"uri", "file://" + percent_encode_path(p.lexically_normal().generic_string())}};
  std::string rel = p.lexically_normal().generic_string();
  return {{"uri", percent_encode_path(rel)}, {"uriBaseId", "SRCROOT"}};
}

class SarifReporter : public Reporter {
 public:
  SarifReporter(std::FILE* out, const ReportSettings& settings)
      : out_(out), rule_docs_url_(settings.rule_docs_url), results_(json::array()) {}

  void file(const FileResult& r) override {
    for (size_t i = 0; i < r.shown.size(); ++i) {
      const Diagnostic& d = r.shown[i];
      const Position& p = r.positions[i];
      auto [it, inserted] = rule_index_.try_emplace(d.code, rule_index_.size());
      if (inserted) rule_levels_.push_back(level_of(d.severity));
      results_.push_back({{"ruleId", d.code},
                          {"ruleIndex", it->second},
                          {"level", level_of(d.severity)},
                          {"message", {{"text", d.message}}},
                          {"locations",
                           {{{"physicalLocation",
                              {{"artifactLocation", artifact_location(r.input.path)},
                               {"region",
                                {{"startLine", p.line},
                                 {"startColumn", p.column},
                                 {"endLine", p.end_line},
                                 {"endColumn", p.end_column}}}}}}}}});
    }
  }

  void finish(const RunSummary& s) override {
    json rules = json::array();
    std::vector<const std::string*> codes(rule_index_.size());
    for (const auto& [code, index] : rule_index_) codes[index] = &code;
    for (size_t i = 0; i < codes.size(); ++i) {
      const std::string& code = *codes[i];
      // The catalogue's default; a code it lacks takes the level it was reported at.
      const RuleInfo* info = find_rule(code);
      // Code scanning shows fullDescription and help (GitHub's SARIF rules GH2012 ask for
      // them); help carries the rule's page, markdown and plain.
      json rule = {
          {"id", code},
          {"shortDescription", {{"text", rule_summary(code)}}},
          {"fullDescription", {{"text", rule_full_description(code)}}},
          {"help", {{"text", rule_help_text(code)}, {"markdown", rule_help_markdown(code)}}},
          {"defaultConfiguration", {{"level", info ? level_of(info->severity) : rule_levels_[i]}}}};
      // SARIF1001: a name that only repeats the id (`shellcheck`) must be left out.
      if (std::string name = rule_name(code); !equal_ignoring_case(name, code))
        rule["name"] = std::move(name);
      if (std::string uri = rule_help_uri(code, rule_docs_url_); !uri.empty())
        rule["helpUri"] = std::move(uri);
      rules.push_back(std::move(rule));
    }
    json notifications = json::array();
    for (const std::string& problem : s.problems)
      notifications.push_back({{"level", "error"}, {"message", {{"text", problem}}}});

    std::error_code ec;
    std::string cwd = std::filesystem::current_path(ec).generic_string();
    if (cwd.empty() || cwd.back() != '/') cwd += '/';

    json driver = {{"name", "amllint"},
                   {"version", AMLLINT_VERSION},
                   {"semanticVersion", AMLLINT_VERSION},
                   {"informationUri", AMLLINT_HOMEPAGE},
                   {"rules", std::move(rules)}};
    json run = {
        {"tool", {{"driver", std::move(driver)}}},
        {"invocations",
         {{{"executionSuccessful", s.problems.empty()},
           {"toolExecutionNotifications", std::move(notifications)}}}},
        {"originalUriBaseIds", {{"SRCROOT", {{"uri", "file://" + percent_encode_path(cwd)}}}}},
        {"columnKind", "unicodeCodePoints"},
        {"results", std::move(results_)}};
    json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", {std::move(run)}}};
    fmt::print(out_, "{}\n", log.dump(2, ' ', false, json::error_handler_t::replace));
  }

 private:
  std::FILE* out_;
  std::optional<std::string> rule_docs_url_;
  json results_;
  std::map<std::string, size_t> rule_index_;  // code -> index in the rules array, first seen first
  std::vector<std::string> rule_levels_;
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, const ReportSettings& settings) {
  return std::make_unique<SarifReporter>(out, settings);
}

}  // namespace amllint::cli
