// What a rule is: a stable code, a default severity, a check over one analysed file.
// Each rule lives in analysis/rules/<code>.cpp with docs/rules/<code>.md and fixtures in
// tests/fixtures/rules/<code>/; rules/registry.cpp lists them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"

namespace amllint {

namespace yaml {
struct Tree;
struct Node;
}  // namespace yaml
struct JobModel;
class Environment;

struct RuleInfo {
  std::string_view code;
  Severity severity;         // the default; `.amllint.yaml` may change it
  std::string_view summary;  // one line, for `--list-rules`
};

class RuleContext {
 public:
  RuleContext(const Document& doc, const yaml::Tree& tree, const JobModel& model, Environment& env,
              std::string path)
      : doc(doc), tree(tree), model(model), env(env), path(std::move(path)) {}

  const Document& doc;
  const yaml::Tree& tree;
  const JobModel& model;
  Environment& env;
  const std::string path;  // the file's path as given; empty for an unsaved buffer

  // Reports under `code`, which must be one of the running rule's codes.
  void report(std::string_view code, TextRange range, std::string message,
              std::vector<Fix> fixes = {});
  // The file range of `[begin, end)` of a scalar's decoded value: quoted and folded scalars
  // differ from their source, so offsets are mapped through the source text.
  TextRange value_range(const yaml::Node& scalar, uint32_t begin, uint32_t end) const;
  // The folder relative references resolve from: the file's folder, or the working directory.
  std::string base_dir() const;
  // Says that the running rule's finding explains whatever the schema reports inside `range`
  // (an unknown key, a wrong type or enum): those schema findings are dropped, so that one
  // mistake gets one message.
  void supersede(TextRange range) { superseded.push_back(range); }

  // Set by the runner.
  std::span<const RuleInfo> current_codes;
  std::vector<Diagnostic> diagnostics;
  std::vector<TextRange> superseded;
};

class Rule {
 public:
  virtual ~Rule() = default;
  // The codes this rule reports; most rules have exactly one.
  virtual std::span<const RuleInfo> codes() const = 0;
  virtual void check(RuleContext& ctx) const = 0;
};

// Every rule, in a stable order.
const std::vector<const Rule*>& all_rules();

// Every code amllint can report (YAML, schema and rule codes), sorted by code.
const std::vector<RuleInfo>& rule_catalogue();
const RuleInfo* find_rule(std::string_view code);

// The documentation page of a code (docs/rules/<code>.md, compiled in), or empty.
std::string_view rule_documentation(std::string_view code);

}  // namespace amllint
