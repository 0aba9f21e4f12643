// One session with everything issue 9 lists, mixed with valid requests, over the byte-stream
// path of the in-process transport (the same frame reader as stdin): every valid request is
// answered within a second, memory stays bounded, and the server exits 0 after shutdown/exit.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "framing.h"
#include "session.h"

namespace amlls {
namespace {

using nlohmann::json;
using test::kJob;
using test::kUri;
using Clock = std::chrono::steady_clock;

constexpr const char* kRunaway = "untitled:runaway.yml";

// A status line of /proc/self/status, in kB.
long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::strlen(key));
  }
  return -1;
}

std::atomic<bool> g_release{false};

class HostileSession : public test::Session {
 protected:
  static ServerOptions options() {
    ServerOptions o;
    o.analysis_budget = std::chrono::milliseconds(500);
    // A document that never finishes analysing, as yaml-cpp did on a stray comma.
    o.before_analysis = [](const std::string& uri, bool, const std::atomic<bool>&) {
      if (uri != kRunaway) return;
      while (!g_release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    };
    return o;
  }
  HostileSession() : Session(options()) {
    g_release = false;
    skipped_ = [this](const json& m) { note(m); };
  }
  // Answers to the flood of hovers on the runaway document, wherever they turn up.
  void note(const json& m) {
    if (m.contains("id") && m["id"].is_number_integer() && m["id"] >= 5000 && m["id"] < 6200)
      flood_answers_.insert(m["id"].get<int>());
  }
  void TearDown() override {
    Session::TearDown();
    g_release = true;
  }

  void bytes(const std::string& b) {
    // In pipe-sized pieces, as reads of stdin would deliver them.
    for (size_t at = 0; at < b.size(); at += 65536) {
      transport_.deliver_bytes(std::string_view(b).substr(at, 65536));
      if (junk_) max_buffered_ = std::max(max_buffered_, transport_.buffered());
    }
  }
  static std::string framed(json m) {
    m["jsonrpc"] = "2.0";
    return frame(m.dump());
  }
  // A valid request right after whatever came before; its answer must come within a second.
  json valid(const std::string& method, json params, const char* after) {
    int id = next_id_++;
    auto start = Clock::now();
    bytes(framed(request(id, method, std::move(params))));
    json r = response(id);
    auto ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    worst_ms_ = std::max(worst_ms_, ms);
    worst_after_ = ms == worst_ms_ ? after : worst_after_;
    EXPECT_LT(ms, 1000) << method << " after " << after;
    EXPECT_FALSE(r.is_null()) << method << " after " << after;
    return r;
  }
  void symbols_after(const char* hostile) {
    json r = valid("textDocument/documentSymbol", {{"textDocument", doc()}}, hostile);
    EXPECT_TRUE(r["result"].is_array()) << hostile << ": " << r.dump().substr(0, 300);
  }
  void hover_after(const char* hostile) {
    json r =
        valid("textDocument/hover", {{"textDocument", doc()}, {"position", pos(6, 2)}}, hostile);
    EXPECT_TRUE(r["result"].is_object()) << hostile << ": " << r.dump().substr(0, 300);
  }

  int next_id_ = 1000;
  double worst_ms_ = 0;
  std::string worst_after_;
  size_t max_buffered_ = 0;  // while `junk_`: bytes that belong to no frame must not pile up
  bool junk_ = false;
  std::set<int> flood_answers_;
};

TEST_F(HostileSession, EveryValidRequestIsAnsweredWithinASecondAndTheServerExitsCleanly) {
  long rss_before = status_kb("VmRSS:");
  // Reads diagnostic versions (diagnostics(3) waits for version 3, whose diagnostics are v1's).
  json caps = {{"textDocument", {{"publishDiagnostics", {{"versionSupport", true}}}}}};
  bytes(framed(request(1, "initialize", {{"capabilities", caps}})) +
        framed(notification("initialized")));
  response(1);
  bytes(framed(
      notification("textDocument/didOpen",
                   {{"textDocument",
                     {{"uri", kUri}, {"languageId", "yaml"}, {"version", 1}, {"text", kJob}}}})));
  diagnostics(1);
  hover_after("opening");

  // The runaway document, and requests on it that must not wedge anything.
  bytes(framed(notification(
      "textDocument/didOpen",
      {{"textDocument",
        {{"uri", kRunaway}, {"languageId", "yaml"}, {"version", 1}, {"text", ",\n"}}}})));
  for (int i = 0; i < 5; ++i)
    bytes(framed(request(100 + i, "textDocument/hover",
                         {{"textDocument", doc(kRunaway)}, {"position", pos(0, 0)}})));
  symbols_after("requests on a runaway document");
  for (int i = 2; i < 6; ++i) {
    bytes(framed(change_message(i, range(0, 0, 0, 0), " ", kRunaway)));
  }
  hover_after("edits of a runaway document");

  // Envelopes of the wrong shape.
  bytes(frame(R"({"jsonrpc":"2.0","id":1,"method":1})"));
  bytes(frame(R"({"jsonrpc":"2.0","id":[[[]]],"method":"shutdown"})"));
  bytes(frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":5})"));
  bytes(frame(
      R"({"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":5}})"));
  bytes(frame(
      R"({"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:job.yml"},"position":{"line":"6","character":-1}}})"));
  bytes(frame(
      R"({"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:job.yml"},"position":{"line":4294967302,"character":2}}})"));
  symbols_after("malformed envelopes and params");

  // Deep nesting.
  std::string nested = std::string(1000000, '[') + std::string(1000000, ']');
  bytes(frame(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":)" + nested + "}}"));
  bytes(
      frame(R"({"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":)" + nested + "}"));
  hover_after("a million-deep id and params");

  // Broken frames, each followed by a valid request.
  bytes("Content-Length: 18446744073709551576\r\n\r\n");
  std::string junk(1 << 20, 'x');
  junk_ = true;
  for (int i = 0; i < 32; ++i) bytes(junk);  // 32 MiB that belong to no frame
  junk_ = false;
  hover_after("Content-Length 18446744073709551576 and 32 MiB of junk");
  bytes("Content-Length: -5\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"shutdown\"}");
  hover_after("a negative Content-Length");
  bytes("Content-Length: 2\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"shutdown\"}");
  hover_after("a too-small Content-Length");
  bytes("Content-Length: 100000\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"shutdown\"}");
  hover_after("a too-large Content-Length");
  bytes("Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":14}");
  hover_after("a header without Content-Length");
  bytes("Content-Length: 5\r\nX: " + std::string(100000, 'h') + "\r\n\r\n[1,2]");
  hover_after("an endless header");
  bytes("Content-Length: 67108865\r\n\r\n");
  junk_ = true;
  bytes(junk);
  junk_ = false;
  hover_after("a body over the 64 MiB limit");

  // A lone surrogate in an edit, then an edit that depends on it having been applied.
  bytes(frame(
      R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:job.yml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"# \ud800\n"}]}})"));
  bytes(framed(change_message(3, range(0, 3, 0, 3), "x")));
  json d = diagnostics(3);
  EXPECT_FALSE(has_code(d, "syntax-error")) << d.dump();
  json r = valid("textDocument/hover", {{"textDocument", doc()}, {"position", pos(7, 2)}},
                 "a lone surrogate");
  EXPECT_TRUE(r["result"].is_object()) << r.dump();  // `compute` moved down one line

  // Floods: more documents and waiting requests than the server keeps.
  std::string flood;
  for (int i = 0; i < 1100; ++i) {
    flood += framed(notification("textDocument/didOpen",
                                 {{"textDocument",
                                   {{"uri", "untitled:flood" + std::to_string(i) + ".yml"},
                                    {"version", 1},
                                    {"text", "a: 1\n"}}}}));
  }
  bytes(flood);
  std::string waiting;
  for (int i = 0; i < 1200; ++i)
    waiting += framed(request(5000 + i, "textDocument/hover",
                              {{"textDocument", doc(kRunaway)}, {"position", pos(0, 0)}}));
  bytes(waiting);
  r = valid("textDocument/hover", {{"textDocument", doc()}, {"position", pos(7, 2)}},
            "1100 opens and 1200 requests on a runaway document");
  EXPECT_TRUE(r["result"].is_object()) << r.dump();

  // Every hover on the runaway document was answered (empty, or refused when too many waited).
  auto start = Clock::now();
  while (flood_answers_.size() < 1200 && Clock::now() - start < std::chrono::seconds(10)) {
    auto body = transport_.next(std::chrono::seconds(2));
    if (!body) break;
    note(json::parse(*body));
  }
  EXPECT_EQ(flood_answers_.size(), 1200u);

  bytes(framed(request(2, "shutdown")) + framed(notification("exit")));
  EXPECT_EQ(finish(), 0);
  long rss_after = status_kb("VmRSS:");
  long hwm = status_kb("VmHWM:");
  std::printf(
      "hostile session: worst valid-request latency %.1f ms (after %s); reader buffer peak %zu "
      "bytes; VmRSS %ld -> %ld kB; VmHWM %ld kB\n",
      worst_ms_, worst_after_.c_str(), max_buffered_, rss_before, rss_after, hwm);
  EXPECT_LE(max_buffered_, 2 * 65536 + FrameReader::kMaxHeaderBytes);
  EXPECT_LT(rss_after - rss_before, 256 * 1024) << "kB";
}

}  // namespace
}  // namespace amlls
