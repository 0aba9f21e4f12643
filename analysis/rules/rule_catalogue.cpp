// Views of the registry (rules/registry.cpp): the rules to run, each rule's codes, the codes by
// name, and the pages compiled in beside them.
#include <algorithm>
#include <unordered_map>

#include "rules/rule.h"
#include "rules/rule_docs.h"

namespace amllint {

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> out;
    for (const RuleInfo& info : registry())
      if (info.rule && (out.empty() || out.back() != &info.rule())) out.push_back(&info.rule());
    return out;
  }();
  return rules;
}

namespace {

std::span<const RuleInfo> rows_of(const Rule* rule) {
  std::span<const RuleInfo> all = registry();
  auto first = std::find_if(all.begin(), all.end(),
                            [&](const RuleInfo& r) { return r.rule && &r.rule() == rule; });
  auto last = std::find_if(first, all.end(),
                           [&](const RuleInfo& r) { return !r.rule || &r.rule() != rule; });
  return {first, last};
}

}  // namespace

std::span<const RuleInfo> Rule::codes() const {
  // Asked for every rule of every analysis: the rows are looked up once per process.
  static const std::unordered_map<const Rule*, std::span<const RuleInfo>> rows = [] {
    std::unordered_map<const Rule*, std::span<const RuleInfo>> out;
    for (const Rule* rule : all_rules()) out.emplace(rule, rows_of(rule));
    return out;
  }();
  auto it = rows.find(this);
  return it != rows.end() ? it->second : rows_of(this);
}

const std::vector<RuleInfo>& rule_catalogue() {
  static const std::vector<RuleInfo> all = [] {
    std::vector<RuleInfo> out(registry().begin(), registry().end());
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

const char* fix_offer_name(FixOffer f) {
  switch (f) {
    case FixOffer::None: return "none";
    case FixOffer::Safe: return "safe";
    case FixOffer::Unsafe: return "unsafe";
    case FixOffer::Both: return "safe and unsafe";
  }
  return "none";
}

std::string_view rule_documentation(std::string_view code) {
  for (const EmbeddedFile& f : embedded_rule_docs())
    if (f.name.size() == code.size() + 3 && f.name.substr(0, code.size()) == code &&
        f.name.substr(code.size()) == ".md")
      return f.text;
  return {};
}

}  // namespace amllint
