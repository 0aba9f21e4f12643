// Definition, references, rename, semantic tokens and fix-all, on files written to a temporary
// folder so that component files and code folders resolve; then the same requests through the
// server in-process.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "features/code_actions.h"
#include "features/completion.h"
#include "features/definition.h"
#include "features/hover.h"
#include "features/references.h"
#include "features/rename.h"
#include "features/semantic_tokens.h"
#include "file_uri.h"
#include "fixes/fix_all.h"
#include "memory_transport.h"
#include "server.h"

namespace amlls {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPipeline =
    "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"  // 0
    "type: pipeline\n"                                                                // 1
    "inputs:\n"                                                                       // 2
    "  raw_data:\n"                                                                   // 3
    "    type: uri_folder\n"                                                          // 4
    "    path: ./data\n"                                                              // 5
    "  lr: 0.1\n"                                                                     // 6
    "outputs:\n"                                                                      // 7
    "  final_model:\n"                                                                // 8
    "    type: uri_folder\n"                                                          // 9
    "settings:\n"                                                                     // 10
    "  default_compute: azureml:cpu-cluster\n"                                        // 11
    "jobs:\n"                                                                         // 12
    "  prep:\n"                                                                       // 13
    "    type: command\n"                                                             // 14
    "    component: ./prep.yml\n"                                                     // 15
    "    inputs:\n"                                                                   // 16
    "      data: ${{parent.inputs.raw_data}}\n"                                       // 17
    "  train:\n"                                                                      // 18
    "    type: command\n"                                                             // 19
    "    command: python train.py --data ${{inputs.training}} --lr ${{inputs.rate}} "
    "--out ${{outputs.model}}\n"                                                  // 20
    "    environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"  // 21
    "    code: ./src\n"                                                           // 22
    "    inputs:\n"                                                               // 23
    "      training: ${{parent.jobs.prep.outputs.cleaned}}\n"                     // 24
    "      rate: ${{parent.inputs.lr}}\n"                                         // 25
    "    outputs:\n"                                                              // 26
    "      model: ${{parent.outputs.final_model}}\n";                             // 27

constexpr const char* kComponent =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\n"  // 0
    "type: command\n"                                                                      // 1
    "name: prep\n"                                                                         // 2
    "inputs:\n"                                                                            // 3
    "  data:\n"                                                                            // 4
    "    type: uri_folder\n"                                                               // 5
    "outputs:\n"                                                                           // 6
    "  cleaned:\n"                                                                         // 7
    "    type: uri_folder\n"                                                               // 8
    "command: python prep.py --in ${{inputs.data}} --out ${{outputs.cleaned}}\n"           // 9
    "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n";              // 10

// A job whose line 2 has characters outside the BMP and the Latin-1 range before a binding, so
// that UTF-8 and UTF-16 columns differ.
constexpr const char* kJob =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"  // 0
    "type: command\n"                                                                // 1
    "command: echo \"caf\xC3\xA9 \xF0\x9F\x9A\x80\" ${{inputs.epochs}}\n"            // 2
    "inputs:\n"                                                                      // 3
    "  epochs: 3\n"                                                                  // 4
    "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"         // 5
    "compute: azureml:cpu-cluster\n";                                                // 6

// One analysed file and the FeatureInput over it.
struct Analysed {
  Analysed(std::string path, std::string text, PositionEncoding enc = PositionEncoding::Utf16)
      : path(std::move(path)),
        uri(path_to_uri(this->path)),
        doc(std::move(text)),
        analysis(analyze()),
        in{uri, this->path, doc, analysis, enc} {}

  amllint::Analysis analyze() {
    amllint::AnalysisOptions options;
    options.path = path;
    return amllint::analyze(doc, options);
  }

  std::string path;
  std::string uri;
  amllint::Document doc;
  amllint::Analysis analysis;
  FeatureInput in;
};

class Navigation : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("amlls-nav-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "src");
    fs::create_directories(dir_ / "data");
    write("prep.yml", kComponent);
    write("pipeline.yml", kPipeline);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  static lsp::Position at(uint32_t line, uint32_t character) { return {line, character}; }
  static lsp::Range span(uint32_t line, uint32_t from, uint32_t to) {
    return {{line, from}, {line, to}};
  }

  fs::path dir_;
};

// ------------------------------------------------------------------------------ completion

// After `${{parent.jobs.<s>.outputs.` completion offers what undefined-step-output accepts: the
// outputs the step's component declares, not those the step happens to bind in the pipeline.
TEST_F(Navigation, CompletionOfAStepsOutputsIsWhatItsComponentDeclares) {
  std::string text = kPipeline;
  const std::string bound = "    outputs:\n      bound_here: ${{parent.outputs.final_model}}\n";
  text.insert(text.find("  train:\n"), bound);
  // Line 26 (after the 2 inserted lines): `      training: ${{parent.jobs.prep.outputs.`
  const std::string typed = "      training: ${{parent.jobs.prep.outputs.";
  text.replace(text.find("      training: ${{parent.jobs.prep.outputs.cleaned}}"),
               std::string("      training: ${{parent.jobs.prep.outputs.cleaned}}").size(),
               typed + "}}");
  Analysed p(path("pipeline.yml"), text);
  lsp::CompletionList list = completion(p.in, at(26, static_cast<uint32_t>(typed.size())));
  std::vector<std::string> labels;
  for (const auto& item : list.items) labels.push_back(item.label);
  EXPECT_EQ(labels, std::vector<std::string>{"cleaned"});
  // In the inline command, `inputs.` names the step's own ports.
  list = completion(p.in, at(22, 46));
  labels.clear();
  for (const auto& item : list.items) labels.push_back(item.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"training", "rate"}));
}

// Inside a step whose name has a hyphen and whose `type` is misspelt (both errors the service
// reports), completion still offers the keys of the closest type, with LSP snippet edits; under
// a `component:` step's `inputs:` it offers the component's inputs (issue 12).
TEST_F(Navigation, CompletionInsideAStepWithWrongNameAndType) {
  std::string text = kPipeline;
  text.replace(text.find("  train:\n    type: command\n"),
               std::string("  train:\n    type: command\n").size(),
               "  train-it:\n    type: comand\n    \n");
  Analysed p(path("pipeline.yml"), text);
  lsp::CompletionList list = completion(p.in, at(20, 4));
  std::set<std::string> labels;
  for (const auto& item : list.items) {
    labels.insert(item.label);
    ASSERT_TRUE(item.text_edit);
    EXPECT_EQ(item.text_edit->range, span(20, 4, 4));
    EXPECT_TRUE(item.snippet);
  }
  EXPECT_TRUE(labels.count("distribution")) << list.items.size();
  EXPECT_TRUE(labels.count("resources"));
  EXPECT_FALSE(labels.count("command"));  // written already
  EXPECT_FALSE(labels.count("trial"));    // a sweep's
  // `    type: comand`: the step types.
  list = completion(p.in, at(19, 16));
  labels.clear();
  for (const auto& item : list.items) labels.insert(item.label);
  EXPECT_TRUE(labels.count("command") && labels.count("sweep") && labels.count("parallel"));
  // A new input of `prep` (line 17 is `      data: ...`): `data` is bound already.
  std::string prep = kPipeline;
  prep.replace(prep.find("      data: ${{parent.inputs.raw_data}}\n"),
               std::string("      data: ${{parent.inputs.raw_data}}\n").size(), "      \n");
  Analysed q(path("pipeline.yml"), prep);
  list = completion(q.in, at(17, 6));
  labels.clear();
  for (const auto& item : list.items) labels.insert(item.label);
  EXPECT_EQ(labels, std::set<std::string>{"data"});
}

// After `azureml:` completion offers the project's assets of the kind the key names and the
// curated environments; hover says where a name is declared, and definition jumps there.
TEST_F(Navigation, AzuremlNamesFromTheWorkspaceIndex) {
  write("env.yml",
        "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n"
        "name: my-env\n"
        "version: 3\n"
        "image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\n");
  std::string job = kJob;
  job.replace(
      job.find("environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest"),
      std::string("environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest").size(),
      "environment: azureml:");
  Analysed typing(path("job.yml"), job);
  lsp::CompletionList list = completion(typing.in, at(5, 21));
  std::set<std::string> labels;
  for (const auto& item : list.items) {
    labels.insert(item.label);
    ASSERT_TRUE(item.text_edit);
    EXPECT_EQ(item.text_edit->range, span(5, 21, 21));  // after `azureml:`
  }
  EXPECT_TRUE(labels.count("my-env:3")) << list.items.size();
  EXPECT_TRUE(labels.count("my-env@latest"));
  EXPECT_TRUE(labels.count("AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest"));
  EXPECT_FALSE(labels.count("cpu-cluster"));  // a compute, not an environment

  job.replace(job.find("environment: azureml:"), 21, "environment: azureml:my-env:3");
  Analysed j(path("job.yml"), job);
  auto h = hover(j.in, at(5, 25));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("declared in `" + path("env.yml") + "` line 2"), std::string::npos)
      << h->markdown;
  auto locs = definition(j.in, at(5, 25));
  ASSERT_EQ(locs.size(), 1u);
  EXPECT_EQ(locs[0].uri, path_to_uri(path("env.yml")));
  EXPECT_EQ(locs[0].range.start.line, 1u);
}

// ------------------------------------------------------------------------------ definition

TEST_F(Navigation, DefinitionOfAPipelineInputIsItsDeclaration) {
  Analysed p(path("pipeline.yml"), kPipeline);
  // `raw_data` in `${{parent.inputs.raw_data}}`, cursor inside the name.
  auto locs = definition(p.in, at(17, 30));
  ASSERT_EQ(locs.size(), 1u);
  EXPECT_EQ(locs[0].uri, p.uri);
  EXPECT_EQ(locs[0].range, span(3, 2, 10));
  // Just past the name still counts.
  EXPECT_EQ(definition(p.in, at(17, 37)).size(), 1u);
  // On the root word of the binding: the same declaration.
  EXPECT_EQ(definition(p.in, at(25, 22))[0].range, span(6, 2, 4));
}

TEST_F(Navigation, DefinitionInAnInlineCommandIsTheStepsPort) {
  Analysed p(path("pipeline.yml"), kPipeline);
  // `${{inputs.training}}` in train's command names train's own input.
  auto locs = definition(p.in, at(20, 48));
  ASSERT_EQ(locs.size(), 1u);
  EXPECT_EQ(locs[0].range, span(24, 6, 14));
  EXPECT_EQ(definition(p.in, at(20, 98))[0].range, span(27, 6, 11));  // outputs.model
}

TEST_F(Navigation, DefinitionOfAStepAndOfItsOutputInTheComponentFile) {
  Analysed p(path("pipeline.yml"), kPipeline);
  auto step = definition(p.in, at(24, 31));  // `prep` in parent.jobs.prep.outputs.cleaned
  ASSERT_EQ(step.size(), 1u);
  EXPECT_EQ(step[0].uri, p.uri);
  EXPECT_EQ(step[0].range, span(13, 2, 6));
  auto output = definition(p.in, at(24, 45));  // `cleaned`
  ASSERT_EQ(output.size(), 1u);
  EXPECT_EQ(output[0].uri, path_to_uri(path("prep.yml")));
  EXPECT_EQ(output[0].range, span(7, 2, 9));
  // A step's port key binds the component's port of that name.
  auto port = definition(p.in, at(17, 7));
  ASSERT_EQ(port.size(), 1u);
  EXPECT_EQ(port[0].uri, path_to_uri(path("prep.yml")));
  EXPECT_EQ(port[0].range, span(4, 2, 6));
}

TEST_F(Navigation, DefinitionOfComponentAndCodePathsOpensThem) {
  Analysed p(path("pipeline.yml"), kPipeline);
  auto component = definition(p.in, at(15, 20));
  ASSERT_EQ(component.size(), 1u);
  EXPECT_EQ(component[0].uri, path_to_uri(path("prep.yml")));
  EXPECT_EQ(component[0].range, span(0, 0, 0));
  auto code = definition(p.in, at(22, 12));
  ASSERT_EQ(code.size(), 1u);
  EXPECT_EQ(code[0].uri, path_to_uri(path("src")));
  EXPECT_TRUE(definition(p.in, at(14, 12)).empty());  // `type: command` refers to nothing
}

TEST_F(Navigation, DefinitionColumnsFollowTheNegotiatedEncoding) {
  // `${{inputs.epochs}}` starts at byte 27 of line 2, after "café 🚀" (é is 2 bytes, 1 unit;
  // 🚀 is 4 bytes, 2 UTF-16 units).
  Analysed utf16(path("job.yml"), kJob, PositionEncoding::Utf16);
  Analysed utf8(path("job.yml"), kJob, PositionEncoding::Utf8);
  const uint32_t name8 = 27 + 10;         // `epochs` in bytes
  const uint32_t name16 = name8 - 1 - 2;  // é: 2 bytes -> 1 unit; 🚀: 4 bytes -> 2 units
  auto a = definition(utf8.in, at(2, name8 + 1));
  auto b = definition(utf16.in, at(2, name16 + 1));
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].range, span(4, 2, 8));
  EXPECT_EQ(b[0].range, span(4, 2, 8));
  // The UTF-16 column of the name read as UTF-8 lands before the binding.
  EXPECT_TRUE(definition(utf8.in, at(2, name16 - 9)).empty());
}

// ------------------------------------------------------------------------------ references

TEST_F(Navigation, ReferencesOfAnInputWithAndWithoutItsDeclaration) {
  Analysed p(path("pipeline.yml"), kPipeline);
  auto with = references(p.in, at(6, 3), true);  // on the declaration of `lr`
  ASSERT_EQ(with.size(), 2u);
  EXPECT_EQ(with[0].range, span(6, 2, 4));
  EXPECT_EQ(with[1].range, span(25, 29, 31));
  auto without = references(p.in, at(25, 29), false);
  ASSERT_EQ(without.size(), 1u);
  EXPECT_EQ(without[0].range, span(25, 29, 31));
}

TEST_F(Navigation, ReferencesOfAStepAndOfAComponentOutput) {
  Analysed p(path("pipeline.yml"), kPipeline);
  auto step = references(p.in, at(13, 3), true);
  ASSERT_EQ(step.size(), 2u);
  EXPECT_EQ(step[0].range, span(13, 2, 6));
  EXPECT_EQ(step[1].range, span(24, 31, 35));
  // The output of the component: its declaration in prep.yml first, then the use here.
  auto output = references(p.in, at(24, 45), true);
  ASSERT_EQ(output.size(), 2u);
  EXPECT_EQ(output[0].uri, path_to_uri(path("prep.yml")));
  EXPECT_EQ(output[0].range, span(7, 2, 9));
  EXPECT_EQ(output[1].range, span(24, 44, 51));
}

TEST_F(Navigation, ReferencesInsideAComponentFile) {
  Analysed c(path("prep.yml"), kComponent);
  auto refs = references(c.in, at(9, 42), true);  // `data` in ${{inputs.data}}
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].range, span(4, 2, 6));
  EXPECT_EQ(refs[1].range, span(9, 39, 43));
  EXPECT_TRUE(references(c.in, at(1, 3), true).empty());  // `type` names nothing
}

// ------------------------------------------------------------------------------ rename

std::vector<lsp::Range> edit_ranges(const lsp::WorkspaceEdit& e, const std::string& uri,
                                    const std::string& text) {
  std::vector<lsp::Range> out;
  auto it = e.changes.find(uri);
  if (it == e.changes.end()) return out;
  for (const auto& t : it->second) {
    EXPECT_EQ(t.new_text, text);
    out.push_back(t.range);
  }
  return out;
}

TEST_F(Navigation, RenameAPipelineInputAndAStep) {
  Analysed p(path("pipeline.yml"), kPipeline);
  RenameRefusal refusal;
  auto prepared = prepare_rename(p.in, at(25, 29), {}, &refusal);
  ASSERT_TRUE(prepared);
  EXPECT_EQ(prepared->range, span(25, 29, 31));
  EXPECT_EQ(prepared->placeholder, "lr");

  auto edit = rename(p.in, at(25, 29), "learning_rate", {}, &refusal);
  ASSERT_TRUE(edit) << refusal.message;
  EXPECT_EQ(edit_ranges(*edit, p.uri, "learning_rate"),
            (std::vector<lsp::Range>{span(6, 2, 4), span(25, 29, 31)}));

  auto step = rename(p.in, at(13, 4), "clean", {}, &refusal);
  ASSERT_TRUE(step) << refusal.message;
  EXPECT_EQ(edit_ranges(*step, p.uri, "clean"),
            (std::vector<lsp::Range>{span(13, 2, 6), span(24, 31, 35)}));
}

TEST_F(Navigation, RenameRefusesInvalidAndTakenNames) {
  Analysed p(path("pipeline.yml"), kPipeline);
  RenameRefusal refusal;
  for (const char* bad : {"1st", "my-input", "a.b", ""}) {
    EXPECT_FALSE(rename(p.in, at(6, 3), bad, {}, &refusal)) << bad;
    EXPECT_EQ(refusal.code, lsp::InvalidParams) << bad;
  }
  EXPECT_FALSE(rename(p.in, at(6, 3), "raw_data", {}, &refusal));
  EXPECT_EQ(refusal.code, lsp::RequestFailed);
  EXPECT_NE(refusal.message.find("already"), std::string::npos);
  EXPECT_TRUE(amllint::nav::valid_name("_x9") && amllint::nav::valid_name("Raw_Data") &&
              !amllint::nav::valid_name("9x"));
  // Not on a name: prepareRename has nothing to say and no refusal either.
  RenameRefusal none;
  EXPECT_FALSE(prepare_rename(p.in, at(1, 2), {}, &none));
  EXPECT_TRUE(none.message.empty());
}

TEST_F(Navigation, RenameAComponentPortFromThePipelineNeedsTheComponentOpen) {
  Analysed p(path("pipeline.yml"), kPipeline);
  RenameRefusal refusal;
  EXPECT_FALSE(prepare_rename(p.in, at(24, 45), {}, &refusal));
  EXPECT_NE(refusal.message.find("prep.yml"), std::string::npos) << refusal.message;

  Analysed c(path("prep.yml"), kComponent);
  auto edit = rename(p.in, at(24, 45), "clean_data", {c.in}, &refusal);
  ASSERT_TRUE(edit) << refusal.message;
  EXPECT_EQ(edit_ranges(*edit, c.uri, "clean_data"),
            (std::vector<lsp::Range>{span(7, 2, 9), span(9, 63, 70)}));
  EXPECT_EQ(edit_ranges(*edit, p.uri, "clean_data"), (std::vector<lsp::Range>{span(24, 44, 51)}));
}

TEST_F(Navigation, RenameInAComponentUpdatesOpenPipelinesThatBindIt) {
  Analysed c(path("prep.yml"), kComponent);
  Analysed p(path("pipeline.yml"), kPipeline);
  RenameRefusal refusal;
  auto edit = rename(c.in, at(4, 3), "source", {p.in}, &refusal);
  ASSERT_TRUE(edit) << refusal.message;
  EXPECT_EQ(edit_ranges(*edit, c.uri, "source"),
            (std::vector<lsp::Range>{span(4, 2, 6), span(9, 39, 43)}));
  EXPECT_EQ(edit_ranges(*edit, p.uri, "source"), (std::vector<lsp::Range>{span(17, 6, 10)}));
}

TEST_F(Navigation, RenameRangesFollowTheNegotiatedEncoding) {
  Analysed utf8(path("job.yml"), kJob, PositionEncoding::Utf8);
  Analysed utf16(path("job.yml"), kJob, PositionEncoding::Utf16);
  RenameRefusal refusal;
  auto a = rename(utf8.in, at(4, 3), "n_epochs", {}, &refusal);
  auto b = rename(utf16.in, at(4, 3), "n_epochs", {}, &refusal);
  ASSERT_TRUE(a && b);
  // The binding on line 2 comes before the declaration on line 4.
  EXPECT_EQ(edit_ranges(*a, utf8.uri, "n_epochs"),
            (std::vector<lsp::Range>{span(2, 37, 43), span(4, 2, 8)}));
  EXPECT_EQ(edit_ranges(*b, utf16.uri, "n_epochs"),
            (std::vector<lsp::Range>{span(2, 34, 40), span(4, 2, 8)}));
}

TEST_F(Navigation, RenameInsideAFoldedCommandAndAQuotedKey) {
  const std::string text =
      "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"  // 0
      "type: command\n"                                                                // 1
      "command: >-\n"                                                                  // 2
      "  python train.py\n"                                                            // 3
      "  --data ${{inputs.data}}\n"                                                    // 4
      "  --lr \"${{inputs.lr}}\"\n"                                                    // 5
      "inputs:\n"                                                                      // 6
      "  data:\n"                                                                      // 7
      "    type: uri_folder\n"                                                         // 8
      "    path: ./data\n"                                                             // 9
      "  \"lr\": 0.1\n"                                                                // 10
      "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"         // 11
      "compute: azureml:cpu-cluster\n";                                                // 12
  Analysed j(path("job.yml"), text);
  RenameRefusal refusal;
  auto lr = rename(j.in, at(10, 4), "rate", {}, &refusal);
  ASSERT_TRUE(lr) << refusal.message;
  EXPECT_EQ(edit_ranges(*lr, j.uri, "rate"),
            (std::vector<lsp::Range>{span(5, 18, 20), span(10, 3, 5)}));
  auto data = definition(j.in, at(4, 20));
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].range, span(7, 2, 6));
}

// ------------------------------------------------------------------------------ semantic tokens

struct Token {
  uint32_t line, start, length;
  std::string type;
  friend bool operator==(const Token&, const Token&) = default;
};

std::vector<Token> decode(const std::vector<uint32_t>& data) {
  std::vector<Token> out;
  uint32_t line = 0, start = 0;
  for (size_t i = 0; i + 4 < data.size(); i += 5) {
    if (data[i] != 0) start = 0;
    line += data[i];
    start += data[i + 1];
    out.push_back({line, start, data[i + 2], semantic_token_types().at(data[i + 3])});
    EXPECT_EQ(data[i + 4], 0u);
  }
  return out;
}

TEST_F(Navigation, SemanticTokensOfBindingsInBothEncodings) {
  Analysed utf8(path("job.yml"), kJob, PositionEncoding::Utf8);
  Analysed utf16(path("job.yml"), kJob, PositionEncoding::Utf16);
  EXPECT_EQ(decode(semantic_tokens(utf8.in)), (std::vector<Token>{{2, 27, 3, "operator"},
                                                                  {2, 30, 6, "keyword"},
                                                                  {2, 37, 6, "parameter"},
                                                                  {2, 43, 2, "operator"}}));
  EXPECT_EQ(decode(semantic_tokens(utf16.in)), (std::vector<Token>{{2, 24, 3, "operator"},
                                                                   {2, 27, 6, "keyword"},
                                                                   {2, 34, 6, "parameter"},
                                                                   {2, 40, 2, "operator"}}));
}

TEST_F(Navigation, SemanticTokensOfStepsOutputsAndParents) {
  Analysed p(path("pipeline.yml"), kPipeline);
  std::vector<Token> tokens = decode(semantic_tokens(p.in));
  std::vector<Token> line24;
  for (const Token& t : tokens)
    if (t.line == 24) line24.push_back(t);
  EXPECT_EQ(line24, (std::vector<Token>{{24, 16, 3, "operator"},
                                        {24, 19, 6, "keyword"},
                                        {24, 26, 4, "keyword"},
                                        {24, 31, 4, "function"},
                                        {24, 36, 7, "keyword"},
                                        {24, 44, 7, "variable"},
                                        {24, 51, 2, "operator"}}));
  // Every binding of the file: 7 expressions.
  size_t opens = std::count_if(tokens.begin(), tokens.end(), [](const Token& t) {
    return t.length == 3 && t.type == "operator";
  });
  EXPECT_EQ(opens, 7u);
}

// ------------------------------------------------------------------------------ fix all

TEST_F(Navigation, FixAllAppliesSafeFixesOnlyAndQuickFixesOfferTheRest) {
  // `$<<inputs.epoch>>` becomes `${{inputs.epoch}}` (safe: it can only mean that); only then is
  // `epoch` an undefined input whose fix `epochs` is a guess (unsafe): fix-all leaves it out.
  std::string text = kJob;
  text.replace(text.find("${{inputs.epochs}}"), 18, "$<<inputs.epoch>>");
  std::string safe_only = kJob;
  safe_only.replace(safe_only.find("${{inputs.epochs}}"), 18, "${{inputs.epoch}}");
  Analysed j(path("job.yml"), text);
  std::shared_ptr<const std::string> fixed = fixed_text(j.in);
  ASSERT_TRUE(fixed);
  EXPECT_EQ(*fixed, safe_only);
  amllint::AnalysisOptions options;
  options.path = j.path;
  EXPECT_EQ(*fixed, amllint::fix_all(text, options, j.analysis).text);
  // The fix an earlier one reveals is applied in a later pass when unsafe fixes are asked for.
  EXPECT_EQ(amllint::fix_all(text, options, j.analysis, amllint::FixScope::Unsafe).text, kJob);

  auto actions = code_actions(j.in, span(0, 0, 0), {kFixAllKind});
  ASSERT_EQ(actions.size(), 1u);
  const auto& edits = actions[0].edit.changes.at(j.uri);
  ASSERT_EQ(edits.size(), 1u);
  // One edit covering only what changed, in UTF-16 columns.
  EXPECT_EQ(edits[0].range.start.line, 2u);
  EXPECT_EQ(edits[0].range.end.line, 2u);
  EXPECT_EQ(edits[0].new_text.find("epochs"), std::string::npos) << edits[0].new_text;

  // After the safe fix, the guessed rename is still a quick fix, but not a preferred one, and
  // fix-all has nothing left to offer.
  Analysed after(path("job.yml"), safe_only);
  const size_t at = safe_only.find("inputs.epoch}}") + 7;
  const lsp::Position p = after.in.position(static_cast<uint32_t>(at));
  auto quick = code_actions(after.in, {p, p}, {});
  bool rename = false;
  for (const auto& a : quick) {
    EXPECT_NE(a.kind, kFixAllKind);
    if (a.title == "Change to `epochs`") {
      rename = true;
      EXPECT_EQ(a.kind, "quickfix");
      EXPECT_FALSE(a.is_preferred);
    }
  }
  EXPECT_TRUE(rename);
  EXPECT_FALSE(fixed_text(after.in));
}

// ------------------------------------------------------------------------------ through the server

TEST_F(Navigation, ServerAdvertisesAndAnswersNavigationRequests) {
  test::MemoryTransport transport;
  ServerOptions options;
  options.request_patience = std::chrono::seconds(60);  // requests here follow didOpen at once
  Server server(transport, options);
  int exit_code = -1;
  std::thread loop([&] { exit_code = server.run(); });
  auto send = [&](json m) {
    m["jsonrpc"] = "2.0";
    transport.deliver({m.dump()});
  };
  auto response = [&](int id) {
    while (auto body = transport.next()) {
      json m = json::parse(*body);
      if (m.contains("id") && m["id"] == id) return m;
    }
    ADD_FAILURE() << "no response " << id;
    return json();
  };
  send({{"id", 1},
        {"method", "initialize"},
        {"params", {{"capabilities", {{"general", {{"positionEncodings", {"utf-8"}}}}}}}}});
  json caps = response(1)["result"]["capabilities"];
  EXPECT_TRUE(caps["definitionProvider"]);
  EXPECT_TRUE(caps["referencesProvider"]);
  EXPECT_TRUE(caps["renameProvider"]["prepareProvider"]);
  EXPECT_EQ(caps["semanticTokensProvider"]["legend"]["tokenTypes"], json(semantic_token_types()));
  EXPECT_TRUE(caps["semanticTokensProvider"]["full"]);

  const std::string pipeline_uri = path_to_uri(path("pipeline.yml"));
  const std::string component_uri = path_to_uri(path("prep.yml"));
  send({{"method", "initialized"}, {"params", json::object()}});
  for (auto [uri, text] : {std::pair{pipeline_uri, kPipeline}, {component_uri, kComponent}}) {
    json item = {{"uri", uri}, {"languageId", "yaml"}, {"version", 1}, {"text", text}};
    send({{"method", "textDocument/didOpen"}, {"params", {{"textDocument", item}}}});
  }
  auto at = [](int line, int character) { return json{{"line", line}, {"character", character}}; };
  json pdoc = {{"uri", pipeline_uri}};
  json cdoc = {{"uri", component_uri}};

  send({{"id", 2},
        {"method", "textDocument/definition"},
        {"params", {{"textDocument", pdoc}, {"position", at(24, 45)}}}});
  json def = response(2)["result"];
  ASSERT_EQ(def.size(), 1u) << def.dump();
  EXPECT_EQ(def[0]["uri"], component_uri);

  send({{"id", 3},
        {"method", "textDocument/references"},
        {"params",
         {{"textDocument", pdoc},
          {"position", at(3, 4)},
          {"context", {{"includeDeclaration", false}}}}}});
  EXPECT_EQ(response(3)["result"].size(), 1u);

  send({{"id", 4},
        {"method", "textDocument/rename"},
        {"params", {{"textDocument", cdoc}, {"position", at(7, 3)}, {"newName", "clean_data"}}}});
  json changes = response(4)["result"]["changes"];
  EXPECT_EQ(changes[component_uri].size(), 2u) << changes.dump();
  EXPECT_EQ(changes[pipeline_uri].size(), 1u) << changes.dump();

  send({{"id", 5},
        {"method", "textDocument/rename"},
        {"params", {{"textDocument", pdoc}, {"position", at(6, 3)}, {"newName", "2fast"}}}});
  EXPECT_EQ(response(5)["error"]["code"], lsp::InvalidParams);

  send({{"id", 6},
        {"method", "textDocument/prepareRename"},
        {"params", {{"textDocument", pdoc}, {"position", at(0, 3)}}}});
  EXPECT_TRUE(response(6)["result"].is_null());

  send({{"id", 7},
        {"method", "textDocument/semanticTokens/full"},
        {"params", {{"textDocument", pdoc}}}});
  EXPECT_EQ(response(7)["result"]["data"].size() % 5, 0u);

  send({{"id", 8}, {"method", "shutdown"}});
  response(8);
  send({{"method", "exit"}});
  loop.join();
  EXPECT_EQ(exit_code, 0);
}

}  // namespace
}  // namespace amlls
