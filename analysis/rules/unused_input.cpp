// A declared input that no binding of the file reads: the value is uploaded or mounted and then
// ignored, which usually means a forgotten `${{inputs.x}}` in the command (or a pipeline input no
// step binds). Advice only: a script may still read it from `AZURE_ML_INPUT_<name>`.
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "model/binding_scope.h"
#include "model/step_walk.h"
#include "rules/rule.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "unused-input";

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
  walk_steps(model, [&](const Step& s, const JobModel&, int) {
    if (s.inline_model && s.component && s.component->is_mapping())
      out.push_back(s.inline_model.get());
  });
}

bool is_pipeline(const JobModel& m) {
  return m.kind == FileKind::PipelineJob || m.kind == FileKind::PipelineComponent;
}

// Views of the bindings' own names: the model outlives the check.
using UsedInputs = std::unordered_map<const JobModel*, std::unordered_set<std::string_view>>;

// The input names each model's bindings read. Every binding is resolved once and filed under
// its model: resolving all bindings for each model would be quadratic in a pipeline of inline
// components.
UsedInputs used_inputs(const JobModel& file) {
  UsedInputs used;
  for (const BoundExpression& e : file.bindings) {
    Lookup lookup = lookup_for(e);
    if (lookup.kind != LookupKind::Inputs || !lookup.model) continue;
    if (const BindingSegment* seg = name_segment(e.binding)) used[lookup.model].insert(seg->text);
  }
  return used;
}

// Where the text names `AZURE_ML_INPUT_<something>`: the offsets just past the prefix. Found
// once, so that each unused input is checked against these few places instead of the file.
std::vector<size_t> env_var_mentions(std::string_view text) {
  constexpr std::string_view kPrefix = "AZURE_ML_INPUT_";
  std::vector<size_t> out;
  for (size_t at = text.find(kPrefix); at != std::string_view::npos;
       at = text.find(kPrefix, at + 1))
    out.push_back(at + kPrefix.size());
  return out;
}

bool read_as_env_var(std::string_view text, const std::vector<size_t>& mentions,
                     std::string_view name) {
  for (size_t at : mentions)
    if (text.substr(at).starts_with(name)) return true;
  return false;
}

class UnusedInput final : public Rule {
 public:
  void check(RuleContext& ctx) const override {
    std::vector<const JobModel*> models;
    models_of(ctx.model, models);
    const UsedInputs bound = used_inputs(ctx.model);
    const std::vector<size_t> mentions = env_var_mentions(ctx.doc.text());
    for (const JobModel* m : models) {
      if (!checked_kind(m->kind) || !m->root || !m->root->is_mapping()) continue;
      // A job that runs a component hands its inputs to it; the component reads them.
      if (m->root->get("component")) continue;
      // A sweep whose trial is a component file: the trial's command is elsewhere.
      if (m->kind == FileKind::SweepJob) {
        const yaml::Node* trial = m->root->get("trial");
        if (!trial || !trial->is_mapping()) continue;
      }
      if (!m->inputs_complete) continue;
      const yaml::Node* section = m->root->get("inputs");
      if (!section || !section->is_mapping()) continue;

      static const std::unordered_set<std::string_view> kNone;
      auto found = bound.find(m);
      const std::unordered_set<std::string_view>& used_bound =
          found == bound.end() ? kNone : found->second;
      // Names read only in the 2021 brace spelling; few.
      std::set<std::string> used;
      // `{inputs.x}` (the 2021 spelling, which legacy-binding-syntax reports) reads it too.
      const yaml::Node* holder = m->kind == FileKind::SweepJob ? m->root->get("trial") : m->root;
      if (const yaml::Node* command = holder ? holder->get("command") : nullptr;
          command && command->is_scalar())
        for (const BraceBinding& b : find_brace_bindings(command->value))
          if (b.head == "inputs") used.insert(b.path.substr(7, b.path.find('.', 7) - 7));
      for (const Port& port : m->inputs) {
        if (used_bound.count(port.name) || used.count(port.name) || !port.key) continue;
        if (port.key->range.begin < section->range.begin ||
            port.key->range.end > section->range.end)
          continue;  // merged in from elsewhere: the declaration is not here
        if (read_as_env_var(ctx.doc.text(), mentions, port.name)) continue;
        std::string how = is_pipeline(*m) ? "no step binds `${{parent.inputs." + port.name + "}}`"
                                          : "nothing references `${{inputs." + port.name + "}}`";
        ctx.report(kCode, port.key->range,
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
