// Rule findings after a re-parsed step (reparse.h). The rules that say they are step-local
// (Rule::step_local) run on a stand-in of the top level and the edited step; their findings
// inside the step come from that run, the others are the previous analysis's, moved past the
// edit. The other rules run over the whole file as before.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "analyze.h"
#include "incremental/reparse.h"
#include "rules/rule.h"

namespace amllint {
class Document;
class Environment;
struct Config;
}  // namespace amllint

namespace amllint::incremental {

struct StepRuleRun {
  const Reparsed& reparsed;
  const Document& doc;
  FileKind kind;
  const std::string& path;
  Environment& env;
  const Config* config;
  std::shared_ptr<const std::atomic<bool>> cancel;
};

// The step-local rules' findings for the new text, from `old` (theirs for the previous text).
// Nullopt when they cannot be carried over exactly (the edit was not inside one step, an old
// finding or fix reaches into the step, or a rule failed): then run them over the whole file.
std::optional<RuleFindings> rerun_step_rules(const StepRuleRun& run, const RuleFindings& old);

// The interface-local rules' findings for the new text (`ctx` holds its model), after an edit
// inside one step that left the steps' interface as it was (step_interface.h): inside the step
// from a run over the whole model limited to it, elsewhere `old`'s, moved past the edit.
// Nullopt when they cannot be carried over exactly: then run them over the whole file.
std::optional<RuleFindings> rerun_interface_rules(RuleContext& ctx, const Reparsed& r,
                                                  const RuleFindings& old);

}  // namespace amllint::incremental
