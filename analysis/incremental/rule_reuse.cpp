#include "incremental/rule_reuse.h"

#include "incremental/carry.h"
#include "model/job_model.h"

namespace amllint::incremental {

std::optional<RuleFindings> rerun_step_rules(const StepRuleRun& run, const RuleFindings& old) {
  const Reparsed& r = run.reparsed;
  if (old.rule_failed) return std::nullopt;
  std::unique_ptr<StepStandIn> stand_in = step_stand_in(r);
  if (!stand_in) return std::nullopt;

  RuleFindings out;
  out.diagnostics.reserve(old.diagnostics.size() + 4);
  for (const Diagnostic& d : old.diagnostics) {
    if (starts_inside(d.range, r.old_block)) continue;
    Diagnostic moved = d;
    if (!carry(moved, r)) return std::nullopt;
    out.diagnostics.push_back(std::move(moved));
  }
  for (TextRange range : old.superseded) {
    if (starts_inside(range, r.old_block)) continue;
    if (!carry(range, r)) return std::nullopt;
    out.superseded.push_back(range);
  }

  // The stand-in's tree: rules read the root (walks) and never the node store, which only the
  // whole-file rules use (secret-in-file scans every node of every document).
  yaml::Tree tree;
  tree.root = &stand_in->root;
  std::shared_ptr<const JobModel> model =
      build_job_model(run.doc, tree.root, run.kind, run.path, run.env);
  RuleContext ctx(run.doc, tree, *model, run.env, run.path);
  ctx.config = run.config;
  ctx.cancel = run.cancel;
  RuleFindings fresh = run_rules(ctx, RuleSet::StepLocal);
  if (fresh.rule_failed) return std::nullopt;
  for (Diagnostic& d : fresh.diagnostics)
    if (starts_inside(d.range, r.new_block)) out.diagnostics.push_back(std::move(d));
  for (const TextRange& range : fresh.superseded)
    if (starts_inside(range, r.new_block)) out.superseded.push_back(range);
  return out;
}

}  // namespace amllint::incremental
