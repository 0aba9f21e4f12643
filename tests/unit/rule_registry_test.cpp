// The registry (analysis/rules/registry.cpp) is the one place rule metadata is written, so it
// must be true: every code the analysis emits is registered, at a severity its row allows, with
// fixes of the applicability its row says; and every page in docs/rules/ opens with a header
// (title, severity) that agrees with its row.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "config/config.h"
#include "rules/rule.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace amllint;

namespace {

std::vector<fs::path> yaml_files_under(const fs::path& root) {
  std::vector<fs::path> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yml" || ext == ".yaml") &&
        entry.path().filename() != ".amllint.yaml")
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string_view> page_lines(std::string_view page) {
  std::vector<std::string_view> lines;
  while (!page.empty()) {
    size_t nl = page.find('\n');
    lines.push_back(page.substr(0, nl));
    if (nl == std::string_view::npos) break;
    page.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace

// Every fixture (support files too: they are specs of their own) and every corpus file, with
// an empty configuration so that no code is switched off or moved to another severity.
TEST(RuleRegistry, EveryEmittedCodeIsRegisteredWithItsSeverityAndFixes) {
  std::vector<fs::path> files = yaml_files_under(amllint::testing::fixtures_dir());
  std::vector<fs::path> corpus = yaml_files_under(amllint::testing::shared_dir() / "corpus");
  files.insert(files.end(), corpus.begin(), corpus.end());
  auto no_config = std::make_shared<Config>();
  std::map<std::string, std::set<std::string>> seen;  // code -> severities seen
  size_t diagnostics = 0;
  for (const fs::path& file : files) {
    Document doc(amllint::testing::read_file(file));
    AnalysisOptions options;
    options.path = file.string();
    options.config = no_config;
    Analysis analysis = analyze(doc, options);
    for (const Diagnostic& d : analysis.diagnostics) {
      ++diagnostics;
      seen[d.code].insert(severity_name(d.severity));
      const RuleInfo* info = find_rule(d.code);
      if (!info) {
        ADD_FAILURE() << amllint::testing::describe(file.string(), doc, d) << ": not registered";
        continue;
      }
      EXPECT_TRUE(info->allows(d.severity))
          << amllint::testing::describe(file.string(), doc, d) << ": the registry allows only "
          << severity_name(info->severity)
          << (info->varies_why.empty() ? "" : std::string(" or ") + severity_name(info->varies_to));
      for (const Fix& f : d.fixes)
        EXPECT_TRUE(info->offers(f.applicability))
            << amllint::testing::describe(file.string(), doc, d) << ": a "
            << applicability_name(f.applicability) << " fix, but the registry says "
            << fix_offer_name(info->fixes);
    }
  }
  std::string summary;
  for (const auto& [code, severities] : seen) {
    summary += "  " + code + ":";
    for (const std::string& s : severities) summary += " " + s;
    summary += "\n";
  }
  std::cout << files.size() << " files, " << diagnostics << " diagnostics, " << seen.size()
            << " of " << rule_catalogue().size() << " registered codes seen:\n"
            << summary;
  EXPECT_GT(seen.size(), rule_catalogue().size() / 2) << "the files reached too few codes";
}

// A rule's rows are consecutive (the runner takes them as one span), and every rule object
// appears once in all_rules().
TEST(RuleRegistry, EachRulesRowsAreConsecutive) {
  std::set<const Rule*> done;
  const Rule* current = nullptr;
  for (const RuleInfo& info : registry()) {
    const Rule* rule = info.rule ? &info.rule() : nullptr;
    if (rule != current && rule) {
      EXPECT_TRUE(done.insert(rule).second) << info.code;
    }
    current = rule;
    if (rule) {
      auto codes = rule->codes();
      EXPECT_TRUE(std::any_of(codes.begin(), codes.end(), [&](const RuleInfo& r) {
        return r.code == info.code;
      })) << info.code;
    }
  }
  EXPECT_EQ(done.size(), all_rules().size());
}

// The header of docs/rules/<code>.md: `# <code>`, then a `**Severity:** <default>` paragraph
// that, where the severity varies, also names the other severity.
TEST(RuleRegistry, EveryPageHeaderAgreesWithTheRegistry) {
  for (const RuleInfo& info : rule_catalogue()) {
    std::string_view page = rule_documentation(info.code);
    if (page.empty()) {
      ADD_FAILURE() << "docs/rules/" << info.code << ".md is missing";
      continue;
    }
    std::vector<std::string_view> lines = page_lines(page);
    EXPECT_EQ(lines[0], "# " + std::string(info.code)) << info.code;
    size_t i = 1;
    while (i < lines.size() && lines[i].empty()) ++i;
    const std::string_view kLabel = "**Severity:** ";
    if (i == lines.size() || !lines[i].starts_with(kLabel)) {
      ADD_FAILURE() << info.code << ": the line after the title is not `**Severity:** ...`";
      continue;
    }
    std::string paragraph;
    for (size_t j = i; j < lines.size() && !lines[j].empty(); ++j)
      paragraph += std::string(lines[j]) + " ";
    std::string_view first = std::string_view(paragraph).substr(kLabel.size());
    first = first.substr(0, first.find_first_of(" ,;—"));
    EXPECT_EQ(first, severity_name(info.severity)) << info.code << ": " << paragraph;
    if (!info.varies_why.empty()) {
      EXPECT_NE(paragraph.find(severity_name(info.varies_to)), std::string::npos)
          << info.code << ": the severity varies (" << info.varies_why
          << ") but the page's header does not say so";
    }
    EXPECT_FALSE(info.summary.empty()) << info.code;
  }
}
