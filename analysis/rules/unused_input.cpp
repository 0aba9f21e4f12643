// A declared input that no binding of the file reads: the value is uploaded or mounted and then
// ignored, which usually means a forgotten `${{inputs.x}}` in the command (or a pipeline input no
// step binds). Advice only: a script may still read it from `AZURE_ML_INPUT_<name>`.
#include <set>

#include "binding_scope.h"
#include "rules.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"unused-input", Severity::Info, "a declared input is never referenced by a binding"},
};

bool checked_kind(FileKind kind) {
  switch (kind) {
    case FileKind::CommandJob:
    case FileKind::SweepJob:
    case FileKind::SparkJob:
    case FileKind::PipelineJob:
    case FileKind::CommandComponent:
    case FileKind::ParallelComponent:
    case FileKind::SparkComponent:
    case FileKind::PipelineComponent: return true;
    default: return false;
  }
}

// The file's model and the inline components of its steps, at any depth.
void models_of(const JobModel& model, std::vector<const JobModel*>& out) {
  out.push_back(&model);
  for (const Step& s : model.steps)
    if (s.inline_model && s.component && s.component->is_mapping()) models_of(*s.inline_model, out);
}

bool is_pipeline(const JobModel& m) {
  return m.kind == FileKind::PipelineJob || m.kind == FileKind::PipelineComponent;
}

class UnusedInput final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  void check(RuleContext& ctx) const override {
    std::vector<const JobModel*> models;
    models_of(ctx.model, models);
    for (const JobModel* m : models) {
      if (!checked_kind(m->kind) || !m->root || !m->root->is_mapping()) continue;
      // A job that runs a component hands its inputs to it; the component reads them.
      if (m->root->get("component")) continue;
      // A sweep whose trial is a component file: the trial's command is elsewhere.
      if (m->kind == FileKind::SweepJob) {
        const yaml::Node* trial = m->root->get("trial");
        if (!trial || !trial->is_mapping()) continue;
      }
      if (!section_complete(m->root, "inputs")) continue;
      const yaml::Node* section = m->root->get("inputs");
      if (!section || !section->is_mapping()) continue;

      std::set<std::string> used;
      for (const BoundExpression& e : ctx.model.bindings) {
        Lookup lookup = lookup_for(e);
        if (lookup.kind != LookupKind::Inputs || lookup.model != m) continue;
        if (const BindingSegment* seg = name_segment(e.binding)) used.insert(seg->text);
      }
      // `{inputs.x}` (the 2021 spelling, which legacy-binding-syntax reports) reads it too.
      const yaml::Node* holder = m->kind == FileKind::SweepJob ? m->root->get("trial") : m->root;
      if (const yaml::Node* command = holder ? holder->get("command") : nullptr;
          command && command->is_scalar())
        for (const BraceBinding& b : find_brace_bindings(command->value))
          if (b.head == "inputs") used.insert(b.path.substr(7, b.path.find('.', 7) - 7));
      for (const Port& port : m->inputs) {
        if (used.count(port.name) || !port.key) continue;
        if (port.key->range.begin < section->range.begin ||
            port.key->range.end > section->range.end)
          continue;  // merged in from elsewhere: the declaration is not here
        if (ctx.doc.text().find("AZURE_ML_INPUT_" + port.name) != std::string_view::npos) continue;
        std::string how = is_pipeline(*m) ? "no step binds `${{parent.inputs." + port.name + "}}`"
                                          : "nothing references `${{inputs." + port.name + "}}`";
        ctx.report(kCodes[0].code, port.key->range,
                   "input `" + port.name + "` is declared but never used: " + how);
      }
    }
  }
};

}  // namespace

const Rule& unused_input() {
  static const UnusedInput rule;
  return rule;
}

}  // namespace amllint::rules
