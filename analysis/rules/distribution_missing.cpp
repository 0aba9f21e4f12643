#include "model/step_walk.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "distribution-missing";

const yaml::Node* instance_count(const yaml::Node* holder) {
  const yaml::Node* resources = holder ? holder->get("resources") : nullptr;
  return resources && resources->is_mapping() ? resources->get("instance_count") : nullptr;
}

bool has_distribution(const yaml::Node* holder) {
  const yaml::Node* d = holder && holder->is_mapping() ? holder->get("distribution") : nullptr;
  return d && !d->is_null();
}

class DistributionMissing final : public Rule {
 public:
  // Step-local (rule.h): each job or step is judged on its own resources and component.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    const JobModel& model = ctx.model;
    if (!model.root) return;
    switch (model.kind) {
      case FileKind::CommandJob:
      case FileKind::CommandComponent: check_holder(ctx, model.root, model.root); break;
      case FileKind::SweepJob:
        // A sweep's `resources` apply to each trial; the trial declares the distribution.
        check_holder(ctx, model.root, model.root->get("trial"));
        break;
      default: break;
    }
    walk_steps(model, [&](const Step& step, const JobModel&, int) { check_step(ctx, step); });
  }

 private:
  // `counted` holds `resources.instance_count`, `distributed` the `distribution` that would
  // apply to it.
  void check_holder(RuleContext& ctx, const yaml::Node* counted,
                    const yaml::Node* distributed) const {
    const yaml::Node* count = instance_count(counted);
    std::optional<long long> n = integer_value(count);
    if (!n || *n <= 1 || has_distribution(distributed)) return;
    ctx.report(kCode, count->range,
               "`instance_count: " + std::to_string(*n) +
                   "` without `distribution` runs the same command on every node with no " +
                   "rendezvous between them; add `distribution` (type pytorch, mpi, " +
                   "tensorflow or ray) or use a single instance");
  }

  // Command steps: the step's own `distribution`, or the one its component declares. A
  // component from a registry or the workspace is unknown, so it is given the benefit of
  // the doubt; so are parallel and Spark steps, which scale out without a distribution.
  // The steps of inline pipelines too: walk_steps enters them.
  void check_step(RuleContext& ctx, const Step& step) const {
    if (!step.node || !step.node->is_mapping()) return;
    if (step.type == "sweep") {
      // A trial given as a component file declares its distribution there.
      const yaml::Node* trial = step.node->get("trial");
      if (trial && trial->is_mapping()) check_holder(ctx, step.node, trial);
      return;
    }
    if (step.type != "command" || has_distribution(step.node)) return;
    const JobModel* ports = step.ports();
    if (!ports) return;
    // An inline command step's model is the step itself.
    if (ports->root != step.node && has_distribution(ports->root)) return;
    check_holder(ctx, step.node, step.node);
  }
};

}  // namespace

const Rule& distribution_missing() {
  static const DistributionMissing rule;
  return rule;
}

}  // namespace amllint::rules
