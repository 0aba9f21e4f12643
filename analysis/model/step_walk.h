// The one walk over the steps of a job model that rules use: the steps of a pipeline and, at any
// depth, the steps of the inline pipeline components they run, all written in the same file.
#pragma once

#include "model/job_model.h"

namespace amllint {

// Why a cap at all: inline pipelines nest inside the file's text, so the tree bounds them, but
// the model is built from a tree whose aliases may repeat a subtree. Why 16: a real pipeline
// nests one or two inline pipelines; 16 keeps every real file whole and bounds the recursion.
inline constexpr int kMaxInlinePipelineDepth = 16;

// Calls `visit(const Step& step, const JobModel& pipeline, int depth)` for every step of `model`
// (depth 0) and, right after a step whose inline component is a pipeline, for the steps of that
// pipeline (depth + 1): depth first, in source order. Component files are not entered: they are
// files of their own, linted as such.
template <class F>
void walk_steps(const JobModel& model, F&& visit, int depth = 0) {
  if (depth > kMaxInlinePipelineDepth) return;
  for (const Step& step : model.steps) {
    visit(step, model, depth);
    if (step.inline_model && step.inline_model->kind == FileKind::PipelineComponent)
      walk_steps(*step.inline_model, visit, depth + 1);
  }
}

}  // namespace amllint
