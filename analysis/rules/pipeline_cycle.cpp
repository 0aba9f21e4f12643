// Steps that feed each other in a loop (`a` reads `${{parent.jobs.b.outputs.o}}` and `b` reads
// `a`'s output): a pipeline is a directed acyclic graph, and the service cannot order its steps.
#include <algorithm>
#include <set>

#include "model/binding_scope.h"
#include "model/step_walk.h"
#include "rules/rule.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "pipeline-cycle";

struct Edge {
  size_t to;
  const BoundExpression* binding;
};

class CycleFinder {
 public:
  CycleFinder(RuleContext& ctx, const JobModel& pipeline, std::vector<std::vector<Edge>> edges)
      : ctx_(ctx), pipeline_(pipeline), edges_(std::move(edges)), color_(edges_.size(), 0) {}

  void run() {
    for (size_t i = 0; i < edges_.size(); ++i)
      if (color_[i] == 0) visit(i);
  }

 private:
  void visit(size_t n) {
    color_[n] = 1;
    stack_.push_back(n);
    for (const Edge& e : edges_[n]) {
      if (color_[e.to] == 1) {
        report(e);
      } else if (color_[e.to] == 0) {
        visit(e.to);
      }
    }
    stack_.pop_back();
    color_[n] = 2;
  }

  // `e` closes a cycle from `e.to` along the stack back to `e.to`.
  void report(const Edge& e) {
    auto from = std::find(stack_.begin(), stack_.end(), e.to);
    std::vector<size_t> cycle(from, stack_.end());
    std::set<size_t> key(cycle.begin(), cycle.end());
    if (!seen_.insert(key).second) return;
    std::string path;
    for (size_t n : cycle) path += "`" + pipeline_.steps[n].name + "` → ";
    path += "`" + pipeline_.steps[e.to].name + "`";
    ctx_.report(kCode, e.binding->binding.range,
                cycle.size() == 1
                    ? "step `" + pipeline_.steps[e.to].name +
                          "` reads its own output; a step "
                          "cannot depend on itself"
                    : "pipeline steps form a cycle: " + path +
                          "; the service cannot order steps that depend on each other");
  }

  RuleContext& ctx_;
  const JobModel& pipeline_;
  std::vector<std::vector<Edge>> edges_;
  std::vector<int> color_;
  std::vector<size_t> stack_;
  std::set<std::set<size_t>> seen_;
};

// The file's pipeline and its inline pipeline components, at any depth.
void pipelines_of(const JobModel& model, std::vector<const JobModel*>& out) {
  if (!model.steps.empty()) out.push_back(&model);
  walk_steps(model, [&](const Step& s, const JobModel&, int) {
    if (s.inline_model && s.component && s.component->is_mapping() &&
        !s.inline_model->steps.empty())
      out.push_back(s.inline_model.get());
  });
}

class PipelineCycle final : public Rule {
 public:
  void check(RuleContext& ctx) const override {
    std::vector<const JobModel*> pipelines;
    pipelines_of(ctx.model, pipelines);
    StepIndex& steps = ctx.steps();
    for (const JobModel* p : pipelines) {
      // Edges run from the step whose output is read to the step that reads it.
      std::vector<std::vector<Edge>> edges(p->steps.size());
      for (const BoundExpression& e : ctx.model.bindings) {
        if (e.scope != BindingScope::Parent || e.owner != p) continue;
        if (e.binding.kind != BindingKind::ParentJobOutput) continue;
        const Step* reader = step_of(e);
        const Step* writer = steps.find(*p, e.binding.step);
        if (!reader || !writer) continue;
        edges[writer - p->steps.data()].push_back(
            {static_cast<size_t>(reader - p->steps.data()), &e});
      }
      CycleFinder(ctx, *p, std::move(edges)).run();
    }
  }
};

}  // namespace

const Rule& pipeline_cycle() {
  static const PipelineCycle rule;
  return rule;
}

}  // namespace amllint::rules
