// Schema validation in one pass: valijson runs once and records where it failed, only the steps
// it did not reach get a run of their own, and the explainer enters only the places valijson
// flagged. None of this may change what is reported.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "schema_checked.h"
#include "validation/schema_explain.h"
#include "validation/valijson_check.h"

using namespace amllint;
using Checked = amllint::testing::SchemaChecked;

namespace {

// Steps in the order valijson visits them (by name): a valid one before the first mistake, one
// between two mistakes, and mistakes after the first.
const char* kPipeline =
    "type: pipeline\n"
    "settings:\n"
    "  default_compute: serverless\n"
    "jobs:\n"
    "  alpha:\n"
    "    type: command\n"
    "    command: echo a\n"
    "    environment: azureml:env:1\n"
    "  bravo:\n"
    "    type: command\n"
    "    comand: echo b\n"
    "    environment: azureml:env:1\n"
    "  charlie:\n"
    "    type: command\n"
    "    command: echo c\n"
    "    environment: azureml:env:1\n"
    "  delta:\n"
    "    type: command\n"
    "    command: echo d\n"
    "    environment: azureml:env:1\n"
    "    outputs:\n"
    "      out:\n"
    "        type: uri_foldr\n"
    "  echo-step:\n"
    "    type: command\n"
    "    command: echo e\n"
    "    environment: azureml:env:1\n"
    "    resources:\n"
    "      instance_count: many\n"
    "  foxtrot:\n"
    "    type: command\n"
    "    command: echo f\n"
    "    environment: 42\n";

std::vector<std::string> texts_and_codes(const Checked& c) {
  std::vector<std::string> out;
  for (const Diagnostic& d : c.diagnostics) out.push_back(c.text_of(d.range) + " " + d.code);
  return out;
}

// What the caller keeps of the explainer's findings: those valijson flagged too.
std::vector<std::string> kept(const std::vector<SchemaFinding>& findings,
                              const ValijsonFailures& failures) {
  std::vector<std::string> out;
  for (const SchemaFinding& f : findings)
    if (failures.pointers.count(f.where)) out.push_back(f.where + " " + f.diagnostic.message);
  return out;
}

}  // namespace

TEST(SchemaOnePass, EveryStepMistakeIsReportedBeforeAndAfterTheFirst) {
  Checked c(FileKind::PipelineJob, kPipeline);
  std::vector<std::string> expected = {
      "bravo missing-key",  // the first step valijson flags: it has no `command` now
      "comand unknown-key", "uri_foldr invalid-enum",
      "echo-step schema",   // a bad name: checked as a step all the same
      "many invalid-type",  // inside the badly named step
      "42 invalid-type",    // foxtrot: after every other mistake
  };
  EXPECT_EQ(texts_and_codes(c), expected) << c.dump();
}

TEST(SchemaOnePass, ValijsonFlagsEveryFailingStepAndNoValidOne) {
  Checked c(FileKind::PipelineJob, kPipeline);
  auto failures = valijson_failures(FileKind::PipelineJob, c.view.value);
  ASSERT_TRUE(failures);
  EXPECT_FALSE(failures->valid);
  for (const char* flagged : {"/jobs/bravo", "/jobs/delta", "/jobs/foxtrot"})
    EXPECT_TRUE(failures->pointers.count(flagged)) << flagged;
  for (const char* valid : {"/jobs/alpha", "/jobs/charlie"})
    EXPECT_FALSE(failures->pointers.count(valid)) << valid;
}

TEST(SchemaOnePass, ExplainerSkipsOnlyWhatCouldNotBeKept) {
  Checked c(FileKind::PipelineJob, kPipeline);
  auto failures = valijson_failures(FileKind::PipelineJob, c.view.value);
  ASSERT_TRUE(failures);
  std::vector<SchemaFinding> whole = explain_schema(FileKind::PipelineJob, c.view, nullptr);
  std::vector<SchemaFinding> pruned =
      explain_schema(FileKind::PipelineJob, c.view, &failures->pointers);
  EXPECT_EQ(kept(pruned, *failures), kept(whole, *failures));
  EXPECT_FALSE(kept(pruned, *failures).empty());
}

TEST(SchemaOnePass, ExplainerEntersOnlyFlaggedPlaces) {
  Checked c(FileKind::PipelineJob, kPipeline);
  // As if valijson had flagged delta alone: the other steps' mistakes are not looked for.
  std::set<std::string> flagged = {"",
                                   "/jobs",
                                   "/jobs/delta",
                                   "/jobs/delta/outputs",
                                   "/jobs/delta/outputs/out",
                                   "/jobs/delta/outputs/out/type"};
  std::vector<SchemaFinding> findings = explain_schema(FileKind::PipelineJob, c.view, &flagged);
  ASSERT_FALSE(findings.empty());
  for (const SchemaFinding& f : findings)
    EXPECT_TRUE(f.where == "/jobs" || f.where.rfind("/jobs/delta", 0) == 0) << f.where;
  std::vector<SchemaFinding> whole = explain_schema(FileKind::PipelineJob, c.view, nullptr);
  EXPECT_GT(whole.size(), findings.size());
}
