// The server in-process: a memory transport instead of pipes, the real analysis core behind it.
#include "server.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "session.h"

namespace amlls {
namespace {

using nlohmann::json;
using test::kJob;
using test::kUri;
using test::Session;

TEST_F(Session, InitializeAdvertisesFeaturesAndUtf16ByDefault) {
  json r = initialize();
  const json& caps = r["result"]["capabilities"];
  EXPECT_EQ(caps["positionEncoding"], "utf-16");
  EXPECT_EQ(caps["textDocumentSync"]["change"], 2);
  EXPECT_TRUE(caps["hoverProvider"]);
  EXPECT_EQ(caps["codeActionProvider"]["codeActionKinds"][1], "source.fixAll.amllint");
  EXPECT_EQ(r["result"]["serverInfo"]["name"], "amlls");
}

TEST_F(Session, Utf8PositionsWhenTheClientOffersThem) {
  json r = initialize({{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}});
  EXPECT_EQ(r["result"]["capabilities"]["positionEncoding"], "utf-8");
}

TEST_F(Session, RequestsBeforeInitializeAreRefused) {
  send({request(7, "textDocument/hover", {{"textDocument", doc()}, {"position", pos(0, 0)}})});
  EXPECT_EQ(response(7)["error"]["code"], -32002);
}

TEST_F(Session, BadInputGetsErrorsAndTheServerLivesOn) {
  initialize();
  send_raw("{not json");
  EXPECT_EQ(wait_for([](const json& m) { return m.contains("error"); })["error"]["code"], -32700);
  send({request(2, "no/suchMethod")});
  EXPECT_EQ(response(2)["error"]["code"], -32601);
  send({request(3, "textDocument/hover", {{"position", "nonsense"}})});
  EXPECT_EQ(response(3)["error"]["code"], -32602);
  send({request(4, "shutdown")});
  EXPECT_TRUE(response(4)["result"].is_null());
}

TEST_F(Session, EditsAreAppliedIncrementallyAndDiagnosticsCarryTheVersion) {
  initialize();
  std::string text = kJob;
  text.replace(text.find("environment:"), 11, "enviroment");  // typo on line 5
  open(text);
  json first = diagnostics(1);
  ASSERT_TRUE(has_code(first, "unknown-key")) << first.dump();
  change(2, range(5, 0, 5, 10), "environment");
  json second = diagnostics(2);
  EXPECT_FALSE(has_code(second, "unknown-key")) << second.dump();
}

TEST_F(Session, UnchangedDiagnosticsAreNotPublishedAgainToAClientThatIgnoresVersions) {
  initialize({{"textDocument", {{"publishDiagnostics", {{"versionSupport", false}}}}}});
  std::string text = kJob;
  text.replace(text.find("environment:"), 11, "enviroment");  // typo on line 5
  open(text);
  json first = diagnostics(1);
  ASSERT_TRUE(has_code(first, "unknown-key")) << first.dump();
  std::vector<json> published;
  skipped_ = [&](const json& m) {
    if (m.value("method", "") == "textDocument/publishDiagnostics") published.push_back(m);
  };
  // `epochs: 3` -> `epochs: 4`: the same diagnostics at the same places. The symbols wait for
  // the analysis of version 2, which would be published before they are answered.
  change(2, range(4, 10, 4, 11), "4");
  send({request(2, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  ASSERT_TRUE(response(2)["result"].is_array());
  EXPECT_TRUE(published.empty()) << published.front().dump();
  // Changed diagnostics are published.
  change(3, range(5, 0, 5, 10), "environment");
  json third = diagnostics(3);
  EXPECT_FALSE(has_code(third, "unknown-key")) << third.dump();
}

TEST_F(Session, AClientThatReadsVersionsGetsEveryVersion) {
  initialize({{"textDocument", {{"publishDiagnostics", {{"versionSupport", true}}}}}});
  std::string text = kJob;
  text.replace(text.find("environment:"), 11, "enviroment");
  open(text);
  json first = diagnostics(1);
  change(2, range(4, 10, 4, 11), "4");
  EXPECT_EQ(diagnostics(2), first);
}

TEST_F(Session, ReanalysisWithUnchangedDiagnosticsPublishesNothing) {
  initialize();  // reads versions: but the version is the same
  std::string text = kJob;
  text.replace(text.find("environment:"), 11, "enviroment");
  open(text);
  ASSERT_TRUE(has_code(diagnostics(1), "unknown-key"));
  std::vector<json> published;
  skipped_ = [&](const json& m) {
    if (m.value("method", "") == "textDocument/publishDiagnostics") published.push_back(m);
  };
  // New settings re-analyse every open document; these change nothing for this one.
  send({notification("workspace/didChangeConfiguration", {{"settings", json::object()}}),
        request(2, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  ASSERT_TRUE(response(2)["result"].is_array());
  EXPECT_TRUE(published.empty()) << published.front().dump();
}

// The worker serializes diagnostics in the encoding the client negotiated: the column of a
// reference after "é" and "🚀" counts 2 + 4 bytes in UTF-8, 1 + 2 units in UTF-16.
class Encodings : public Session, public ::testing::WithParamInterface<bool> {};

TEST_P(Encodings, DiagnosticPositionsCountInTheNegotiatedEncoding) {
  const bool utf8 = GetParam();
  json caps = json::object();
  if (utf8) caps["general"]["positionEncodings"] = {"utf-8"};
  EXPECT_EQ(initialize(caps)["result"]["capabilities"]["positionEncoding"],
            utf8 ? "utf-8" : "utf-16");
  std::string text = kJob;
  const std::string line = "command: echo \"caf\u00e9 \U0001F680\" ${{inputs.nope}}";
  text.replace(text.find("command:"),
               text.find('\n', text.find("command:")) - text.find("command:"), line);
  open(text);
  json diags = diagnostics(1);
  const json* reference = nullptr;
  for (const auto& d : diags)
    if (d.value("code", "") == "undefined-input") reference = &d;
  ASSERT_NE(reference, nullptr) << diags.dump();
  EXPECT_EQ((*reference)["range"]["start"]["line"], 2);
  // The reference starts at `${{`, `inputs` or `nope`: their columns in the encoding.
  const size_t units_less = utf8 ? 0 : 1 + 2;  // "é" is one UTF-16 unit, "🚀" two
  std::set<size_t> columns;
  for (const char* at : {"${{", "inputs.nope", "nope"}) columns.insert(line.find(at) - units_less);
  const size_t start = (*reference)["range"]["start"]["character"];
  EXPECT_TRUE(columns.count(start)) << reference->dump();
}

INSTANTIATE_TEST_SUITE_P(Session, Encodings, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Utf8" : "Utf16"; });

TEST_F(Session, NewestVersionWinsAndSupersededOnesAreNotPublished) {
  initialize();
  open(kJob);
  // Three edits in one batch: only the last version may be analysed and published.
  send({notification("textDocument/didChange",
                     {{"textDocument", {{"uri", kUri}, {"version", 2}}},
                      {"contentChanges", {{{"range", range(6, 0, 6, 0)}, {"text", "#"}}}}}),
        notification("textDocument/didChange",
                     {{"textDocument", {{"uri", kUri}, {"version", 3}}},
                      {"contentChanges", {{{"range", range(6, 0, 6, 1)}, {"text", ""}}}}}),
        notification("textDocument/didChange",
                     {{"textDocument", {{"uri", kUri}, {"version", 4}}},
                      {"contentChanges", {{{"range", range(6, 0, 6, 7)}, {"text", "compuet"}}}}})});
  json published = wait_for([](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" &&
           m["params"].value("version", 0) > 1;
  });
  EXPECT_EQ(published["params"]["version"], 4);
  EXPECT_TRUE(has_code(published["params"]["diagnostics"], "unknown-key"));
}

TEST_F(Session, CancelledRequestAnswersRequestCancelled) {
  initialize();
  open(kJob);
  send({request(5, "textDocument/documentSymbol", {{"textDocument", doc()}}),
        notification("$/cancelRequest", {{"id", 5}})});
  EXPECT_EQ(response(5)["error"]["code"], -32800);
}

TEST_F(Session, PullDiagnosticsForClientsThatPull) {
  initialize({{"textDocument", {{"diagnostic", json::object()}}}});
  std::string text = kJob;
  text.replace(text.find("pytorch"), 7, "pytorhc");
  open(text);
  send({request(6, "textDocument/diagnostic", {{"textDocument", doc()}})});
  json r = response(6);
  EXPECT_EQ(r["result"]["kind"], "full");
  EXPECT_TRUE(has_code(r["result"]["items"], "invalid-enum")) << r.dump();
  send({request(7, "textDocument/diagnostic",
                {{"textDocument", doc()}, {"previousResultId", r["result"]["resultId"]}})});
  EXPECT_EQ(response(7)["result"]["kind"], "unchanged");
}

TEST_F(Session, AClientThatIsPushedDiagnosticsMayPullThemToo) {
  initialize();
  std::string text = kJob;
  text.replace(text.find("pytorch"), 7, "pytorhc");
  open(text);
  json pushed = diagnostics(1);
  send({request(6, "textDocument/diagnostic", {{"textDocument", doc()}})});
  json r = response(6);
  EXPECT_EQ(r["result"]["kind"], "full");
  EXPECT_EQ(r["result"]["items"], pushed) << r.dump();
}

TEST_F(Session, CodeActionsOfferFixesSuppressionAndFixAll) {
  initialize();
  std::string text = kJob;
  text.replace(text.find("environment:"), 11, "enviroment");
  open(text);
  json diags = diagnostics(1);
  ASSERT_TRUE(has_code(diags, "unknown-key"));
  send({request(8, "textDocument/codeAction",
                {{"textDocument", doc()},
                 {"range", range(5, 2, 5, 2)},
                 {"context", {{"diagnostics", diags}}}})});
  json actions = response(8)["result"];
  bool suppression = false;
  for (const auto& a : actions) {
    std::string edit = a["edit"]["changes"][kUri][0]["newText"];
    if (a["kind"] == "quickfix" && edit.find("# amllint: disable=unknown-key") != std::string::npos)
      suppression = true;
  }
  EXPECT_TRUE(suppression) << actions.dump();
}

TEST_F(Session, CompletionHoverSymbolsAndFolding) {
  initialize();
  open(std::string(kJob) + "re");
  diagnostics(1);
  send({request(9, "textDocument/completion", {{"textDocument", doc()}, {"position", pos(9, 2)}})});
  json items = response(9)["result"]["items"];
  std::set<std::string> labels;
  for (const auto& i : items) labels.insert(i["label"].get<std::string>());
  EXPECT_TRUE(labels.count("resources")) << items.dump();
  EXPECT_FALSE(labels.count("compute"));  // already written

  send(
      {request(10, "textDocument/completion", {{"textDocument", doc()}, {"position", pos(8, 8)}})});
  json enum_items = response(10)["result"]["items"];
  std::set<std::string> values;
  for (const auto& i : enum_items) values.insert(i["label"].get<std::string>());
  EXPECT_TRUE(values.count("mpi") && values.count("tensorflow")) << enum_items.dump();

  send({request(11, "textDocument/completion",
                {{"textDocument", doc()}, {"position", pos(2, 44)}})});
  json names = response(11)["result"]["items"];
  ASSERT_EQ(names.size(), 1u) << names.dump();
  EXPECT_EQ(names[0]["label"], "epochs");

  send({request(12, "textDocument/hover", {{"textDocument", doc()}, {"position", pos(6, 2)}})});
  EXPECT_NE(response(12)["result"]["contents"]["value"].get<std::string>().find("compute"),
            std::string::npos);

  send({request(13, "textDocument/hover", {{"textDocument", doc()}, {"position", pos(2, 45)}})});
  std::string expr = response(13)["result"]["contents"]["value"];
  EXPECT_NE(expr.find("input epochs"), std::string::npos) << expr;

  send({request(14, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  json symbols = response(14)["result"];
  bool inputs_outline = false;
  for (const auto& s : symbols)
    if (s["name"] == "inputs") inputs_outline = s["children"][0]["name"] == "epochs";
  EXPECT_TRUE(inputs_outline) << symbols.dump();

  send({request(15, "textDocument/foldingRange", {{"textDocument", doc()}})});
  json folds = response(15)["result"];
  EXPECT_TRUE(std::any_of(folds.begin(), folds.end(), [](const json& f) {
    return f["startLine"] == 7 && f["endLine"] == 8;
  })) << folds.dump();
}

TEST_F(Session, NotAzureMlYamlGetsNothing) {
  initialize();
  open("name: build\non: [push]\njobs:\n  x:\n    runs-on: ubuntu\n");
  EXPECT_TRUE(diagnostics(1).empty());
}

TEST_F(Session, ClosingClearsDiagnostics) {
  initialize();
  open("type: command\ncommand: echo\nenviroment: x\n");
  diagnostics(1);
  send({notification("textDocument/didClose", {{"textDocument", doc()}})});
  json cleared = wait_for([](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" &&
           !m["params"].contains("version");
  });
  EXPECT_TRUE(cleared["params"]["diagnostics"].empty());
}

TEST_F(Session, ExitCodeIsZeroOnlyAfterShutdown) {
  initialize();
  send({request(2, "shutdown"), notification("exit")});
  EXPECT_EQ(finish(), 0);
}

TEST_F(Session, ExitWithoutShutdownIsOne) {
  initialize();
  send({notification("exit")});
  EXPECT_EQ(finish(), 1);
}

}  // namespace
}  // namespace amlls
