// Seeded mistakes: each must give one diagnostic with an actionable message on the right text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "schema_checked.h"
#include "validation/schema_validate.h"

using namespace amllint;
using amllint::testing::with;
using Checked = amllint::testing::SchemaChecked;

namespace {

const char* kCommandJob =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
    "type: command\n"
    "command: python train.py --lr ${{inputs.lr}}\n"
    "code: src\n"
    "environment: azureml://registries/azureml/environments/sklearn-1.5/labels/latest\n"
    "inputs:\n"
    "  lr: 0.1\n"
    "  data:\n"
    "    type: uri_folder\n"
    "    path: azureml:iris:1\n"
    "    mode: ro_mount\n"
    "resources:\n"
    "  instance_count: 2\n";

}  // namespace

TEST(SchemaFaults, ValidCommandJobHasNoDiagnostics) {
  Checked c(FileKind::CommandJob, kCommandJob);
  EXPECT_TRUE(c.diagnostics.empty()) << c.dump();
}

TEST(SchemaFaults, UnknownKeySuggestsClosestKeyOnTheKey) {
  Checked c(FileKind::CommandJob, with(kCommandJob, "command: python", "comand: python"));
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  const Diagnostic& d = c.diagnostics[0];
  EXPECT_EQ(d.code, "unknown-key");
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(c.text_of(d.range), "comand");
  EXPECT_EQ(d.message, "`comand` is not a property of a command job; did you mean `command`?");
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].edits[0].new_text, "command");
}

TEST(SchemaFaults, UnknownKeyInNestedMapping) {
  Checked c(FileKind::CommandJob, with(kCommandJob, "instance_count: 2", "instance_cont: 2"));
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "unknown-key");
  EXPECT_EQ(c.text_of(c.diagnostics[0].range), "instance_cont");
  EXPECT_NE(c.diagnostics[0].message.find("did you mean `instance_count`?"), std::string::npos)
      << c.dump();
}

TEST(SchemaFaults, WrongTypeNamesExpectedTypeOnTheValue) {
  Checked c(FileKind::CommandJob, with(kCommandJob, "instance_count: 2", "instance_count: two"));
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "invalid-type");
  EXPECT_EQ(c.text_of(c.diagnostics[0].range), "two");
  EXPECT_EQ(c.diagnostics[0].message,
            "expected an integer for `instance_count`, got the string `two`");

  Checked list(FileKind::CommandJob, with(kCommandJob, "code: src", "code: [src]"));
  ASSERT_EQ(list.diagnostics.size(), 1u) << list.dump();
  EXPECT_EQ(list.diagnostics[0].code, "invalid-type");
  EXPECT_EQ(list.text_of(list.diagnostics[0].range), "[src]");
  EXPECT_EQ(list.diagnostics[0].message, "expected a string for `code`, got a list");
}

TEST(SchemaFaults, NumericStringsAndBindingsAreAccepted) {
  Checked c(FileKind::CommandJob, with(kCommandJob, "instance_count: 2", "instance_count: \"2\""));
  EXPECT_TRUE(c.diagnostics.empty()) << c.dump();
  Checked p(FileKind::PipelineJob,
            "type: pipeline\n"
            "inputs:\n  n: 2\n"
            "jobs:\n"
            "  train:\n"
            "    component: ./train.yml\n"
            "    compute: ${{parent.inputs.compute}}\n"
            "    resources:\n      instance_count: ${{parent.inputs.n}}\n"
            "    distribution:\n      type: pytorch\n"
            "      process_count_per_instance: '${{parent.inputs.n}}'\n"
            "    outputs:\n      model:\n");
  EXPECT_TRUE(p.diagnostics.empty()) << p.dump();
}

TEST(SchemaFaults, BadEnumListsAllowedValuesOnTheValue) {
  Checked c(FileKind::CommandJob, with(kCommandJob, "mode: ro_mount", "mode: ro_mont"));
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "invalid-enum");
  EXPECT_EQ(c.text_of(c.diagnostics[0].range), "ro_mont");
  EXPECT_EQ(c.diagnostics[0].message,
            "`ro_mont` is not a valid value for `mode`; expected one of `ro_mount`, `download`, "
            "`direct`; did you mean `ro_mount`?");
}

TEST(SchemaFaults, MissingRootKeyLandsOnTheTypeKey) {
  Checked c(FileKind::CommandJob, with(kCommandJob,
                                       "environment: azureml://registries/azureml/"
                                       "environments/sklearn-1.5/labels/latest\n",
                                       ""));
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "missing-key");
  EXPECT_EQ(c.text_of(c.diagnostics[0].range), "type");
  EXPECT_EQ(c.diagnostics[0].message, "missing required key `environment` in a command job");
}

TEST(SchemaFaults, MissingNestedKeyLandsOnTheParentKey) {
  Checked c(FileKind::SweepJob,
            "type: sweep\n"
            "sampling_algorithm: random\n"
            "search_space:\n  lr:\n    type: uniform\n    min_value: 0.01\n"
            "objective:\n  goal: minimize\n"
            "trial:\n  command: python t.py\n  environment: azureml:env@latest\n"
            "limits:\n  max_total_trials: 4\n");
  ASSERT_EQ(c.diagnostics.size(), 2u) << c.dump();
  EXPECT_EQ(c.text_of(c.diagnostics[0].range), "lr");
  EXPECT_EQ(c.diagnostics[0].message, "missing required key `max_value` in `lr`");
  EXPECT_EQ(c.text_of(c.diagnostics[1].range), "objective");
  EXPECT_EQ(c.diagnostics[1].message, "missing required key `primary_metric` in `objective`");
}

TEST(SchemaFaults, WrongStepTypeGivesOneErrorNotACascade) {
  Checked c(FileKind::PipelineJob,
            "type: pipeline\njobs:\n  step:\n    type: sweeep\n    trial: ./t.yml\n");
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "invalid-enum");
  EXPECT_EQ(c.text_of(c.diagnostics[0].range), "sweeep");
  EXPECT_NE(c.diagnostics[0].message.find("did you mean `sweep`?"), std::string::npos);
}

TEST(SchemaFaults, StepBranchIsChosenByItsType) {
  // An untyped step with a component is a command step.
  Checked c(FileKind::PipelineJob,
            "type: pipeline\nsettings:\n  default_compute: serverless\njobs:\n  train:\n"
            "    component: ./train.yml\n    comput: gpu\n");
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].message,
            "`comput` is not a property of a command step; did you mean `compute`?");
  // A spark step allows `entry`, a command step does not.
  Checked s(FileKind::PipelineJob,
            "type: pipeline\njobs:\n  wrangle:\n    type: spark\n    entry:\n      file: a.py\n"
            "    conf:\n      spark.driver.cores: 1\n      spark.driver.memory: 2g\n"
            "      spark.executor.cores: 1\n      spark.executor.memory: 2g\n"
            "      spark.executor.instances: 1\n    command: x\n"
            "    resources:\n      instance_type: standard_e4s_v3\n      runtime_version: '3.4'\n");
  ASSERT_EQ(s.diagnostics.size(), 1u) << s.dump();
  EXPECT_EQ(s.text_of(s.diagnostics[0].range), "command");
  EXPECT_EQ(s.diagnostics[0].message, "`command` is not a property of a Spark step");
}

TEST(SchemaFaults, StepNamesMustBeIdentifiers) {
  Checked c(
      FileKind::PipelineJob,
      "type: pipeline\ncompute: azureml:cpu\njobs:\n  train-model:\n    component: ./train.yml\n");
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "schema");
  EXPECT_EQ(c.text_of(c.diagnostics[0].range), "train-model");
}

TEST(SchemaFaults, AStepWithABadNameIsStillCheckedInside) {
  Checked c(
      FileKind::PipelineJob,
      "type: pipeline\njobs:\n  train-model:\n    type: comand\n    component: ./train.yml\n");
  ASSERT_EQ(c.diagnostics.size(), 2u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "schema");
  EXPECT_EQ(c.diagnostics[1].code, "invalid-enum");
  EXPECT_EQ(c.text_of(c.diagnostics[1].range), "comand");
}

TEST(SchemaFaults, OpenMappingsTolerateUnknownKeys) {
  Checked c(FileKind::PipelineJob,
            "type: pipeline\nsettings:\n  default_compute: serverless\n  is_deterministic: false\n"
            "tags:\n  anything: goes\njobs:\n  a:\n    component: ./a.yml\n"
            "    environment_variables:\n      N: 3\n");
  EXPECT_TRUE(c.diagnostics.empty()) << c.dump();
}

TEST(SchemaLookup, SchemaAtFollowsTheBranchOfTheValuesPresent) {
  Checked c(FileKind::PipelineJob,
            "type: pipeline\njobs:\n  s:\n    type: sweep\n    trial: ./t.yml\n");
  SchemaInfo sweep = schema_at(FileKind::PipelineJob, c.view, "/jobs/s");
  ASSERT_FALSE(sweep.node.is_null());
  EXPECT_EQ(sweep.description, "A sweep step.");
  auto has = [](const SchemaInfo& info, const std::string& name) {
    for (const auto& p : info.properties)
      if (p.name == name) return !p.description.empty();
    return false;
  };
  EXPECT_TRUE(has(sweep, "objective"));
  EXPECT_FALSE(has(sweep, "command"));

  SchemaInfo resources = schema_at(FileKind::CommandJob, c.view, "/resources");
  EXPECT_TRUE(has(resources, "instance_count"));
  SchemaInfo count = schema_at(FileKind::CommandJob, c.view, "/resources/instance_count");
  EXPECT_EQ(count.description, "Number of nodes.");
  EXPECT_TRUE(schema_at(FileKind::CommandJob, c.view, "/nonsense").node.is_null());
}
