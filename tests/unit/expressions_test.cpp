#include "model/expressions.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace amllint {
namespace {

std::string_view slice(std::string_view text, TextRange r) {
  return text.substr(r.begin, r.end - r.begin);
}

TEST(Expressions, InputBindingWithRanges) {
  std::string_view text = "python train.py --lr ${{inputs.learnin_rate}} --epochs 3";
  BindingScan scan = scan_bindings(text);
  ASSERT_EQ(scan.bindings.size(), 1u);
  EXPECT_TRUE(scan.issues.empty());
  const Binding& b = scan.bindings[0];
  EXPECT_EQ(b.kind, BindingKind::Input);
  EXPECT_EQ(slice(text, b.range), "${{inputs.learnin_rate}}");
  EXPECT_EQ(slice(text, b.path_range), "inputs.learnin_rate");
  EXPECT_EQ(b.name, "learnin_rate");
  EXPECT_EQ(slice(text, b.name_range), "learnin_rate");
  ASSERT_EQ(b.segments.size(), 2u);
  EXPECT_EQ(slice(text, b.segments[0].range), "inputs");
  EXPECT_EQ(slice(text, b.segments[1].range), "learnin_rate");
  EXPECT_FALSE(b.in_optional_block());
  EXPECT_FALSE(b.legacy_angle);
}

TEST(Expressions, EveryKind) {
  struct Case {
    const char* text;
    BindingKind kind;
    const char* name;
    const char* step;
  };
  const Case cases[] = {
      {"${{inputs.data}}", BindingKind::Input, "data", ""},
      {"${{outputs.model_output}}", BindingKind::Output, "model_output", ""},
      {"${{parent.inputs.pipeline_job_training_input}}", BindingKind::ParentInput,
       "pipeline_job_training_input", ""},
      {"${{parent.outputs.pipeline_job_trained_model}}", BindingKind::ParentOutput,
       "pipeline_job_trained_model", ""},
      {"${{parent.jobs.train_job.outputs.model_output}}", BindingKind::ParentJobOutput,
       "model_output", "train_job"},
      {"${{parent.jobs.distill_step}}", BindingKind::ParentJob, "", "distill_step"},
      {"${{search_space.learning_rate}}", BindingKind::SearchSpace, "learning_rate", ""},
      {"${{name}}", BindingKind::Macro, "name", ""},
      {"${{output_name}}", BindingKind::Macro, "output_name", ""},
      {"${{default_datastore}}", BindingKind::Macro, "default_datastore", ""},
      {"${{jobs.prep.outputs.clean}}", BindingKind::ParentJobOutput, "clean", "prep"},
      {"${{parent.jobs.a.inputs.b}}", BindingKind::Unknown, "", "a"},
      {"${{inputs}}", BindingKind::Unknown, "", ""},
      {"${{foo.bar}}", BindingKind::Unknown, "", ""},
      {"${{parent.inputs}}", BindingKind::Unknown, "", ""},
  };
  for (const Case& c : cases) {
    BindingScan scan = scan_bindings(c.text);
    ASSERT_EQ(scan.bindings.size(), 1u) << c.text;
    EXPECT_EQ(scan.bindings[0].kind, c.kind) << c.text;
    EXPECT_EQ(scan.bindings[0].name, c.name) << c.text;
    EXPECT_EQ(scan.bindings[0].step, c.step) << c.text;
    EXPECT_TRUE(scan.issues.empty()) << c.text;
  }
}

TEST(Expressions, StepAndOutputRangesOfParentJobOutput) {
  std::string_view text = "${{parent.jobs.prep_job.outputs.prep_data}}";
  BindingScan scan = scan_bindings(text);
  ASSERT_EQ(scan.bindings.size(), 1u);
  EXPECT_EQ(slice(text, scan.bindings[0].step_range), "prep_job");
  EXPECT_EQ(slice(text, scan.bindings[0].name_range), "prep_data");
  EXPECT_FALSE(scan.bindings[0].implicit_parent);
}

TEST(Expressions, LegacyJobsWithoutParentIsMarked) {
  BindingScan scan = scan_bindings("${{jobs.train.outputs.model}}");
  ASSERT_EQ(scan.bindings.size(), 1u);
  EXPECT_TRUE(scan.bindings[0].implicit_parent);
  EXPECT_EQ(scan.bindings[0].step, "train");
}

TEST(Expressions, SpacesInsideBraces) {
  std::string_view text = "--data ${{ inputs.training_data }} --out ${{  outputs.model}}";
  BindingScan scan = scan_bindings(text);
  ASSERT_EQ(scan.bindings.size(), 2u);
  EXPECT_TRUE(scan.issues.empty());
  EXPECT_EQ(slice(text, scan.bindings[0].range), "${{ inputs.training_data }}");
  EXPECT_EQ(slice(text, scan.bindings[0].path_range), "inputs.training_data");
  EXPECT_EQ(slice(text, scan.bindings[0].name_range), "training_data");
  EXPECT_EQ(scan.bindings[1].kind, BindingKind::Output);
  EXPECT_EQ(slice(text, scan.bindings[1].name_range), "model");
}

TEST(Expressions, InputGroupsKeepDottedNames) {
  std::string_view text = "--lr ${{inputs.train_params.learning_rate}}";
  BindingScan scan = scan_bindings(text);
  ASSERT_EQ(scan.bindings.size(), 1u);
  EXPECT_EQ(scan.bindings[0].name, "train_params.learning_rate");
  EXPECT_EQ(slice(text, scan.bindings[0].name_range), "train_params.learning_rate");
  EXPECT_EQ(scan.bindings[0].segments.size(), 3u);
}

TEST(Expressions, OutputPathMacros) {
  std::string_view text =
      "azureml://datastores/${{default_datastore}}/paths/azureml/${{name}}/${{output_name}}.jsonl";
  BindingScan scan = scan_bindings(text);
  ASSERT_EQ(scan.bindings.size(), 3u);
  for (const Binding& b : scan.bindings) EXPECT_EQ(b.kind, BindingKind::Macro);
  EXPECT_EQ(slice(text, scan.bindings[2].range), "${{output_name}}");
}

TEST(Expressions, OptionalBlocks) {
  std::string_view text =
      "python train.py --data ${{inputs.data}} $[[--lr ${{inputs.lr}}]] $[[--seed ${{inputs.seed}} "
      "--x ${{inputs.x}}]]";
  BindingScan scan = scan_bindings(text);
  EXPECT_TRUE(scan.issues.empty());
  ASSERT_EQ(scan.bindings.size(), 4u);
  ASSERT_EQ(scan.optional_blocks.size(), 2u);
  EXPECT_FALSE(scan.bindings[0].in_optional_block());
  EXPECT_EQ(scan.bindings[1].optional_block, 0);
  EXPECT_EQ(scan.bindings[2].optional_block, 1);
  EXPECT_EQ(scan.bindings[3].optional_block, 1);
  EXPECT_EQ(slice(text, scan.optional_blocks[0].range), "$[[--lr ${{inputs.lr}}]]");
  EXPECT_EQ(slice(text, scan.optional_blocks[0].inner), "--lr ${{inputs.lr}}");
  EXPECT_EQ(scan.optional_blocks[1].bindings, (std::vector<size_t>{2, 3}));
}

TEST(Expressions, LegacyAngleBracketsAreParsedAndFlagged) {
  std::string_view text = "python score.py --model $<<inputs.model_dir>> --out ${{outputs.o}}";
  BindingScan scan = scan_bindings(text);
  ASSERT_EQ(scan.bindings.size(), 2u);
  const Binding& legacy = scan.bindings[0];
  EXPECT_TRUE(legacy.legacy_angle);
  EXPECT_EQ(legacy.kind, BindingKind::Input);
  EXPECT_EQ(legacy.name, "model_dir");
  EXPECT_EQ(slice(text, legacy.range), "$<<inputs.model_dir>>");
  EXPECT_EQ(legacy.replacement, "${{inputs.model_dir}}");
  EXPECT_FALSE(scan.bindings[1].legacy_angle);
}

TEST(Expressions, HereStringIsNotALegacyBinding) {
  BindingScan scan = scan_bindings("cat $<< EOF\nhello\nEOF");
  EXPECT_TRUE(scan.bindings.empty());
  EXPECT_TRUE(scan.issues.empty());
}

TEST(Expressions, UnclosedBindingIsAnIssueOnItsLine) {
  std::string_view text = "python a.py --x ${{inputs.x\n--y 2";
  BindingScan scan = scan_bindings(text);
  EXPECT_TRUE(scan.bindings.empty());
  ASSERT_EQ(scan.issues.size(), 1u);
  EXPECT_EQ(scan.issues[0].kind, BindingIssueKind::Unclosed);
  EXPECT_EQ(slice(text, scan.issues[0].range), "${{inputs.x");
}

TEST(Expressions, UnclosedBeforeAnotherBinding) {
  std::string_view text = "${{inputs.a ${{inputs.b}}";
  BindingScan scan = scan_bindings(text);
  ASSERT_EQ(scan.bindings.size(), 1u);
  EXPECT_EQ(scan.bindings[0].name, "b");
  ASSERT_EQ(scan.issues.size(), 1u);
  EXPECT_EQ(scan.issues[0].kind, BindingIssueKind::Unclosed);
  EXPECT_EQ(scan.issues[0].range.begin, 0u);
}

TEST(Expressions, EmptyAndMalformed) {
  BindingScan empty = scan_bindings("x ${{}} y ${{  }}");
  ASSERT_EQ(empty.issues.size(), 2u);
  EXPECT_EQ(empty.issues[0].kind, BindingIssueKind::Empty);
  EXPECT_EQ(empty.issues[0].range.begin, 2u);
  EXPECT_EQ(empty.issues[0].range.end, 7u);

  BindingScan spaced = scan_bindings("${{inputs. x}}");
  ASSERT_EQ(spaced.issues.size(), 1u);
  EXPECT_EQ(spaced.issues[0].kind, BindingIssueKind::Malformed);

  BindingScan dots = scan_bindings("${{inputs..x}} ${{outputs.}}");
  ASSERT_EQ(dots.issues.size(), 2u);
  EXPECT_EQ(dots.issues[1].kind, BindingIssueKind::Malformed);
  EXPECT_TRUE(dots.bindings.empty());
}

TEST(Expressions, OptionalBlockIssues) {
  std::string_view unclosed = "a $[[--lr ${{inputs.lr}}";
  BindingScan scan = scan_bindings(unclosed);
  ASSERT_EQ(scan.issues.size(), 1u);
  EXPECT_EQ(scan.issues[0].kind, BindingIssueKind::UnclosedOptional);
  ASSERT_EQ(scan.bindings.size(), 1u);
  EXPECT_FALSE(scan.bindings[0].in_optional_block());

  BindingScan no_binding = scan_bindings("$[[--verbose]]");
  ASSERT_EQ(no_binding.issues.size(), 1u);
  EXPECT_EQ(no_binding.issues[0].kind, BindingIssueKind::EmptyOptional);
}

TEST(Expressions, PlainTextAndShellVariables) {
  for (const char* text : {"", "python main.py", "echo $HOME ${PATH} $(pwd) $1", "cost: $5",
                           "{{jinja}}", "$[ 1 + 2 ]"}) {
    BindingScan scan = scan_bindings(text);
    EXPECT_TRUE(scan.bindings.empty()) << text;
    EXPECT_TRUE(scan.issues.empty()) << text;
    EXPECT_TRUE(scan.optional_blocks.empty()) << text;
  }
  EXPECT_FALSE(may_contain_binding("echo $HOME"));
  EXPECT_TRUE(may_contain_binding("x ${{inputs.a}}"));
  EXPECT_TRUE(may_contain_binding("$[[x]]"));
}

TEST(Expressions, MultilineCommandFromCorpus) {
  // cli/jobs/pipelines/nyc-taxi/pipeline.yml style command (block scalar value).
  std::string text =
      "python prep.py \n"
      "--raw_data ${{inputs.raw_data}} \n"
      "--prep_data ${{outputs.prep_data}}\n";
  BindingScan scan = scan_bindings(text);
  ASSERT_EQ(scan.bindings.size(), 2u);
  EXPECT_EQ(scan.bindings[0].name, "raw_data");
  EXPECT_EQ(scan.bindings[1].kind, BindingKind::Output);
  EXPECT_EQ(text.substr(scan.bindings[1].name_range.begin,
                        scan.bindings[1].name_range.end - scan.bindings[1].name_range.begin),
            "prep_data");
}

TEST(Expressions, KindNames) {
  EXPECT_STREQ(binding_kind_name(BindingKind::ParentJobOutput), "parent_job_output");
  EXPECT_STREQ(binding_kind_name(BindingKind::SearchSpace), "search_space");
  EXPECT_STREQ(binding_kind_name(BindingKind::Unknown), "unknown");
}

}  // namespace
}  // namespace amllint
