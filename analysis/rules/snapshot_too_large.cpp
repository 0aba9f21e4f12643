#include "environment.h"
#include "model/snapshot.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "snapshot-too-large";

class SnapshotTooLarge final : public Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const CodeReference& code : local_code_references(ctx.model)) {
      if (!ctx.env.is_directory(code.folder)) continue;
      std::shared_ptr<const SnapshotStats> stats = ctx.env.snapshot(code.folder);
      if (!stats || !stats->over_limit()) continue;
      // A walk cut short counts a lower bound, which is still over the limit.
      std::string at_least = stats->complete ? "" : "at least ";
      std::string ignore = stats->ignore_file.empty()
                               ? std::string("no .amlignore or .gitignore excludes anything")
                               : "after `" + stats->ignore_file + "` exclusions";
      ctx.report(kCode, whole_value_range(ctx, *code.node),
                 "the code snapshot is " + at_least + format_bytes(stats->bytes) + " in " +
                     at_least + std::to_string(stats->files) + " files (" + ignore +
                     "); Azure ML rejects snapshots over 300 MB or 2,000 files: list data, " +
                     "outputs and environments in `.amlignore` or pass data as inputs");
    }
  }
};

}  // namespace

const Rule& snapshot_too_large() {
  static const SnapshotTooLarge rule;
  return rule;
}

}  // namespace amllint::rules
