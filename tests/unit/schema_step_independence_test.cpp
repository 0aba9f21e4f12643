// A pipeline step's schema findings depend only on that step and the top level, never on which
// other steps exist or where valijson first failed (incremental analysis relies on it): each
// step of a pipeline is checked in the whole file and in a copy whose `jobs` holds that step
// alone, and the findings on it must be the same.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "schema_checked.h"

using namespace amllint;
using Checked = amllint::testing::SchemaChecked;

namespace {

struct Step {
  std::string name, body;  // body: the step's lines, indented by four spaces
};

struct Assembled {
  std::string text;
  std::vector<std::pair<size_t, size_t>> spans;  // byte range of each step
};

Assembled assemble(const std::string& top, const std::vector<Step>& steps) {
  Assembled out{top + "jobs:\n", {}};
  for (const Step& s : steps) {
    size_t begin = out.text.size();
    out.text += "  " + s.name + ":\n" + s.body;
    out.spans.emplace_back(begin, out.text.size());
  }
  return out;
}

// "code 'text': message" of each diagnostic that starts inside [begin, end).
std::vector<std::string> findings_in(const Checked& c, size_t begin, size_t end) {
  std::vector<std::string> out;
  for (const Diagnostic& d : c.diagnostics)
    if (d.range.begin >= begin && d.range.begin < end)
      out.push_back(d.code + " '" + c.text_of(d.range) + "': " + d.message);
  return out;
}

void expect_independent(FileKind kind, const std::string& top, const std::vector<Step>& steps) {
  Assembled whole = assemble(top, steps);
  Checked all(kind, whole.text);
  for (size_t i = 0; i < steps.size(); ++i) {
    Assembled one = assemble(top, {steps[i]});
    Checked alone(kind, one.text);
    EXPECT_EQ(findings_in(all, whole.spans[i].first, whole.spans[i].second),
              findings_in(alone, one.spans[0].first, one.spans[0].second))
        << "step " << steps[i].name << "\nwhole file:\n"
        << all.dump() << "alone:\n"
        << alone.dump();
  }
}

const char* kComponentStep =
    "    component: azureml:train:1\n"
    "    inputs:\n"
    "      data:\n"
    "        type: uri_folder\n"
    "        path: azureml:data:1\n";

// Steps in the order valijson visits them (by name): mistakes of every sort, steps without a
// compute before and after them, a valid step between, and a name the schema rejects.
std::vector<Step> pipeline_steps() {
  return {
      {"alpha", kComponentStep},  // no compute
      {"bravo", "    compute: azureml:cpu\n" + std::string(kComponentStep)},
      {"charlie",
       "    type: command\n    comand: echo c\n    environment: azureml:env:1\n"},  // no compute
      {"delta",
       "    compute: azureml:cpu\n    type: command\n    command: echo d\n"
       "    environment: 42\n"},
      {"echo-step", "    type: command\n    command: echo e\n    environment: azureml:env:1\n"},
      {"foxtrot", kComponentStep},                                       // no compute
      {"golf", "    type: pipeline\n    component: azureml:inner:1\n"},  // needs none
      {"hotel", kComponentStep},                                         // no compute
  };
}

}  // namespace

TEST(SchemaStepIndependence, EveryStepWithoutComputeIsFlagged) {
  std::vector<Step> steps;
  for (const Step& s : pipeline_steps())
    if (s.name != "echo-step") steps.push_back(s);  // the SDK rejects its name before computes
  Checked c(FileKind::PipelineJob, assemble("type: pipeline\n", steps).text);
  std::vector<std::string> flagged;
  for (const Diagnostic& d : c.diagnostics)
    if (d.code == "missing-compute") flagged.push_back(c.text_of(d.range));
  // As the SDK says: "jobs.alpha.compute: Compute not set", "jobs.charlie.compute: ...", ...
  EXPECT_EQ(flagged, (std::vector<std::string>{"alpha", "charlie", "foxtrot", "hotel"}))
      << c.dump();
}

TEST(SchemaStepIndependence, PipelineJobStepsWithoutCompute) {
  expect_independent(FileKind::PipelineJob, "type: pipeline\n", pipeline_steps());
}

TEST(SchemaStepIndependence, PipelineJobWithDefaultCompute) {
  expect_independent(FileKind::PipelineJob,
                     "type: pipeline\nsettings:\n  default_compute: serverless\n",
                     pipeline_steps());
}

TEST(SchemaStepIndependence, PipelineJobWithAMistakeAtTheTop) {
  // The top level fails on its own too: a step is flagged only for what lies under it.
  expect_independent(FileKind::PipelineJob, "type: pipeline\ndisplay_nam: x\ntags: 3\n",
                     pipeline_steps());
}

TEST(SchemaStepIndependence, PipelineComponentSteps) {
  expect_independent(FileKind::PipelineComponent, "type: pipeline\nname: outer\nversion: \"1\"\n",
                     pipeline_steps());
}
