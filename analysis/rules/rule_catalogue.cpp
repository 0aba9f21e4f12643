#include <algorithm>

#include "rules/rule.h"
#include "rules/rule_docs.h"

namespace amllint {
namespace {

// Codes reported by the YAML reader, the schema validator and the analysis driver itself.
constexpr RuleInfo kCoreCodes[] = {
    {"invalid-encoding", Severity::Error, "the file is binary or not valid UTF-8"},
    {"syntax-error", Severity::Error, "the YAML does not parse"},
    {"duplicate-key", Severity::Warning, "a key appears twice in one mapping; the last one wins"},
    {"alias-limit", Severity::Error, "YAML aliases expand beyond a safe size"},
    {"invalid-merge", Severity::Error, "a `<<` merge key whose value is not a mapping"},
    {"unknown-key", Severity::Error, "a key the service does not accept at this place"},
    {"invalid-type", Severity::Error, "a value of the wrong type"},
    {"invalid-enum", Severity::Error, "a value outside the set the service accepts"},
    {"missing-key", Severity::Error, "a required key is missing"},
    {"schema", Severity::Error, "another violation of the job schema"},
    {"date-value", Severity::Error,
     "a plain `2024-01-01` where text is expected: YAML reads it as a date, `az ml` rejects it"},
    {"missing-compute", Severity::Error,
     "a pipeline step that runs on no compute (none on the step, the pipeline or its settings)"},
    {"invalid-component-name", Severity::Warning,
     "a component name `az ml component create` rejects (a pipeline referencing the file accepts "
     "it)"},
    {"unknown-suppression", Severity::Warning,
     "an `amllint: disable` comment names a code that does not exist"},
};

}  // namespace

const std::vector<RuleInfo>& rule_catalogue() {
  static const std::vector<RuleInfo> all = [] {
    std::vector<RuleInfo> out(std::begin(kCoreCodes), std::end(kCoreCodes));
    for (const Rule* rule : all_rules())
      for (const RuleInfo& info : rule->codes()) out.push_back(info);
    std::sort(out.begin(), out.end(),
              [](const RuleInfo& a, const RuleInfo& b) { return a.code < b.code; });
    return out;
  }();
  return all;
}

const RuleInfo* find_rule(std::string_view code) {
  const auto& all = rule_catalogue();
  auto it = std::lower_bound(all.begin(), all.end(), code,
                             [](const RuleInfo& r, std::string_view c) { return r.code < c; });
  return it != all.end() && it->code == code ? &*it : nullptr;
}

std::string_view rule_documentation(std::string_view code) {
  for (const EmbeddedFile& f : embedded_rule_docs())
    if (f.name.size() == code.size() + 3 && f.name.substr(0, code.size()) == code &&
        f.name.substr(code.size()) == ".md")
      return f.text;
  return {};
}

}  // namespace amllint
