// A whole server in-process over a memory transport, and helpers to talk to it like a client.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "memory_transport.h"
#include "server.h"

namespace amlls::test {

inline constexpr const char* kJob =
    "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
    "type: command\n"
    "command: python train.py --epochs ${{inputs.epochs}}\n"
    "inputs:\n"
    "  epochs: 3\n"
    "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
    "compute: azureml:cpu-cluster\n"
    "distribution:\n"
    "  type: pytorch\n";
inline constexpr const char* kUri = "untitled:job.yml";

class Session : public ::testing::Test {
 protected:
  using json = nlohmann::json;

  // Tests that are not about slowness wait as long as it takes: on a loaded machine (or under
  // sanitizers) the first analysis of a process can outlast the default request patience.
  static ServerOptions patient() {
    ServerOptions o;
    o.request_patience = std::chrono::seconds(60);
    return o;
  }
  explicit Session(ServerOptions options = patient()) : server_(transport_, std::move(options)) {}

  void SetUp() override {
    thread_ = std::thread([this] { exit_code_ = server_.run(); });
  }
  void TearDown() override {
    if (thread_.joinable()) {
      transport_.close_input();
      thread_.join();
    }
  }

  void send(std::vector<json> messages) {
    Transport::Batch batch;
    for (auto& m : messages) {
      m["jsonrpc"] = "2.0";
      batch.push_back(m.dump());
    }
    transport_.deliver(std::move(batch));
  }
  void send_raw(std::string body) { transport_.deliver({std::move(body)}); }
  static json request(int id, const std::string& method, json params = json::object()) {
    return {{"id", id}, {"method", method}, {"params", std::move(params)}};
  }
  static json notification(const std::string& method, json params = json::object()) {
    return {{"method", method}, {"params", std::move(params)}};
  }
  // The next message matching `want`, skipping others (log traces, earlier publishes); each
  // skipped one is shown to `skipped_` when set.
  json wait_for(const std::function<bool(const json&)>& want) {
    while (auto body = transport_.next()) {
      json m = json::parse(*body);
      if (want(m)) return m;
      if (skipped_) skipped_(m);
    }
    ADD_FAILURE() << "timed out";
    return json();
  }
  json response(int id) {
    return wait_for([id](const json& m) { return m.contains("id") && m["id"] == id; });
  }
  json diagnostics(int version, const std::string& uri = kUri) {
    return wait_for([version, uri](const json& m) {
      return m.value("method", "") == "textDocument/publishDiagnostics" &&
             m["params"]["uri"] == uri && m["params"].value("version", -1) == version;
    })["params"]["diagnostics"];
  }
  // Like lspbench, the tests read the version of published diagnostics (`diagnostics(v)` waits
  // for version v), and say so: the server then publishes every version it analyses, even with
  // unchanged diagnostics. A test of a client that ignores versions sets versionSupport false.
  json initialize(json capabilities = json::object()) {
    json& published = capabilities["textDocument"]["publishDiagnostics"];
    if (!published.contains("versionSupport")) published["versionSupport"] = true;
    send({request(1, "initialize", {{"capabilities", capabilities}}), notification("initialized")});
    return response(1);
  }
  void open(const std::string& text, int version = 1, const std::string& uri = kUri) {
    send({notification(
        "textDocument/didOpen",
        {{"textDocument",
          {{"uri", uri}, {"languageId", "yaml"}, {"version", version}, {"text", text}}}})});
  }
  static json change_message(int version, json range, const std::string& text,
                             const std::string& uri = kUri) {
    return notification("textDocument/didChange",
                        {{"textDocument", {{"uri", uri}, {"version", version}}},
                         {"contentChanges", {{{"range", range}, {"text", text}}}}});
  }
  void change(int version, json range, const std::string& text) {
    send({change_message(version, std::move(range), text)});
  }
  static json range(int64_t l1, int64_t c1, int64_t l2, int64_t c2) {
    return {{"start", {{"line", l1}, {"character", c1}}},
            {"end", {{"line", l2}, {"character", c2}}}};
  }
  static json doc(const std::string& uri = kUri) { return {{"uri", uri}}; }
  static json pos(int64_t line, int64_t character) {
    return {{"line", line}, {"character", character}};
  }
  static bool has_code(const json& diags, const std::string& code) {
    for (const auto& d : diags)
      if (d.value("code", "") == code) return true;
    return false;
  }
  int finish() {
    thread_.join();
    return exit_code_;
  }

  std::function<void(const json&)> skipped_;
  MemoryTransport transport_;
  Server server_;
  std::thread thread_;
  int exit_code_ = -1;
};

}  // namespace amlls::test
