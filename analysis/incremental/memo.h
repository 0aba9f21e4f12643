// What an analysis keeps for the next one of the same file (AnalysisOptions::previous): the
// text it read, the schema findings before rules superseded any, and the step-local rules'
// findings, so that an edit inside one block re-parses and re-validates that block only, and an
// edit inside one step re-runs the step-local rules on that step only (reparse.h,
// schema_reuse.h, rule_reuse.h).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"
#include "rules/rule.h"

namespace amllint {

struct Config;

struct AnalysisMemo {
  std::string text;
  FileKind kind = FileKind::NotAzureMl;
  std::vector<Diagnostic> schema;  // validate_schema's findings for `text`
  bool schema_raw = false;         // incremental::has_raw_messages(schema)
  RuleFindings step_rules;         // the step-local rules' findings (RuleSet::StepLocal)
  RuleFindings interface_rules;    // the interface-local rules' (RuleSet::InterfaceLocal)
  uint64_t step_interface = 0;     // of the job model (step_interface.h)
  // What the rules read besides the text: findings are carried only while both are the same.
  uint64_t env_generation = 0;
  std::shared_ptr<const Config> config;
  std::string path;  // AnalysisOptions::path: relative references resolve from its folder
  // How this analysis was made, for tests and benchmarks: the tree came from re-parsing one
  // block, the schema findings from validating that block only, and the step-local rules'
  // findings from running them on that step only.
  bool reparsed = false;
  bool revalidated = false;
  bool rules_rerun = false;
  bool interface_rules_rerun = false;  // and the interface-local rules' from the edited step
  size_t steps_carried = 0;            // steps of the job model taken from the previous one
};

namespace incremental {

// Files shorter than this are analysed from scratch every time: it costs well under a
// millisecond, and keeping their text would cost memory in a server with many of them open.
// Tests lower it to exercise small files.
inline std::atomic<size_t> min_bytes{8192};

// Whether a file's text and tree are of the shape a later edit can re-parse block by block:
// one block-mapping document without aliases, syntax errors, CR line ends or tab indentation
// (the parser reads those in ways that depend on the whole file).
bool memo_worthy(const std::string& text, const yaml::Tree& tree);

}  // namespace incremental
}  // namespace amllint
