// Forms whose verdict was measured with azure-ai-ml 1.34's client-side validation
// (../shared/tools/sdk-oracle): what the SDK accepts must pass, what it rejects must fail, and
// valijson and the explaining walker must agree (a walker finding is kept only where valijson
// also failed, so a form only the walker understands would be silently dropped).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "schema_checked.h"
#include "validation/file_kind.h"
#include "validation/schema_validate.h"

using namespace amllint;
using amllint::testing::with;
using Checked = amllint::testing::SchemaChecked;

namespace {

const char* kJob =
    "type: command\n"
    "command: python train.py ${{inputs.data}}\n"
    "code: src\n"
    "environment: azureml:sklearn-env:1\n"
    "inputs:\n"
    "  data:\n"
    "    type: uri_folder\n"
    "    path: azureml:iris:1\n"
    "    mode: ro_mount\n"
    "distribution:\n"
    "  type: pytorch\n"
    "identity:\n"
    "  type: user_identity\n"
    "resources:\n"
    "  instance_count: 2\n";

const char* kComponent =
    "name: train\n"
    "type: command\n"
    "command: python train.py ${{inputs.data}}\n"
    "code: src\n"
    "environment: azureml:sklearn-env:1\n"
    "inputs:\n"
    "  data:\n"
    "    type: uri_folder\n";

}  // namespace

TEST(SchemaSdkForms, EnumsTheSdkLowerCasesPassInAnyCase) {
  std::string job = with(kJob, "type: pytorch", "type: PyTorch");
  job = with(job, "mode: ro_mount", "mode: RO_MOUNT");
  job = with(job, "type: uri_folder", "type: URI_FOLDER");
  Checked c(FileKind::CommandJob, job);
  EXPECT_TRUE(c.diagnostics.empty()) << c.dump();
  // ... and a typo in another case is still a typo.
  Checked typo(FileKind::CommandJob, with(kJob, "type: pytorch", "type: PyTorh"));
  ASSERT_EQ(typo.diagnostics.size(), 1u) << typo.dump();
  EXPECT_EQ(typo.diagnostics[0].code, "invalid-enum");
}

TEST(SchemaSdkForms, CamelToSnakeFieldsTakePascalCaseButNotMixedSnake) {
  Checked pascal(FileKind::CommandJob, with(kJob, "type: user_identity", "type: UserIdentity"));
  EXPECT_TRUE(pascal.diagnostics.empty()) << pascal.dump();
  // camel_to_snake("User_Identity") is "user__identity": rejected.
  Checked mixed(FileKind::CommandJob, with(kJob, "type: user_identity", "type: User_Identity"));
  ASSERT_EQ(mixed.diagnostics.size(), 1u) << mixed.dump();
  EXPECT_EQ(mixed.text_of(mixed.diagnostics[0].range), "User_Identity");
}

TEST(SchemaSdkForms, ComponentPortsCompareExactlyAndSaySo) {
  Checked c(FileKind::CommandComponent, with(kComponent, "type: uri_folder", "type: URI_FOLDER"));
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "invalid-enum");
  EXPECT_NE(c.diagnostics[0].message.find("case matters here: did you mean `uri_folder`?"),
            std::string::npos)
      << c.dump();
  ASSERT_EQ(c.diagnostics[0].fixes.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].fixes[0].edits[0].new_text, "uri_folder");
  // A component's own `type` is lower-cased by the SDK.
  Checked type(FileKind::CommandComponent, with(kComponent, "type: command", "type: Command"));
  EXPECT_TRUE(type.diagnostics.empty()) << type.dump();
}

TEST(SchemaSdkForms, AnUnsupportedJobTypeIsReportedAsTheSdkReportsIt) {
  Checked c(FileKind::CommandJob, with(kJob, "type: command", "type: comand"));
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  const Diagnostic& d = c.diagnostics[0];
  EXPECT_EQ(d.code, "invalid-enum");
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(c.text_of(d.range), "comand");
  EXPECT_NE(d.message.find("(\"Unsupported job type: comand\")"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("did you mean `command`?"), std::string::npos) << d.message;
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].edits[0].new_text, "command");
  // A job's `type` is case-sensitive.
  Checked cased(FileKind::CommandJob, with(kJob, "type: command", "type: Command"));
  ASSERT_EQ(cased.diagnostics.size(), 1u) << cased.dump();
  EXPECT_NE(cased.diagnostics[0].message.find("case-sensitive"), std::string::npos);
}

TEST(SchemaSdkForms, DetectionMapsAMisspeltTypeToTheClosestKind) {
  EXPECT_EQ(nearest_spec_type("comand"), "command");
  EXPECT_EQ(nearest_spec_type("pipline"), "pipeline");
  EXPECT_EQ(nearest_spec_type("sweeep"), "sweep");
  EXPECT_EQ(nearest_spec_type("Command"), "command");
  EXPECT_EQ(nearest_spec_type("ClusterIP"), "");
  EXPECT_EQ(nearest_spec_type("service"), "");

  auto kind_of = [](const std::string& text) {
    Document doc(text);
    yaml::Tree tree = yaml::parse(doc);
    return detect_kind(doc.text(), tree.root);
  };
  // With an Azure ML `$schema`, or with Azure ML evidence, a typo is checked as its kind.
  EXPECT_EQ(kind_of("$schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json\n"
                    "type: sweeep\ntrial: {command: x}\n"),
            FileKind::SweepJob);
  EXPECT_EQ(kind_of("type: comand\ncommand: python t.py\nenvironment: azureml:env:1\n"),
            FileKind::CommandJob);
  EXPECT_EQ(kind_of("type: comand\nname: t\nversion: 1\ncommand: python t.py\n"
                    "environment: azureml:env:1\n"),
            FileKind::CommandComponent);
  // Without evidence, other tools' YAML stays silent.
  EXPECT_EQ(kind_of("type: comand\ncommand: make\nenvironment: ci\n"), FileKind::NotAzureMl);
  EXPECT_EQ(kind_of("command: bash\nenvironment:\n  FLASK_ENV: development\n"),
            FileKind::NotAzureMl);
  EXPECT_EQ(kind_of("command: python app.py\nenvironment: production\ncode: app\n"),
            FileKind::NotAzureMl);
  // ... and Azure ML files without `$schema` or `type` are still found.
  EXPECT_EQ(kind_of("command: python t.py\nenvironment: azureml:env:1\n"), FileKind::CommandJob);
  EXPECT_EQ(kind_of("command: python t.py ${{inputs.x}}\nenvironment: {image: python:3.11}\n"),
            FileKind::CommandJob);
}

TEST(SchemaSdkForms, DatesAreRejectedInTextFieldsOnly) {
  Checked c(FileKind::CommandJob, std::string(kJob) + "display_name: 2024-01-01\n" +
                                      "environment_variables:\n  DATE: 2024-01-01\n");
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  const Diagnostic& d = c.diagnostics[0];
  EXPECT_EQ(d.code, "date-value");
  EXPECT_EQ(c.text_of(d.range), "2024-01-01");
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_TRUE(d.fixes[0].safe());
  EXPECT_EQ(d.fixes[0].edits[0].new_text, "\"2024-01-01\"");

  Checked version(FileKind::CommandComponent, std::string(kComponent) + "version: 2024-01-01\n");
  EXPECT_TRUE(version.diagnostics.empty()) << version.dump();
  Checked quoted(FileKind::CommandJob, std::string(kJob) + "display_name: '2024-01-01'\n");
  EXPECT_TRUE(quoted.diagnostics.empty()) << quoted.dump();

  EXPECT_TRUE(yaml::is_timestamp("2024-06-30 12:00:00"));
  EXPECT_TRUE(yaml::is_timestamp("2024-6-3T1:00:00.5Z"));
  EXPECT_FALSE(yaml::is_timestamp("2024-6-3"));
  EXPECT_FALSE(yaml::is_timestamp("20240101"));
}

TEST(SchemaSdkForms, AComponentDropsUnknownKeysButNotTheKeysItNeeds) {
  Checked cod(FileKind::CommandComponent, with(kComponent, "code: src", "cod: src"));
  ASSERT_EQ(cod.diagnostics.size(), 1u) << cod.dump();
  EXPECT_EQ(cod.diagnostics[0].code, "unknown-key");
  EXPECT_EQ(cod.diagnostics[0].severity, Severity::Warning);

  Checked env(FileKind::CommandComponent, with(kComponent, "environment:", "enviroment:"));
  ASSERT_EQ(env.diagnostics.size(), 2u) << env.dump();
  EXPECT_EQ(env.diagnostics[0].code, "missing-key");
  EXPECT_EQ(env.diagnostics[0].severity, Severity::Error);
  EXPECT_NE(env.diagnostics[0].message.find("`enviroment` is ignored"), std::string::npos);
  EXPECT_EQ(env.diagnostics[1].code, "unknown-key");
  EXPECT_EQ(env.diagnostics[1].severity, Severity::Warning);

  // At a job's top level the same typo is rejected: one error, on the key.
  Checked job(FileKind::CommandJob, with(kJob, "environment:", "enviroment:"));
  ASSERT_EQ(job.diagnostics.size(), 1u) << job.dump();
  EXPECT_EQ(job.diagnostics[0].code, "unknown-key");
  EXPECT_EQ(job.diagnostics[0].severity, Severity::Error);
}

TEST(SchemaSdkForms, InlineStepsRejectUnknownKeysComponentStepsDoNot) {
  const std::string pipeline =
      "type: pipeline\n"
      "settings:\n  default_compute: serverless\n"
      "jobs:\n"
      "  a:\n    component: ./a.yml\n    retries: 3\n"
      "  b:\n    command: python b.py\n    environment: azureml:env:1\n    retries: 3\n";
  Checked c(FileKind::PipelineJob, pipeline);
  ASSERT_EQ(c.diagnostics.size(), 2u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].severity, Severity::Warning);  // a.retries
  EXPECT_EQ(c.diagnostics[1].severity, Severity::Error);    // b.retries
}

TEST(SchemaSdkForms, EveryFailingStepIsReportedNotOnlyTheFirst) {
  // valijson stops at the first step that fails; the others are validated one by one.
  Checked c(FileKind::PipelineJob,
            "type: pipeline\ncompute: azureml:cpu\njobs:\n"
            "  a:\n    command: x\n    environment: sklearn-env\n"
            "  b:\n    command: x\n    environment: azureml:env:1\n"
            "    inputs:\n      d:\n        type: uri_fil\n"
            "  c:\n    command: x\n    environment: python:3.11\n");
  ASSERT_EQ(c.diagnostics.size(), 3u) << c.dump();
  EXPECT_EQ(c.text_of(c.diagnostics[0].range), "sklearn-env");
  EXPECT_EQ(c.text_of(c.diagnostics[1].range), "uri_fil");
  EXPECT_EQ(c.text_of(c.diagnostics[2].range), "python:3.11");
}

TEST(SchemaSdkForms, LiteralInputsAreValuesOrValueMappings) {
  Checked value(FileKind::CommandJob,
                with(kJob, "inputs:\n", "inputs:\n  epochs:\n    value: 10\n"));
  EXPECT_TRUE(value.diagnostics.empty()) << value.dump();
  Checked typed(FileKind::CommandJob,
                with(kJob, "inputs:\n", "inputs:\n  epochs:\n    type: integer\n    value: 10\n"));
  ASSERT_EQ(typed.diagnostics.size(), 1u) << typed.dump();
  EXPECT_NE(typed.diagnostics[0].message.find("`{value: 10}`"), std::string::npos);
  // The literal-input hint is for literal types only, not for a typo of a data type.
  Checked typo(FileKind::CommandJob, with(kJob, "type: uri_folder", "type: uri_foldr"));
  ASSERT_EQ(typo.diagnostics.size(), 1u) << typo.dump();
  EXPECT_EQ(typo.diagnostics[0].message.find("literal"), std::string::npos);
}

TEST(SchemaSdkForms, NumbersAndBooleansTheSdkConverts) {
  Checked c(FileKind::CommandJob, with(kJob, "instance_count: 2", "instance_count: 2.0"));
  EXPECT_TRUE(c.diagnostics.empty()) << c.dump();
  Checked b(FileKind::CommandComponent, std::string(kComponent) + "is_deterministic: 0\n");
  EXPECT_TRUE(b.diagnostics.empty()) << b.dump();
  Checked two(FileKind::CommandComponent, std::string(kComponent) + "is_deterministic: 2\n");
  ASSERT_EQ(two.diagnostics.size(), 1u) << two.dump();
  EXPECT_EQ(two.diagnostics[0].code, "invalid-type");
  EXPECT_EQ(two.diagnostics[0].message, "expected a boolean for `is_deterministic`, got `2`");
}

TEST(SchemaSdkForms, EnvironmentStringsNeedAzureMlOrFile) {
  for (const char* ok :
       {"azureml:env:1", "azureml:env@latest", "azureml:env",
        "azureml://registries/azureml/environments/sklearn-1.5/labels/latest", "file:./env.yml"}) {
    Checked c(FileKind::CommandJob, with(kJob, "azureml:sklearn-env:1", ok));
    EXPECT_TRUE(c.diagnostics.empty()) << ok << "\n" << c.dump();
  }
  for (const char* bad : {"library/python:latest", "sklearn-env", "sklearn-env:1", "./env.yml"}) {
    Checked c(FileKind::CommandJob, with(kJob, "azureml:sklearn-env:1", bad));
    ASSERT_EQ(c.diagnostics.size(), 1u) << bad << "\n" << c.dump();
    EXPECT_EQ(c.diagnostics[0].code, "invalid-type");
    EXPECT_NE(c.diagnostics[0].message.find("Environment schema data cannot be a string"),
              std::string::npos);
  }
}

TEST(SchemaSdkForms, ComponentNamesRegistrationRejectsAreWarnings) {
  Checked c(FileKind::CommandComponent, with(kComponent, "name: train", "name: train-model"));
  ASSERT_EQ(c.diagnostics.size(), 1u) << c.dump();
  EXPECT_EQ(c.diagnostics[0].code, "invalid-component-name");
  EXPECT_EQ(c.diagnostics[0].severity, Severity::Warning);
  Checked none(FileKind::CommandComponent, with(kComponent, "name: train\n", ""));
  ASSERT_EQ(none.diagnostics.size(), 1u) << none.dump();
  EXPECT_EQ(none.diagnostics[0].code, "missing-key");
  EXPECT_EQ(none.diagnostics[0].severity, Severity::Warning);
}
