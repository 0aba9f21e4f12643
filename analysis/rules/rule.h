// What a rule is: a check over one analysed file that reports under one or more stable codes.
// Every code amllint reports, the core's and the rules', has one row in rules/registry.cpp (its
// default severity, summary, fixes, ...): that table is the only place such facts are written.
// Adding a rule = its file analysis/rules/<name>.cpp (defining `const Rule& rules::<name>()`),
// its page docs/rules/<code>.md (header and examples checked by tests/unit/rule_docs_test.cpp),
// its fixtures tests/fixtures/rules/<code>/, and one row per code in rules/registry.cpp.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
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
struct Config;
class Environment;
class StepIndex;

// Which fixes a code's diagnostics offer (Applicability in diagnostic.h).
enum class FixOffer { None, Safe, Unsafe, Both };

class Rule;

// One row of the registry: everything amllint states about a code.
struct RuleInfo {
  std::string_view code;
  // The rule that reports the code; null for codes the core reports (YAML reader, schema
  // validator, analysis driver, suppressions, the server).
  const Rule& (*rule)() = nullptr;
  Severity severity = Severity::Error;  // the default; `.amllint.yaml` may change it
  std::string_view summary;             // one line, for `--list-rules`, SARIF and the doc page
  FixOffer fixes = FixOffer::None;
  // The finding says that something is not there (an undeclared name, a missing key). After a
  // syntax error the line in error is set aside, so such findings would only echo that error:
  // the analysis drops them then.
  bool rests_on_absence = false;
  // Where the code is reported at another severity than the default, that severity and why
  // (the doc page's header says the same). Empty when the severity never varies.
  Severity varies_to = Severity::Error;
  std::string_view varies_why;

  bool allows(Severity s) const { return s == severity || (!varies_why.empty() && s == varies_to); }
  bool offers(Applicability a) const {
    return fixes == FixOffer::Both ||
           (fixes == (a == Applicability::Safe ? FixOffer::Safe : FixOffer::Unsafe));
  }
};

const char* fix_offer_name(FixOffer f);  // "none", "safe", "unsafe", "safe and unsafe"

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
  // The configuration that applies to the file (`.amllint.yaml`, `--config`, editor settings);
  // null when there is none.
  const Config* config = nullptr;
  // Set when the analysis is abandoned: a rule that waits on something slow (a program) stops.
  std::shared_ptr<const std::atomic<bool>> cancel;

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
  // The steps of the file's pipelines by name, indexed once for all the rules of an analysis.
  StepIndex& steps();
  // When set, an interface-local rule checks only what starts inside this range (the edited
  // step); findings elsewhere are the previous analysis's.
  std::optional<TextRange> only;
  bool looks_at(TextRange r) const {
    return !only || (r.begin >= only->begin && r.begin < only->end);
  }

  // Set by the runner.
  std::span<const RuleInfo> current_codes;
  std::vector<Diagnostic> diagnostics;
  std::vector<TextRange> superseded;
  bool rule_failed = false;

 private:
  std::shared_ptr<StepIndex> steps_;  // shared_ptr: StepIndex is incomplete here
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual void check(RuleContext& ctx) const = 0;
  // The rule's findings are local to the steps of the file's top-level `jobs:`: what it reports
  // inside a step depends only on that step and the top level outside `jobs:` (and on files on
  // disk), and what it reports elsewhere depends on nothing under `jobs:` (no step looks at
  // another, no finding is made once per file or per shared folder). After an edit inside one
  // step, amlls then runs the rule on a stand-in of the top level and that step alone, and keeps
  // the rule's other findings (incremental/rule_reuse.h). The randomized test in
  // tests/unit/incremental_test.cpp holds every rule that claims it to a full run.
  virtual bool step_local() const { return false; }
  // Weaker: what the rule reports inside a step of the top-level `jobs:` depends on that step,
  // the top level and the other steps' interface (incremental/step_interface.h: their names,
  // types and output ports), and what it reports elsewhere on the top level and that interface.
  // After an edit inside one step that leaves the interface as it was, amlls runs the rule over
  // the whole model for what lies in that step only (RuleContext::only) and keeps its other
  // findings. tests/unit/rule_interface_locality_test.cpp checks every rule that claims it.
  virtual bool interface_local() const { return false; }
  // The codes this rule reports: its rows of the registry; most rules have exactly one.
  std::span<const RuleInfo> codes() const;
};

// Every rule, in the registry's order (the order they run in).
const std::vector<const Rule*>& all_rules();

// What running a set of rules over one context found.
struct RuleFindings {
  std::vector<Diagnostic> diagnostics;
  std::vector<TextRange> superseded;  // RuleContext::supersede
  bool rule_failed = false;           // a rule threw; its error is among the diagnostics
};
// Whole: the rules that are neither step-local nor interface-local.
enum class RuleSet { All, StepLocal, InterfaceLocal, Whole };
// Runs the rules of `set` in registry order; a rule that throws is reported as an internal error
// at the file's start instead of taking the others down. Throws AnalysisCancelled when
// `ctx.cancel` is set.
RuleFindings run_rules(RuleContext& ctx, RuleSet set);

// The registry's rows in its own order (rules/registry.cpp).
std::span<const RuleInfo> registry();
// Every code amllint can report (the registry: core and rule codes), sorted by code.
const std::vector<RuleInfo>& rule_catalogue();
const RuleInfo* find_rule(std::string_view code);

// The documentation page of a code (docs/rules/<code>.md, compiled in), or empty.
std::string_view rule_documentation(std::string_view code);

}  // namespace amllint
