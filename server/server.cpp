#include "server.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "analysis_queue.h"
#include "document_store.h"
#include "environment.h"
#include "features/code_actions.h"
#include "features/completion.h"
#include "features/definition.h"
#include "features/diagnostics.h"
#include "features/document_links.h"
#include "features/document_symbols.h"
#include "features/folding_ranges.h"
#include "features/hover.h"
#include "features/references.h"
#include "features/rename.h"
#include "features/semantic_tokens.h"
#include "file_uri.h"
#include "json_view.h"
#include "protocol.h"
#include "settings.h"

#ifndef AMLLS_VERSION
#define AMLLS_VERSION "0.0.0"
#endif

namespace amlls {

using nlohmann::json;

const char* server_version() {
  return AMLLS_VERSION;
}

namespace {

struct RpcError {
  int code;
  std::string message;
};

enum class Phase { Uninitialized, Running, ShuttingDown };

std::string id_key(const json& id) {
  return id.dump();
}

// One core stays with the loop thread (and the client); the rest analyse.
unsigned default_workers() {
  unsigned cores = std::thread::hardware_concurrency();
  return cores > 2 ? cores - 1 : 1;
}

}  // namespace

struct Server::Impl {
  Impl(Transport& t, ServerOptions options)
      : transport(t),
        queue(options.workers ? options.workers : default_workers(),
              [this](AnalysisQueue::Result r) {
                transport.post([this, r = std::move(r)]() mutable { on_analysis(std::move(r)); });
              }) {}

  Transport& transport;
  Phase phase = Phase::Uninitialized;
  bool exit_requested = false;
  int exit_code = 1;
  PositionEncoding encoding = PositionEncoding::Utf16;
  bool push_diagnostics = true;
  std::string trace = "off";
  DocumentStore docs;
  // Files, folders and `.amllint.yaml` read by analyses, cached across edits; invalidated by
  // `workspace/didChangeWatchedFiles`.
  std::shared_ptr<amllint::Environment> env = amllint::make_disk_environment();
  std::shared_ptr<const amllint::Config> settings_config;
  uint64_t next_analysis_id = 1;
  // Ids of `$/cancelRequest`s seen in the batch being handled.
  std::set<std::string> cancelled;
  // Pull-diagnostics requests waiting for the analysis of the current version, per document.
  std::map<std::string, std::vector<json>> waiting_pulls;
  // Last: destroyed first, so no worker outlives the state it reports to.
  AnalysisQueue queue;

  // ---------------------------------------------------------------- output
  void send(const json& message) {
    // Documents may hold invalid UTF-8 that ends up in messages; never throw on it.
    transport.send(message.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  void reply(const json& id, json result) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void reply_error(const json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void notify(const char* method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void log_trace(const std::string& message) {
    if (trace == "off") return;
    notify("$/logTrace", {{"message", message}});
  }

  // ---------------------------------------------------------------- input
  void on_batch(Transport::Batch batch) {
    std::vector<json> messages;
    messages.reserve(batch.size());
    for (auto& body : batch) {
      messages.push_back(json::parse(body, nullptr, /*allow_exceptions=*/false));
      const json& m = messages.back();
      if (m.is_object() && m.value("method", "") == "$/cancelRequest") {
        if (auto p = m.find("params"); p != m.end() && p->is_object() && p->contains("id"))
          cancelled.insert(id_key((*p)["id"]));
      }
    }
    for (const json& m : messages) {
      handle(m);
      if (exit_requested) break;
    }
    cancelled.clear();
  }

  void handle(const json& m) {
    if (m.is_discarded()) return reply_error(nullptr, lsp::ParseError, "Parse error: invalid JSON");
    if (!m.is_object())
      return reply_error(nullptr, lsp::InvalidRequest, "Invalid request: not an object");
    auto method_it = m.find("method");
    auto id_it = m.find("id");
    bool has_id = id_it != m.end() && (id_it->is_number_integer() || id_it->is_string());
    if (method_it == m.end() || !method_it->is_string()) {
      // A response to a request of ours (the server sends none yet), or garbage.
      if (has_id && (m.contains("result") || m.contains("error"))) return;
      return reply_error(has_id ? *id_it : json(nullptr), lsp::InvalidRequest,
                         "Invalid request: no method");
    }
    const std::string& method = method_it->get_ref<const std::string&>();
    static const json kNoParams = json::object();
    auto params_it = m.find("params");
    const json& params = params_it == m.end() ? kNoParams : *params_it;
    if (id_it != m.end()) {
      if (!has_id) return reply_error(nullptr, lsp::InvalidRequest, "Invalid request: bad id");
      return handle_request(*id_it, method, params);
    }
    handle_notification(method, params);
  }

  void handle_request(const json& id, const std::string& method, const json& params) {
    if (cancelled.erase(id_key(id)))
      return reply_error(id, lsp::RequestCancelled, "Request cancelled");
    if (phase == Phase::Uninitialized && method != "initialize")
      return reply_error(id, lsp::ServerNotInitialized, "Server not initialized");
    if (phase == Phase::ShuttingDown)
      return reply_error(id, lsp::InvalidRequest, "Server is shutting down");
    try {
      if (method == "initialize") return reply(id, initialize(params));
      if (method == "shutdown") {
        phase = Phase::ShuttingDown;
        return reply(id, nullptr);
      }
      if (method == "textDocument/diagnostic") return pull_diagnostics(id, params);
      if (auto result = feature(method, params)) return reply(id, std::move(*result));
      reply_error(id, lsp::MethodNotFound, "Method not found: " + method);
    } catch (const RpcError& e) {
      reply_error(id, e.code, e.message);
    } catch (const json::exception& e) {
      reply_error(id, lsp::InvalidParams, std::string("Invalid params: ") + e.what());
    } catch (const std::exception& e) {
      reply_error(id, lsp::InternalError, std::string("Internal error: ") + e.what());
    }
  }

  void handle_notification(const std::string& method, const json& params) {
    if (method == "exit") {
      exit_code = phase == Phase::ShuttingDown ? 0 : 1;
      exit_requested = true;
      transport.stop();
      return;
    }
    if (method == "$/cancelRequest") return cancel(params);
    if (phase == Phase::Uninitialized) return;  // the spec drops notifications before initialize
    try {
      if (method == "initialized") return;
      if (method == "$/setTrace") {
        trace = params.at("value").get<std::string>();
        return;
      }
      if (method == "textDocument/didOpen") return did_open(params);
      if (method == "textDocument/didChange") return did_change(params);
      if (method == "textDocument/didClose") return did_close(params);
      if (method == "workspace/didChangeConfiguration") {
        settings_config = config_from_settings(params.value("settings", json(nullptr)));
        return reanalyse_all();
      }
      if (method == "workspace/didChangeWatchedFiles") {
        for (const json& change : params.at("changes"))
          env->invalidate(uri_to_path(change.at("uri").get<std::string>()));
        return reanalyse_all();
      }
      // Anything else (didSave, didChangeConfiguration, $/ notifications) needs no action.
    } catch (const std::exception& e) {
      log_trace(std::string("ignored malformed ") + method + ": " + e.what());
    }
  }

  // ---------------------------------------------------------------- lifecycle
  json initialize(const json& params) {
    if (phase != Phase::Uninitialized) throw RpcError{lsp::InvalidRequest, "initialize sent twice"};
    const json caps = params.value("capabilities", json::object());
    const json general = caps.value("general", json::object());
    for (const auto& e : general.value("positionEncodings", json::array())) {
      if (e == "utf-8") encoding = PositionEncoding::Utf8;
    }
    // Clients that pull get no pushes: showing both would list every problem twice.
    const json text_document = caps.value("textDocument", json::object());
    push_diagnostics = !text_document.contains("diagnostic");
    if (params.contains("trace") && params["trace"].is_string()) trace = params["trace"];
    if (params.contains("initializationOptions"))
      settings_config = config_from_settings(params["initializationOptions"]);
    phase = Phase::Running;

    json capabilities = {
        {"positionEncoding", encoding == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}}},
        {"diagnosticProvider",
         {{"identifier", "amllint"},
          {"interFileDependencies", false},
          {"workspaceDiagnostics", false}}},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix", kFixAllKind}}}},
        {"documentSymbolProvider", true},
        {"foldingRangeProvider", true},
        {"documentLinkProvider", {{"resolveProvider", false}}},
        {"hoverProvider", true},
        {"workspace", {{"workspaceFolders", {{"supported", false}}}}},
        {"completionProvider",
         {{"triggerCharacters", {".", ":", " ", "{"}}, {"resolveProvider", false}}},
        {"definitionProvider", true},
        {"referencesProvider", true},
        {"renameProvider", {{"prepareProvider", true}}},
        {"semanticTokensProvider",
         {{"legend", {{"tokenTypes", semantic_token_types()}, {"tokenModifiers", json::array()}}},
          {"full", true},
          {"range", false}}},
    };
    return {{"capabilities", std::move(capabilities)},
            {"serverInfo", {{"name", "amlls"}, {"version", AMLLS_VERSION}}}};
  }

  void cancel(const json& params) {
    if (!params.is_object() || !params.contains("id")) return;
    std::string key = id_key(params["id"]);
    for (auto& [uri, ids] : waiting_pulls) {
      for (auto it = ids.begin(); it != ids.end(); ++it) {
        if (id_key(*it) == key) {
          reply_error(*it, lsp::RequestCancelled, "Request cancelled");
          ids.erase(it);
          return;
        }
      }
    }
  }

  // ---------------------------------------------------------------- documents
  static std::string uri_of(const json& params) {
    return params.at("textDocument").at("uri").get<std::string>();
  }

  amllint::AnalysisOptions options_for(const OpenDocument& d) {
    amllint::AnalysisOptions options;
    options.path = d.path;
    options.env = env;
    options.config = settings_config;
    return options;
  }

  void schedule(OpenDocument& d) { queue.submit(d.uri, d.version, d.doc, options_for(d)); }

  // Settings or files on disk changed: every open document may read differently now.
  void reanalyse_all() {
    docs.for_each([this](OpenDocument& d) {
      d.analysis_version = -1;
      schedule(d);
    });
  }

  void did_open(const json& params) {
    const json& td = params.at("textDocument");
    OpenDocument& d = docs.open(td.at("uri").get<std::string>(), td.value("version", 0),
                                td.at("text").get<std::string>());
    schedule(d);
  }

  void did_change(const json& params) {
    const json& td = params.at("textDocument");
    std::vector<ContentChange> changes;
    for (const json& c : params.at("contentChanges")) {
      ContentChange change;
      if (c.contains("range")) change.range = c["range"].get<lsp::Range>();
      change.text = c.at("text").get<std::string>();
      changes.push_back(std::move(change));
    }
    OpenDocument* d =
        docs.change(td.at("uri").get<std::string>(), td.value("version", 0), changes, encoding);
    if (d) schedule(*d);
  }

  void did_close(const json& params) {
    std::string uri = uri_of(params);
    if (!docs.find(uri)) return;
    docs.close(uri);
    queue.forget(uri);
    answer_pulls(uri, nullptr);
    if (push_diagnostics)
      notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
  }

  // ---------------------------------------------------------------- analysis results
  void on_analysis(AnalysisQueue::Result r) {
    OpenDocument* d = docs.find(r.uri);
    // Superseded or closed meanwhile, or already analysed on demand by a feature request.
    if (!d || d->version != r.version || d->analysis_current()) return;
    accept(*d, std::move(r.analysis));
    log_trace("analysed " + r.uri + " v" + std::to_string(r.version) + " in " +
              std::to_string(r.millis) + " ms");
  }

  void accept(OpenDocument& d, std::shared_ptr<const amllint::Analysis> analysis) {
    d.analysis = std::move(analysis);
    d.analysis_version = d.version;
    d.analysis_id = next_analysis_id++;
    d.view.reset();
    d.fixed_text.reset();
    if (push_diagnostics) {
      notify("textDocument/publishDiagnostics",
             {{"uri", d.uri}, {"version", d.version}, {"diagnostics", lsp_diagnostics(input(d))}});
    }
    answer_pulls(d.uri, &d);
  }

  // Features need the analysis of exactly the current text; when the worker has not delivered
  // it yet, compute it here rather than answer from stale ranges.
  const amllint::Analysis& current(OpenDocument& d) {
    if (!d.analysis_current()) {
      accept(d, analyze_safely(*d.doc, options_for(d)));
    }
    return *d.analysis;
  }

  FeatureInput input(OpenDocument& d, const amllint::AnalysisOptions* options = nullptr) {
    FeatureInput in{d.uri, d.path, *d.doc, *d.analysis, encoding, &d.view, nullptr};
    in.options = options;
    in.fixed_text_cache = &d.fixed_text;
    return in;
  }

  json report(OpenDocument* d) {
    if (!d) return {{"kind", "full"}, {"items", json::array()}};
    return {{"kind", "full"},
            {"resultId", std::to_string(d->analysis_id)},
            {"items", lsp_diagnostics(input(*d))}};
  }

  void answer_pulls(const std::string& uri, OpenDocument* d) {
    auto it = waiting_pulls.find(uri);
    if (it == waiting_pulls.end()) return;
    std::vector<json> ids = std::move(it->second);
    waiting_pulls.erase(it);
    for (const json& id : ids) reply(id, report(d));
  }

  void pull_diagnostics(const json& id, const json& params) {
    std::string uri = uri_of(params);
    OpenDocument* d = docs.find(uri);
    if (!d) return reply(id, report(nullptr));
    if (!d->analysis_current()) {
      waiting_pulls[uri].push_back(id);  // answered when the worker delivers this version
      return;
    }
    auto prev = params.find("previousResultId");
    if (prev != params.end() && prev->is_string() && *prev == std::to_string(d->analysis_id))
      return reply(id, {{"kind", "unchanged"}, {"resultId", *prev}});
    reply(id, report(d));
  }

  // ---------------------------------------------------------------- features
  std::optional<json> feature(const std::string& method, const json& params) {
    using Handler = json (Impl::*)(const FeatureInput&, const json&);
    static const std::map<std::string, Handler> handlers = {
        {"textDocument/codeAction", &Impl::code_action},
        {"textDocument/documentSymbol", &Impl::document_symbol},
        {"textDocument/foldingRange", &Impl::folding_range},
        {"textDocument/documentLink", &Impl::document_link},
        {"textDocument/hover", &Impl::hover_request},
        {"textDocument/completion", &Impl::completion_request},
        {"textDocument/definition", &Impl::definition_request},
        {"textDocument/references", &Impl::references_request},
        {"textDocument/prepareRename", &Impl::prepare_rename_request},
        {"textDocument/rename", &Impl::rename_request},
        {"textDocument/semanticTokens/full", &Impl::semantic_tokens_request},
    };
    auto h = handlers.find(method);
    if (h == handlers.end()) return std::nullopt;
    OpenDocument* d = docs.find(uri_of(params));
    if (!d) return json(nullptr);  // not open: nothing to say about it
    current(*d);
    amllint::AnalysisOptions options = options_for(*d);
    return (this->*(h->second))(input(*d, &options), params);
  }

  // The open documents other than `in`, for features that edit across files; each with the
  // analysis of its current text, since an older one has stale ranges.
  std::vector<FeatureInput> other_documents(const FeatureInput& in) {
    std::vector<FeatureInput> out;
    docs.for_each([&](OpenDocument& d) {
      if (d.uri == in.uri) return;
      current(d);
      out.push_back(input(d));
    });
    return out;
  }

  json code_action(const FeatureInput& in, const json& params) {
    std::vector<std::string> only;
    if (auto ctx = params.find("context"); ctx != params.end() && ctx->contains("only"))
      only = (*ctx)["only"].get<std::vector<std::string>>();
    return code_actions(in, params.at("range").get<lsp::Range>(), only);
  }
  json document_symbol(const FeatureInput& in, const json&) { return document_symbols(in); }
  json folding_range(const FeatureInput& in, const json&) { return folding_ranges(in); }
  json document_link(const FeatureInput& in, const json&) { return document_links(in); }
  json hover_request(const FeatureInput& in, const json& params) {
    auto h = hover(in, params.at("position").get<lsp::Position>());
    return h ? json(*h) : json(nullptr);
  }
  json completion_request(const FeatureInput& in, const json& params) {
    return completion(in, params.at("position").get<lsp::Position>());
  }
  json definition_request(const FeatureInput& in, const json& params) {
    return definition(in, params.at("position").get<lsp::Position>());
  }
  json references_request(const FeatureInput& in, const json& params) {
    bool declaration = params.value("context", json::object()).value("includeDeclaration", false);
    return references(in, params.at("position").get<lsp::Position>(), declaration);
  }
  json prepare_rename_request(const FeatureInput& in, const json& params) {
    RenameRefusal refusal;
    auto r = prepare_rename(in, params.at("position").get<lsp::Position>(), other_documents(in),
                            &refusal);
    if (r) return {{"range", r->range}, {"placeholder", r->placeholder}};
    if (!refusal.message.empty()) throw RpcError{refusal.code, refusal.message};
    return nullptr;
  }
  json rename_request(const FeatureInput& in, const json& params) {
    RenameRefusal refusal;
    auto edit = rename(in, params.at("position").get<lsp::Position>(),
                       params.at("newName").get<std::string>(), other_documents(in), &refusal);
    if (!edit) throw RpcError{refusal.code, refusal.message};
    return *edit;
  }
  json semantic_tokens_request(const FeatureInput& in, const json&) {
    return {{"data", semantic_tokens(in)}};
  }
};

Server::Server(Transport& transport, ServerOptions options)
    : impl_(std::make_unique<Impl>(transport, options)) {}

Server::~Server() = default;

int Server::run() {
  impl_->transport.run([this](Transport::Batch b) { impl_->on_batch(std::move(b)); },
                       [this] {
                         // Input ended without `exit`: the client is gone.
                         if (!impl_->exit_requested) impl_->exit_code = 1;
                         impl_->transport.stop();
                       });
  return impl_->exit_code;
}

}  // namespace amlls
