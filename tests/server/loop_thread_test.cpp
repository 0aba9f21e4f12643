// No analysis on the server's loop thread, and no analysis that can wedge the server: slow and
// runaway analyses (played by a test hook) run on workers under a budget while every other
// request is answered. Issue 9.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "session.h"

namespace amlls {
namespace {

using nlohmann::json;
using test::kJob;
using Clock = std::chrono::steady_clock;

constexpr const char* kBig = "untitled:big.yml";
constexpr const char* kRunaway = "untitled:runaway.yml";

// A command job whose analysis takes a few hundred milliseconds (thousands of bound inputs).
std::string big_job(int inputs, bool legacy_binding = false) {
  std::string text =
      "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
      "type: command\n"
      "command: python train.py";
  for (int i = 0; i < inputs; ++i)
    text += " --a" + std::to_string(i) + " ${{inputs.in" + std::to_string(i) + "}}";
  // A legacy `$<<...>>` binding has a safe fix, so fix-all has work to do.
  if (legacy_binding) text += " --legacy $<<inputs.in0>>";
  text += "\ninputs:\n";
  for (int i = 0; i < inputs; ++i)
    text += "  in" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  text +=
      "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
      "compute: azureml:cpu-cluster\n";
  return text;
}

bool is_publish_for(const json& m, const std::string& uri) {
  return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
}

// ------------------------------------------------------------------ slow analyses, no hooks

class SlowAnalysis : public test::Session {
 protected:
  static ServerOptions options() {
    ServerOptions o;
    o.analysis_budget = std::chrono::minutes(5);  // slow is not runaway here
    o.request_patience = std::chrono::minutes(5);
    return o;
  }
  SlowAnalysis() : Session(options()) {}

  // Reads messages until both `first` and `second` were seen; true when `first` came first.
  bool comes_before(const std::function<bool(const json&)>& first,
                    const std::function<bool(const json&)>& second) {
    bool seen_first = false;
    while (auto body = transport_.next(std::chrono::seconds(120))) {
      json m = json::parse(*body);
      if (first(m)) seen_first = true;
      if (second(m)) return seen_first;
    }
    ADD_FAILURE() << "timed out";
    return false;
  }
  static std::function<bool(const json&)> response_to(int id) {
    return [id](const json& m) { return m.contains("id") && m["id"] == id; };
  }
  static std::function<bool(const json&)> publish_of(const std::string& uri) {
    return [uri](const json& m) { return is_publish_for(m, uri); };
  }
};

TEST_F(SlowAnalysis, AFeatureOnADocumentBeingAnalysedDoesNotHoldUpOthers) {
  initialize();
  open(kJob);
  diagnostics(1);
  // The hover on the big document needs its analysis; the symbols of the other one do not, and
  // are answered while a worker is still on the big one.
  open(big_job(6000), 1, kBig);
  send({request(2, "textDocument/hover", {{"textDocument", doc(kBig)}, {"position", pos(1, 2)}}),
        request(3, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  EXPECT_TRUE(comes_before(response_to(3), publish_of(kBig)));
  json hover = response(2);
  EXPECT_FALSE(hover["result"].is_null()) << hover.dump();  // answered from the real analysis
}

TEST_F(SlowAnalysis, RenameAcrossOpenDocumentsWaitsForWorkersNotOnTheLoop) {
  initialize();
  open(kJob);
  diagnostics(1);
  open(big_job(6000), 1, kBig);
  // Rename reads every open document, so it waits for the big one; the symbols request after it
  // does not.
  send({request(2, "textDocument/rename",
                {{"textDocument", doc()}, {"position", pos(4, 3)}, {"newName", "n_epochs"}}),
        request(3, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  EXPECT_TRUE(comes_before(response_to(3), publish_of(kBig)));
  json rename = response(2);
  ASSERT_TRUE(rename.contains("result")) << rename.dump();
  EXPECT_EQ(rename["result"]["changes"][test::kUri].size(), 2u) << rename.dump();
}

TEST_F(SlowAnalysis, FixAllIsComputedOnAWorker) {
  initialize();
  open(kJob);
  diagnostics(1);
  open(big_job(6000, /*legacy_binding=*/true), 1, kBig);
  json diags = diagnostics(1, kBig);
  // Fix-all re-analyses the big document (twice at least); meanwhile the loop answers the rest.
  send({request(2, "textDocument/codeAction",
                {{"textDocument", doc(kBig)},
                 {"range", range(0, 0, 0, 0)},
                 {"context", {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}}}}),
        request(3, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  EXPECT_TRUE(comes_before(response_to(3), response_to(2))) << diags.dump();
}

// ------------------------------------------------------------------ runaway analyses, by hook

// Plays an analysis that never finishes on its own: it spins until the test ends, ignoring the
// cancel flag, like yaml-cpp looping on a stray comma did.
struct Runaway {
  std::atomic<bool> release{false};
  std::atomic<int> started{0};
  std::atomic<bool> cooperative{false};  // when set, it stops once cancelled
  std::atomic<bool> only_first{false};   // when set, only the first job of the document runs away
  std::atomic<bool> fix_all_only{false};

  void operator()(const std::string& uri, bool fix_all, const std::atomic<bool>& cancel) {
    if (uri != kRunaway && !(fix_all_only && fix_all)) return;
    if (fix_all_only && !fix_all) return;
    if (only_first && started > 0) return;
    ++started;
    while (!release && !(cooperative && cancel))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
};

class RunawayAnalysis : public test::Session {
 protected:
  static Runaway& runaway() {
    static Runaway r;
    return r;
  }
  static ServerOptions options(std::chrono::milliseconds budget, std::chrono::milliseconds patience,
                               unsigned workers) {
    ServerOptions o;
    o.workers = workers;
    o.analysis_budget = budget;
    o.request_patience = patience;
    o.before_analysis = [](const std::string& uri, bool fix_all, const std::atomic<bool>& c) {
      runaway()(uri, fix_all, c);
    };
    return o;
  }
  explicit RunawayAnalysis(ServerOptions o = options(std::chrono::milliseconds(300),
                                                     std::chrono::milliseconds(200), 1))
      : Session(std::move(o)) {
    runaway().release = false;
    runaway().started = 0;
    runaway().cooperative = false;
    runaway().only_first = false;
    runaway().fix_all_only = false;
  }
  void TearDown() override {
    Session::TearDown();
    runaway().release = true;  // let the stuck threads end before the next test
  }
  // Milliseconds until the answer to `id`.
  long answer_time(int id, json* out = nullptr) {
    auto start = Clock::now();
    json r = response(id);
    if (out) *out = r;
    return static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
  }
};

TEST_F(RunawayAnalysis, IsAbandonedAtItsBudgetWithADiagnosticAndOthersStillGetAnalysed) {
  initialize();
  open("type: command\ncommand: echo\n", 1, kRunaway);
  open(kJob);  // one worker, and it is stuck: a fresh one must take over
  json stuck = diagnostics(1, kRunaway);
  ASSERT_EQ(stuck.size(), 1u) << stuck.dump();
  EXPECT_NE(stuck[0]["message"].get<std::string>().find("gave up analysing"), std::string::npos);
  EXPECT_EQ(stuck[0]["severity"], 2);
  EXPECT_EQ(stuck[0]["code"], "analysis-budget");
  json job = diagnostics(1);
  EXPECT_FALSE(has_code(job, "syntax-error")) << job.dump();
  // Requests on the abandoned document are answered, with nothing.
  send({request(2, "textDocument/documentSymbol", {{"textDocument", doc(kRunaway)}}),
        request(3, "textDocument/hover",
                {{"textDocument", doc(kRunaway)}, {"position", pos(0, 1)}})});
  EXPECT_EQ(response(2)["result"], json::array());
  EXPECT_TRUE(response(3)["result"].is_null());
  send({request(4, "shutdown"), notification("exit")});
  EXPECT_EQ(finish(), 0);
}

TEST_F(RunawayAnalysis, AnEditAfterAnAbandonedAnalysisIsAnalysedAgain) {
  runaway().only_first = true;
  initialize();
  open("type: command\ncommand: echo\nenviroment: x\n", 1, kRunaway);
  json stuck = diagnostics(1, kRunaway);
  ASSERT_EQ(stuck.size(), 1u);
  send({change_message(2, range(2, 0, 2, 10), "environment", kRunaway)});
  json fresh = diagnostics(2, kRunaway);
  EXPECT_FALSE(has_code(fresh, "unknown-key")) << fresh.dump();
  for (const auto& d : fresh)
    EXPECT_EQ(d["message"].get<std::string>().find("gave up"), std::string::npos) << fresh.dump();
  EXPECT_TRUE(has_code(fresh, "missing-display-name")) << fresh.dump();  // a real analysis
}

TEST_F(RunawayAnalysis, ACooperativeAnalysisStopsWhenCancelled) {
  runaway().cooperative = true;
  initialize();
  open("type: command\n", 1, kRunaway);
  diagnostics(1, kRunaway);
  // The worker came back (the job saw its cancel flag): the pool did not need a fresh thread
  // for the next document to be analysed, and the analysis of the next edit is real.
  runaway().only_first = true;
  open(kJob);
  diagnostics(1);
  EXPECT_EQ(runaway().started, 1);
}

TEST_F(RunawayAnalysis, PullDiagnosticsOfAStuckDocumentAskForARetrigger) {
  runaway().cooperative = false;
  send({request(1, "initialize",
                {{"capabilities", {{"textDocument", {{"diagnostic", json::object()}}}}}}),
        notification("initialized")});
  response(1);
  open("type: command\n", 1, kRunaway);
  send({request(2, "textDocument/diagnostic", {{"textDocument", doc(kRunaway)}})});
  json r;
  long ms = answer_time(2, &r);
  // Either patience ran out first (retrigger), or the budget did (the gave-up diagnostic).
  if (r.contains("error")) {
    EXPECT_EQ(r["error"]["code"], -32802) << r.dump();
    EXPECT_EQ(r["error"]["data"]["retriggerRequest"], true);
  } else {
    EXPECT_NE(r["result"]["items"][0]["message"].get<std::string>().find("gave up"),
              std::string::npos);
  }
  EXPECT_LT(ms, 1000);
}

class StuckForLong : public RunawayAnalysis {
 protected:
  // A budget longer than the test: requests are answered by patience alone.
  StuckForLong()
      : RunawayAnalysis(options(std::chrono::minutes(5), std::chrono::milliseconds(200), 2)) {}
};

TEST_F(StuckForLong, RequestsOnAStuckDocumentAreAnsweredEmptyOncePatienceRunsOut) {
  initialize();
  open("type: command\ncommand: echo\n", 1, kRunaway);
  open(kJob);
  diagnostics(1);
  send({request(2, "textDocument/hover",
                {{"textDocument", doc(kRunaway)}, {"position", pos(0, 1)}})});
  json r;
  long ms = answer_time(2, &r);
  EXPECT_TRUE(r["result"].is_null()) << r.dump();
  EXPECT_GE(ms, 150);
  EXPECT_LT(ms, 1000);
  send({request(3, "textDocument/completion",
                {{"textDocument", doc(kRunaway)}, {"position", pos(1, 0)}})});
  r = response(3);
  EXPECT_EQ(r["result"]["isIncomplete"], true) << r.dump();
  // Rename reads every open document, the stuck one too: refused, not left hanging.
  send({request(4, "textDocument/rename",
                {{"textDocument", doc()}, {"position", pos(4, 3)}, {"newName", "n"}})});
  EXPECT_EQ(response(4)["error"]["code"], -32803);
  // The other document is served at once all along.
  send({request(5, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  EXPECT_LT(answer_time(5), 200);
  // A cancel reaches a waiting request.
  send({
      request(6, "textDocument/hover", {{"textDocument", doc(kRunaway)}, {"position", pos(0, 1)}}),
  });
  send({notification("$/cancelRequest", {{"id", 6}})});
  EXPECT_EQ(response(6)["error"]["code"], -32800);
}

TEST_F(StuckForLong, ExitIsPromptWhileAnAnalysisIsStuck) {
  initialize();
  open("type: command\n", 1, kRunaway);
  while (runaway().started == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto start = Clock::now();
  send({request(2, "shutdown"), notification("exit")});
  EXPECT_EQ(finish(), 0);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
}

TEST_F(StuckForLong, ClosingTheInputEndsTheServerWhileAnAnalysisIsStuck) {
  initialize();
  open("type: command\n", 1, kRunaway);
  while (runaway().started == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto start = Clock::now();
  transport_.close_input();
  EXPECT_EQ(finish(), 1);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
}

class RunawayFixAll : public RunawayAnalysis {
 protected:
  RunawayFixAll()
      : RunawayAnalysis(options(std::chrono::milliseconds(300), std::chrono::minutes(5), 1)) {}
};

TEST_F(RunawayFixAll, AnAbandonedFixAllOffersNoFixAllButTheQuickFixesStay) {
  runaway().fix_all_only = true;
  initialize();
  std::string text = kJob;
  text.replace(text.find("${{inputs.epochs}}"), 18, "$<<inputs.epochs>>");
  open(text);
  json diags = diagnostics(1);
  send({request(2, "textDocument/codeAction",
                {{"textDocument", doc()},
                 {"range", range(2, 0, 2, 60)},
                 {"context", {{"diagnostics", diags}}}})});
  json r;
  long ms = answer_time(2, &r);
  ASSERT_TRUE(r["result"].is_array()) << r.dump();
  bool fix_all = false, quick_fix = false;
  for (const auto& a : r["result"]) {
    if (a["kind"] == "source.fixAll.amllint") fix_all = true;
    if (a["kind"] == "quickfix") quick_fix = true;
  }
  EXPECT_FALSE(fix_all) << r.dump();
  EXPECT_TRUE(quick_fix) << r.dump();
  EXPECT_GE(ms, 250);  // it waited for the fix-all job until its budget ran out
  EXPECT_EQ(runaway().started, 1);
}

}  // namespace
}  // namespace amlls
