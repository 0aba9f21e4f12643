#include "incremental/rule_reuse.h"

#include "incremental/carry.h"
#include "model/job_model.h"

namespace amllint::incremental {

namespace {

// `old`'s findings and superseded ranges outside the edited block, moved past the edit; nullopt
// when one reaches into the block.
std::optional<RuleFindings> carried(const RuleFindings& old, const Reparsed& r) {
  if (old.rule_failed) return std::nullopt;
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
  return out;
}

// Appends what `fresh` found inside the new block; false when a rule failed.
bool add_fresh(RuleFindings& out, RuleFindings& fresh, const Reparsed& r) {
  if (fresh.rule_failed) return false;
  for (Diagnostic& d : fresh.diagnostics)
    if (starts_inside(d.range, r.new_block)) out.diagnostics.push_back(std::move(d));
  for (const TextRange& range : fresh.superseded)
    if (starts_inside(range, r.new_block)) out.superseded.push_back(range);
  return true;
}

}  // namespace

std::optional<RuleFindings> rerun_step_rules(const StepRuleRun& run, const RuleFindings& old) {
  const Reparsed& r = run.reparsed;
  std::unique_ptr<StepStandIn> stand_in = step_stand_in(r);
  if (!stand_in) return std::nullopt;
  std::optional<RuleFindings> out = carried(old, r);
  if (!out) return std::nullopt;

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
  if (!add_fresh(*out, fresh, r)) return std::nullopt;
  return out;
}

std::optional<RuleFindings> rerun_interface_rules(RuleContext& ctx, const Reparsed& r,
                                                  const RuleFindings& old) {
  if (!r.step) return std::nullopt;
  std::optional<RuleFindings> out = carried(old, r);
  if (!out) return std::nullopt;
  ctx.only = r.new_block;
  RuleFindings fresh = run_rules(ctx, RuleSet::InterfaceLocal);
  ctx.only.reset();
  if (!add_fresh(*out, fresh, r)) return std::nullopt;
  return out;
}

}  // namespace amllint::incremental
