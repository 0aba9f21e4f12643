// Messages of the wrong shape: every one gets the JSON-RPC error its shape deserves (or is
// dropped, for notifications), and the server keeps serving. Issue 9.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "session.h"

namespace amlls {
namespace {

using nlohmann::json;
using test::kJob;
using test::kUri;

class HostileRpc : public test::Session {
 protected:
  // The server answers the next valid request: nothing before it broke the loop.
  void expect_alive(int id) {
    send({request(id, "textDocument/documentSymbol", {{"textDocument", doc()}})});
    json r = response(id);
    EXPECT_TRUE(r.contains("result")) << r.dump();
  }
  json error_of(const std::string& body) {
    send_raw(body);
    return wait_for([](const json& m) { return m.contains("error"); })["error"];
  }
};

TEST_F(HostileRpc, NonStringMethodIsAnInvalidRequest) {
  initialize();
  send_raw(R"({"jsonrpc":"2.0","id":1,"method":1})");
  json r = response(1);
  EXPECT_EQ(r["error"]["code"], -32600) << r.dump();
  expect_alive(2);
}

TEST_F(HostileRpc, EveryMalformedEnvelopeGetsInvalidRequest) {
  initialize();
  open(kJob);
  // The id is echoed when it is usable, else null.
  const std::pair<const char*, json> cases[] = {
      {R"({"jsonrpc":"2.0","id":3,"method":null})", 3},
      {R"({"jsonrpc":"2.0","id":4,"method":{"a":1}})", 4},
      {R"({"jsonrpc":"2.0","id":5,"method":["shutdown"]})", 5},
      {R"({"jsonrpc":"2.0","id":"six","method":true})", "six"},
      {R"({"jsonrpc":"2.0","id":1.5,"method":"shutdown"})", nullptr},
      {R"({"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"})", nullptr},
      {R"({"jsonrpc":"2.0","id":[7],"method":"shutdown"})", nullptr},
      {R"({"jsonrpc":"2.0","id":true,"method":"shutdown"})", nullptr},
      {R"({"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":"x"})", 8},
      {R"({"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":12})", 9},
      {R"({"jsonrpc":"1.0","id":10,"method":"shutdown"})", 10},
      {R"({"jsonrpc":2,"id":11,"method":"shutdown"})", 11},
      {R"([1,2,3])", nullptr},
      {R"("just a string")", nullptr},
  };
  for (const auto& [body, id] : cases) {
    send_raw(body);
    json r = wait_for([](const json& m) { return m.contains("error"); });
    EXPECT_EQ(r["error"]["code"], -32600) << body << " -> " << r.dump();
    EXPECT_EQ(r["id"], id) << body;
  }
  expect_alive(12);  // and `shutdown` above never took effect
}

TEST_F(HostileRpc, ParamsOfAKnownMethodThatAreAnArrayAreInvalidParams) {
  initialize();
  send_raw(R"({"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":[1,2]})");
  EXPECT_EQ(response(2)["error"]["code"], -32602);
}

TEST_F(HostileRpc, MalformedNotificationsAreDroppedWithoutAnAnswer) {
  initialize();
  open(kJob);
  for (
      const char* body : {
          R"({"jsonrpc":"2.0","method":1})",
          R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":5})",
          R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":7}})",
          R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":1,"text":"a"}}})",
          R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:job.yml","version":"2"},"contentChanges":[{"text":"x"}]}})",
          R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:job.yml","version":2},"contentChanges":[{"text":5}]}})",
          R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:job.yml","version":2},"contentChanges":{"text":"x"}}})",
          R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:job.yml","version":2},"contentChanges":[{"range":{"start":{"line":"0","character":0},"end":{"line":0,"character":0}},"text":"x"}]}})",
          R"({"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":[]}})",
          R"({"jsonrpc":"2.0","method":"$/setTrace","params":{"value":3}})",
          R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":{"a":1}}})",
          R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":7})",
          R"({"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":3}]}})",
          R"({"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":"all"}})",
      }) {
    send_raw(body);
  }
  // Nothing answered the notifications: the next message is the answer to this request, and the
  // document still has its opening text (no half-applied change).
  send({request(2, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  json next;
  do {
    next = json::parse(*transport_.next());
  } while (next.value("method", "") == "textDocument/publishDiagnostics");
  EXPECT_EQ(next["id"], 2) << next.dump();
  ASSERT_TRUE(next["result"].is_array()) << next.dump();
  EXPECT_EQ(next["result"][0]["name"], "$schema");
}

TEST_F(HostileRpc, WrongMemberTypesInEveryRequestAreInvalidParams) {
  initialize();
  open(kJob);
  diagnostics(1);
  const char* methods[] = {
      "textDocument/hover",         "textDocument/completion",
      "textDocument/definition",    "textDocument/references",
      "textDocument/prepareRename", "textDocument/rename",
      "textDocument/codeAction",    "textDocument/documentSymbol",
      "textDocument/foldingRange",  "textDocument/documentLink",
      "textDocument/diagnostic",    "textDocument/semanticTokens/full",
  };
  const json good_position = pos(6, 2);
  const json bad_params[] = {
      {{"textDocument", 5}, {"position", good_position}},
      {{"textDocument", {{"uri", 5}}}, {"position", good_position}},
      {{"textDocument", {{"uri", nullptr}}}, {"position", good_position}},
      {{"textDocument", json::array()}, {"position", good_position}},
      {{"position", good_position}},
  };
  int id = 100;
  for (const char* method : methods) {
    for (const json& params : bad_params) {
      send({request(++id, method, params)});
      json r = response(id);
      EXPECT_EQ(r["error"]["code"], -32602) << method << " " << params.dump() << " -> " << r.dump();
    }
  }
  // Positions and ranges of the wrong type, or negative.
  const json bad_positions[] = {"x",
                                json::array({6, 2}),
                                {{"line", "6"}, {"character", 2}},
                                {{"line", 6}, {"character", "2"}},
                                {{"line", 6}},
                                {{"line", -1}, {"character", 0}},
                                {{"line", 6}, {"character", -5}},
                                {{"line", 6.5}, {"character", 0}},
                                {{"line", nullptr}, {"character", 0}}};
  for (const char* method :
       {"textDocument/hover", "textDocument/completion", "textDocument/definition",
        "textDocument/references", "textDocument/prepareRename", "textDocument/rename"}) {
    for (const json& p : bad_positions) {
      send({request(++id, method,
                    {{"textDocument", doc()}, {"position", p}, {"newName", "epochs2"}})});
      json r = response(id);
      EXPECT_EQ(r["error"]["code"], -32602) << method << " " << p.dump() << " -> " << r.dump();
    }
  }
  for (const json& p : bad_positions) {
    send({request(++id, "textDocument/codeAction",
                  {{"textDocument", doc()},
                   {"range", {{"start", p}, {"end", pos(0, 0)}}},
                   {"context", {{"diagnostics", json::array()}}}})});
    EXPECT_EQ(response(id)["error"]["code"], -32602) << p.dump();
  }
  // Other members of the wrong type.
  send({request(++id, "textDocument/rename",
                {{"textDocument", doc()}, {"position", pos(2, 45)}, {"newName", 5}})});
  EXPECT_EQ(response(id)["error"]["code"], -32602);
  send({request(++id, "textDocument/codeAction",
                {{"textDocument", doc()}, {"range", range(0, 0, 0, 0)}, {"context", 5}})});
  EXPECT_EQ(response(id)["error"]["code"], -32602);
  send({request(++id, "textDocument/codeAction",
                {{"textDocument", doc()},
                 {"range", range(0, 0, 0, 0)},
                 {"context", {{"only", "quickfix"}}}})});
  EXPECT_EQ(response(id)["error"]["code"], -32602);
  send({request(++id, "textDocument/references",
                {{"textDocument", doc()}, {"position", pos(2, 45)}, {"context", 1}})});
  EXPECT_EQ(response(id)["error"]["code"], -32602);
  send({request(++id, "initialize", {{"capabilities", 5}})});
  EXPECT_TRUE(response(id).contains("error"));
  expect_alive(++id);
}

TEST_F(HostileRpc, InitializeWithWrongMemberTypesIsInvalidParamsNotACrash) {
  for (const json& params :
       {json{{"capabilities", 5}}, json{{"capabilities", {{"general", 1}}}},
        json{{"capabilities", {{"general", {{"positionEncodings", "utf-8"}}}}}},
        json{{"capabilities", {{"textDocument", "x"}}}}, json{{"trace", 1}}}) {
    send({request(1, "initialize", params)});
    json r = response(1);
    ASSERT_TRUE(r.contains("error")) << params.dump() << " -> " << r.dump();
    EXPECT_EQ(r["error"]["code"], -32602) << r.dump();
  }
  json r = initialize();
  EXPECT_EQ(r["result"]["serverInfo"]["name"], "amlls");
}

TEST_F(HostileRpc, PositionsBeyond32BitsClampInsteadOfWrapping) {
  initialize();
  open(kJob);
  diagnostics(1);
  const int64_t wrap = int64_t(1) << 32;
  // (6, 2) is on `compute`; 2^32 + 6 is past the end of the document, not line 6 again.
  send({request(2, "textDocument/hover", {{"textDocument", doc()}, {"position", pos(6, 2)}})});
  json on_compute = response(2)["result"];
  ASSERT_FALSE(on_compute.is_null());
  send({request(3, "textDocument/hover",
                {{"textDocument", doc()}, {"position", pos(wrap + 6, 2)}})});
  json r = response(3);
  ASSERT_TRUE(r.contains("result")) << r.dump();
  EXPECT_NE(r["result"], on_compute);
  send({request(4, "textDocument/hover",
                {{"textDocument", doc()}, {"position", pos(6, wrap + 2)}})});
  r = response(4);
  ASSERT_TRUE(r.contains("result")) << r.dump();
  EXPECT_NE(r["result"], on_compute);
  // Far beyond any integer type: still a position past the end, not an error or a crash.
  send_raw(
      R"({"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:job.yml"},"position":{"line":18446744073709551615,"character":99999999999999999999}}})");
  r = response(5);
  EXPECT_TRUE(r.contains("result") || r["error"]["code"] == -32602) << r.dump();

  // An edit at line 2^32 lands at the end of the document (LSP: past the end means the end).
  change(2, range(wrap, 0, wrap, 0), "tags:\n  a: b\n");
  diagnostics(2);
  send({request(6, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  json symbols = response(6)["result"];
  ASSERT_TRUE(symbols.is_array()) << symbols.dump();
  EXPECT_EQ(symbols[0]["name"], "$schema") << symbols.dump();
  EXPECT_EQ(symbols.back()["name"], "tags") << symbols.dump();
  EXPECT_EQ(symbols.back()["range"]["start"]["line"], 9) << symbols.dump();
}

TEST_F(HostileRpc, CancelWithADeeplyNestedIdDoesNotOverflowTheStack) {
  initialize();
  open(kJob);
  // 65,000 levels as reported, and deeper than any thread stack holds a recursive walk.
  int id = 2;
  for (size_t depth : {size_t(65000), size_t(1000000)}) {
    std::string nested = std::string(depth, '[') + std::string(depth, ']');
    send_raw(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":)" + nested + "}}");
    expect_alive(id++);
  }
}

TEST_F(HostileRpc, DeeplyNestedParamsAreRefusedBeforeParsing) {
  initialize();
  open(kJob);
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "{\"a\":";
  nested += "1";
  nested += std::string(100000, '}');
  send_raw(R"({"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":)" + nested + "}");
  json r = wait_for([](const json& m) { return m.contains("error"); });
  EXPECT_EQ(r["error"]["code"], -32600) << r.dump().substr(0, 200);
  // Nesting that stays within the bound is still read.
  std::string ok;
  for (int i = 0; i < 100; ++i) ok += "{\"a\":";
  ok += "1" + std::string(100, '}');
  send_raw(R"({"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":)" +
           ok + "}}");
  expect_alive(3);
}

TEST_F(HostileRpc, ALoneSurrogateInAnEditBecomesAReplacementCharacterAndLaterEditsApply) {
  initialize();
  std::string text = kJob;
  text.replace(text.find("environment:"), 11, "enviroment");  // typo on line 5
  open(text);
  ASSERT_TRUE(has_code(diagnostics(1), "unknown-key"));
  // v2 inserts a comment holding a lone high surrogate (what JSON.stringify emits for a
  // half-typed emoji); v3 fixes the typo, now on line 6. Losing v2 would put v3 on `compute`.
  std::string v2 =
      R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:job.yml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"# a\ud800b \udc00\n"}]}})";
  json v3 = change_message(3, range(6, 0, 6, 10), "environment");
  v3["jsonrpc"] = "2.0";
  // v4 deletes the `b` after the replacement character: one UTF-16 unit in, like the client's
  // lone surrogate.
  json v4 = change_message(4, range(0, 4, 0, 5), "");
  v4["jsonrpc"] = "2.0";
  transport_.deliver({v2, v3.dump(), v4.dump()});
  json d = diagnostics(4);
  EXPECT_FALSE(has_code(d, "unknown-key")) << d.dump();
  EXPECT_FALSE(has_code(d, "syntax-error")) << d.dump();
  send({request(2, "textDocument/documentSymbol", {{"textDocument", doc()}})});
  json symbols = response(2)["result"];
  ASSERT_TRUE(symbols.is_array()) << symbols.dump();
  bool environment = false;
  for (const auto& s : symbols)
    if (s["name"] == "environment") environment = s["range"]["start"]["line"] == 6;
  EXPECT_TRUE(environment) << symbols.dump();
  // The comment now reads "# a\uFFFD \uFFFD": hover there has nothing to say, but the range
  // arithmetic did not break.
  send({request(3, "textDocument/hover", {{"textDocument", doc()}, {"position", pos(0, 5)}})});
  EXPECT_TRUE(response(3).contains("result"));
}

}  // namespace
}  // namespace amlls
