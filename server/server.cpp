#include "server.h"

#include <cstdio>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <thread>

#include "analysis_queue.h"
#include "document_store.h"
#include "edit_trace.h"
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
#include "fixes/fix_all.h"
#include "json_rpc.h"
#include "params.h"
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

// One core stays with the loop thread (and the client); the rest analyse. Never fewer than two
// workers: one document whose analysis runs long must not hold up every other.
unsigned default_workers() {
  unsigned cores = std::thread::hardware_concurrency();
  return cores > 3 ? cores - 1 : 2;
}

// Requests about one document, their params read and checked before anything waits.
struct Call {
  json id;
  std::string method;
  std::string uri;
  lsp::Position position;
  lsp::Range range;
  std::vector<std::string> only;  // codeAction: the client's kinds filter
  bool include_declaration = false;
  std::string new_name;
  std::optional<std::string> previous_result_id;
};

enum class Needs { Nothing, Position, Range };

struct Method {
  Needs needs;
  bool all_documents;  // reads the other open documents too (rename)
};

const std::map<std::string, Method>& document_methods() {
  static const std::map<std::string, Method> methods = {
      {"textDocument/diagnostic", {Needs::Nothing, false}},
      {"textDocument/codeAction", {Needs::Range, false}},
      {"textDocument/documentSymbol", {Needs::Nothing, false}},
      {"textDocument/foldingRange", {Needs::Nothing, false}},
      {"textDocument/documentLink", {Needs::Nothing, false}},
      {"textDocument/hover", {Needs::Position, false}},
      {"textDocument/completion", {Needs::Position, false}},
      {"textDocument/definition", {Needs::Position, false}},
      {"textDocument/references", {Needs::Position, false}},
      {"textDocument/prepareRename", {Needs::Position, true}},
      {"textDocument/rename", {Needs::Position, true}},
      {"textDocument/semanticTokens/full", {Needs::Nothing, false}},
  };
  return methods;
}

Call read_call(const json& id, const std::string& method, const Method& m, const json& params) {
  Call c;
  c.id = id;
  c.method = method;
  c.uri = params::document_uri(params);
  if (m.needs == Needs::Position) c.position = params::position(params);
  if (m.needs == Needs::Range) c.range = params::range(params);
  if (method == "textDocument/codeAction") {
    c.only =
        params::optional_strings(params::optional_object(params, "context", ""), "only", "context");
  } else if (method == "textDocument/references") {
    c.include_declaration = params::optional_bool(params::optional_object(params, "context", ""),
                                                  "includeDeclaration", "context", false);
  } else if (method == "textDocument/rename") {
    c.new_name = params::string(params, "newName", "");
  } else if (method == "textDocument/diagnostic") {
    c.previous_result_id = params::optional_string(params, "previousResultId", "");
  }
  return c;
}

}  // namespace

struct Server::Impl {
  Impl(Transport& t, ServerOptions o)
      : transport(t),
        options(std::move(o)),
        queue(queue_options(options), [this](AnalysisQueue::Result r) {
          transport.post([this, r = std::move(r)]() mutable { on_result(std::move(r)); });
        }) {}

  static AnalysisQueue::Options queue_options(const ServerOptions& o) {
    AnalysisQueue::Options q;
    q.workers = o.workers ? o.workers : default_workers();
    q.budget = o.analysis_budget;
    q.shutdown_grace = o.shutdown_grace;
    if (o.before_analysis) {
      q.before_job = [hook = o.before_analysis](const AnalysisQueue::Job& job,
                                                const std::atomic<bool>& cancel) {
        hook(job.uri, job.kind == AnalysisQueue::Kind::FixAll, cancel);
      };
    }
    return q;
  }

  Transport& transport;
  ServerOptions options;
  Phase phase = Phase::Uninitialized;
  bool exit_requested = false;
  int exit_code = 1;
  PositionEncoding encoding = PositionEncoding::Utf16;
  bool push_diagnostics = true;
  // The client reads the version of published diagnostics (publishDiagnostics.versionSupport):
  // it may hold diagnostics for an older version as stale, so every new version is published,
  // even with the same diagnostics. Others (VS Code) keep diagnostics until they are replaced,
  // and get nothing when a document's diagnostics did not change.
  bool version_support = false;
  std::string trace = "off";
  DocumentStore docs;
  // Files, folders and `.amllint.yaml` read by analyses, cached across edits; invalidated by
  // `workspace/didChangeWatchedFiles`.
  std::shared_ptr<amllint::Environment> env = amllint::make_disk_environment();
  std::shared_ptr<const amllint::Config> settings_config;
  uint64_t next_analysis_id = 1;
  // Ids of `$/cancelRequest`s seen in the batch being handled.
  std::set<std::string> cancelled;
  // Requests waiting for an analysis or a fix-all, by arrival; each is answered when its
  // result arrives, or without it once `request_patience` has passed.
  static constexpr size_t kMaxParked = 1000;
  static constexpr size_t kMaxParkedBytes = size_t(32) << 20;
  bool watch_files = false;  // the client registers file watchers for us
  bool watchers_registered = false;
  std::map<uint64_t, Call> parked;
  uint64_t next_parked = 0;
  size_t parked_bytes = 0;
  // Last: destroyed first, so no worker reports to state that is gone.
  AnalysisQueue queue;

  // ---------------------------------------------------------------- output
  void send(const json& message) {
    // Documents may hold invalid UTF-8 that ends up in messages; never throw on it.
    transport.send(message.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  void reply(const json& id, json result) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void reply_error(const json& id, int code, const std::string& message, json data = nullptr) {
    json error = {{"code", code}, {"message", message}};
    if (!data.is_null()) error["data"] = std::move(data);
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}});
  }
  void notify(const char* method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  static std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  void log_trace(const std::string& message) {
    if (trace == "off") return;
    notify("$/logTrace", {{"message", message}});
  }
  // Problems the client caused or should know about: stderr is the editor's output channel.
  // Messages quote the client (URIs, problems), so a hostile one is cut short.
  void log(std::string message) {
    if (message.size() > 400) message = message.substr(0, 400) + "...";
    std::fprintf(stderr, "amlls: %s\n", message.c_str());
    log_trace(message);
  }

  // ---------------------------------------------------------------- input
  void on_batch(Transport::Batch batch) {
    std::vector<rpc::Parsed> messages;
    messages.reserve(batch.size());
    for (auto& body : batch) {
      if (body.empty()) {
        messages.push_back({json(json::value_t::discarded), lsp::ParseError,
                            "Parse error: a message frame could not be read"});
      } else {
        messages.push_back(rpc::parse(body));
      }
      edit_trace::mark("parsed");
      std::string().swap(body);  // the parsed form is all that is needed now
      const rpc::Parsed& p = messages.back();
      if (p.error) continue;
      rpc::Message m = rpc::classify(p.value);
      if (m.kind == rpc::Kind::Notification && m.method == "$/cancelRequest") {
        const json* id = params::find(*m.params, "id");
        if (id && rpc::usable_id(*id)) cancelled.insert(rpc::id_key(*id));
      }
    }
    for (const rpc::Parsed& p : messages) {
      handle(p);
      if (exit_requested) break;
    }
    cancelled.clear();
  }

  void handle(const rpc::Parsed& p) {
    if (p.error) return reply_error(nullptr, p.error, p.message);
    rpc::Message m = rpc::classify(p.value);
    switch (m.kind) {
      case rpc::Kind::Response: return;  // to client/registerCapability: nothing to do
      case rpc::Kind::Invalid:
        // An object without an id is a notification: nobody waits for an answer.
        if (p.value.is_object() && !m.has_id)
          return log("dropped a malformed notification: " + m.problem);
        return reply_error(m.id, lsp::InvalidRequest, "Invalid request: " + m.problem);
      case rpc::Kind::Notification: return handle_notification(m.method, *m.params);
      case rpc::Kind::Request: return handle_request(m.id, m.method, *m.params);
    }
  }

  void handle_request(const json& id, const std::string& method, const json& params) {
    if (cancelled.erase(rpc::id_key(id)))
      return reply_error(id, lsp::RequestCancelled, "Request cancelled");
    if (phase == Phase::Uninitialized && method != "initialize")
      return reply_error(id, lsp::ServerNotInitialized, "Server not initialized");
    if (phase == Phase::ShuttingDown)
      return reply_error(id, lsp::InvalidRequest, "Server is shutting down");
    auto doc_method = document_methods().find(method);
    if (method != "initialize" && method != "shutdown" && doc_method == document_methods().end())
      return reply_error(id, lsp::MethodNotFound, "Method not found: " + method);
    if (!params.is_object())
      return reply_error(id, lsp::InvalidParams, "Invalid params: params must be an object");
    guarded(id, [&] {
      if (method == "initialize") return reply(id, initialize(params));
      if (method == "shutdown") {
        phase = Phase::ShuttingDown;
        return reply(id, nullptr);
      }
      Call call = read_call(id, method, doc_method->second, params);
      if (!attempt(call)) park(std::move(call));
    });
  }

  // Runs `f`, answering `id` with the error any failure deserves.
  template <typename F>
  void guarded(const json& id, F f) {
    try {
      f();
    } catch (const RpcError& e) {
      reply_error(id, e.code, e.message);
    } catch (const lsp::ShapeError& e) {
      reply_error(id, lsp::InvalidParams, std::string("Invalid params: ") + e.what());
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
    if (phase == Phase::Uninitialized) return;  // the spec drops notifications before initialize
    try {
      if (!params.is_object()) throw lsp::ShapeError("params must be an object");
      if (method == "$/cancelRequest") return cancel(params);
      if (method == "initialized") return register_watchers();
      if (method == "$/setTrace") {
        trace = params::string(params, "value", "");
        return;
      }
      if (method == "textDocument/didOpen") return did_open(params);
      if (method == "textDocument/didChange") return did_change(params);
      if (method == "textDocument/didClose") return did_close(params);
      if (method == "workspace/didChangeConfiguration") {
        const json* settings = params::find(params, "settings");
        settings_config = config_from_settings(settings ? *settings : json(nullptr));
        return reanalyse_all();
      }
      if (method == "workspace/didChangeWatchedFiles") {
        std::vector<std::string> paths;
        for (const json& change : params::array(params, "changes", "")) {
          if (!change.is_object()) throw lsp::ShapeError("changes must hold objects");
          paths.push_back(uri_to_path(params::string(change, "uri", "changes[]")));
        }
        for (const std::string& path : paths) env->invalidate(path);
        return reanalyse_all();
      }
      // Anything else (didSave, $/ notifications) needs no action.
    } catch (const std::exception& e) {
      log("dropped a malformed " + method + ": " + e.what());
    }
  }

  // The files an analysis reads besides the open documents: asset specs and components (any
  // YAML, which also feeds the workspace index), configs and ignore files. Clients that can
  // watch files on the server's behalf are asked to; their changes then reach
  // `workspace/didChangeWatchedFiles`. The client's answer needs no action.
  void register_watchers() {
    if (!watch_files || watchers_registered) return;
    watchers_registered = true;
    json watchers = json::array();
    for (const char* glob : {"**/*.{yml,yaml}", "**/.amlignore", "**/.gitignore"})
      watchers.push_back({{"globPattern", glob}});
    send({{"jsonrpc", "2.0"},
          {"id", "amlls/register-watchers"},
          {"method", "client/registerCapability"},
          {"params",
           {{"registrations",
             {{{"id", "amllint-watched-files"},
               {"method", "workspace/didChangeWatchedFiles"},
               {"registerOptions", {{"watchers", watchers}}}}}}}}});
  }

  // ---------------------------------------------------------------- lifecycle
  json initialize(const json& params) {
    if (phase != Phase::Uninitialized) throw RpcError{lsp::InvalidRequest, "initialize sent twice"};
    const json& caps = params::optional_object(params, "capabilities", "");
    const json& general = params::optional_object(caps, "general", "capabilities");
    bool utf8 = false;
    for (const std::string& e :
         params::optional_strings(general, "positionEncodings", "capabilities.general")) {
      if (e == "utf-8") utf8 = true;
    }
    const json& text_document = params::optional_object(caps, "textDocument", "capabilities");
    const bool versions = params::optional_bool(
        params::optional_object(text_document, "publishDiagnostics", "capabilities.textDocument"),
        "versionSupport", "capabilities.textDocument.publishDiagnostics", false);
    const json& workspace = params::optional_object(caps, "workspace", "capabilities");
    const json& watched =
        params::optional_object(workspace, "didChangeWatchedFiles", "capabilities.workspace");
    const bool can_watch = params::optional_bool(
        watched, "dynamicRegistration", "capabilities.workspace.didChangeWatchedFiles", false);
    std::optional<std::string> trace_value = params::optional_string(params, "trace", "");
    // Read everything before changing any state: a refused initialize can be sent again.
    encoding = utf8 ? PositionEncoding::Utf8 : PositionEncoding::Utf16;
    // Clients that pull get no pushes: showing both would list every problem twice.
    push_diagnostics = !text_document.contains("diagnostic");
    version_support = versions;
    if (trace_value) trace = *trace_value;
    watch_files = can_watch;
    if (const json* init = params::find(params, "initializationOptions"))
      settings_config = config_from_settings(*init);
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
    const json* id = params::find(params, "id");
    if (!id || !rpc::usable_id(*id)) throw lsp::ShapeError("id must be a string or an integer");
    std::string key = rpc::id_key(*id);
    for (auto it = parked.begin(); it != parked.end(); ++it) {
      if (rpc::id_key(it->second.id) != key) continue;
      Call call = unpark(it);
      return reply_error(call.id, lsp::RequestCancelled, "Request cancelled");
    }
  }

  // ---------------------------------------------------------------- waiting requests
  static size_t bytes_of(const Call& c) {
    return sizeof(Call) + c.uri.size() + c.new_name.size() +
           (c.id.is_string() ? c.id.get_ref<const std::string&>().size() : 0);
  }

  void park(Call call) {
    size_t bytes = bytes_of(call);
    if (parked.size() >= kMaxParked || parked_bytes + bytes > kMaxParkedBytes)
      return reply_error(call.id, lsp::RequestFailed, "Too many requests are waiting; try again");
    uint64_t serial = next_parked++;
    parked_bytes += bytes;
    parked.emplace(serial, std::move(call));
    transport.post_after(options.request_patience, [this, serial] { expire(serial); });
  }

  Call unpark(std::map<uint64_t, Call>::iterator it) {
    Call call = std::move(it->second);
    parked_bytes -= bytes_of(call);
    parked.erase(it);
    return call;
  }

  // Something a waiting request may need arrived: answer those that can be answered now.
  void retry_parked() {
    std::vector<uint64_t> serials;
    for (const auto& [serial, call] : parked) serials.push_back(serial);
    for (uint64_t serial : serials) {
      auto it = parked.find(serial);
      if (it == parked.end()) continue;
      bool answered = true;  // an exception answers it too
      guarded(it->second.id, [&] { answered = attempt(it->second); });
      if (answered) unpark(it);
    }
  }

  // Patience ran out: answer without the analysis, as if the document said nothing.
  void expire(uint64_t serial) {
    auto it = parked.find(serial);
    if (it == parked.end()) return;
    Call call = unpark(it);
    const std::string& m = call.method;
    if (m == "textDocument/diagnostic")
      return reply_error(call.id, lsp::ServerCancelled, "The document is still being analysed",
                         {{"retriggerRequest", true}});
    if (m == "textDocument/rename")
      return reply_error(call.id, lsp::RequestFailed,
                         "The documents are still being analysed; try again");
    if (m == "textDocument/completion")
      return reply(call.id, {{"isIncomplete", true}, {"items", json::array()}});
    // Waiting on fix-all only: the quick fixes are at hand.
    OpenDocument* d = docs.find(call.uri);
    if (m == "textDocument/codeAction" && d && d->analysis_current())
      return guarded(call.id, [&] { reply(call.id, answer(call, input(*d))); });
    if (m == "textDocument/codeAction" || m == "textDocument/documentSymbol" ||
        m == "textDocument/foldingRange" || m == "textDocument/documentLink")
      return reply(call.id, json::array());
    reply(call.id, nullptr);
  }

  // ---------------------------------------------------------------- documents
  amllint::AnalysisOptions options_for(const OpenDocument& d) {
    amllint::AnalysisOptions o;
    o.path = d.path;
    o.env = env;
    o.config = settings_config;
    return o;
  }

  void schedule(OpenDocument& d) {
    AnalysisQueue::Job job;
    job.kind = AnalysisQueue::Kind::Analyse;
    job.uri = d.uri;
    job.revision = d.revision;
    job.doc = d.doc;
    job.options = options_for(d);
    // What incremental analysis may reuse; never the empty stand-in of an abandoned analysis.
    if (!d.abandoned) job.options.previous = d.analysis;
    job.encoding = encoding;
    queue.submit(std::move(job));
  }

  // Settings or files on disk changed: every open document may read differently now. The old
  // analyses stay until the new ones arrive, but no longer count as current.
  void reanalyse_all() {
    docs.for_each([this](OpenDocument& d) {
      d.analysis_revision = 0;
      schedule(d);
    });
  }

  void did_open(const json& params) {
    const json& td = params::object(params, "textDocument", "");
    std::string uri = params::string(td, "uri", "textDocument");
    std::string text = params::string(td, "text", "textDocument");
    std::string refusal;
    OpenDocument* d = docs.open(uri, params::version(td), std::move(text), &refusal);
    if (!d) return stop_tracking(uri, refusal);
    schedule(*d);
  }

  void did_change(const json& params) {
    const json& td = params::object(params, "textDocument", "");
    std::string uri = params::string(td, "uri", "textDocument");
    int version = params::version(td);
    // Read every change before applying any: half an edit would leave the text wrong.
    std::vector<ContentChange> changes;
    for (const json& c : params::array(params, "contentChanges", "")) {
      if (!c.is_object()) throw lsp::ShapeError("contentChanges must hold objects");
      ContentChange change;
      if (const json* r = params::find(c, "range"); r && !r->is_null())
        change.range = r->get<lsp::Range>();
      change.text = params::string(c, "text", "contentChanges[]");
      changes.push_back(std::move(change));
    }
    std::string refusal;
    OpenDocument* d = docs.change(uri, version, changes, encoding, &refusal);
    if (!d) {
      if (!refusal.empty()) stop_tracking(uri, refusal);
      return;
    }
    edit_trace::mark("changed", d->revision);
    schedule(*d);
    edit_trace::mark("queued", d->revision);
  }

  void did_close(const json& params) {
    std::string uri = params::document_uri(params);
    if (!docs.find(uri)) return;
    forget(uri);
  }

  // A document over a bound: forget it rather than serve a text that is not the client's.
  void stop_tracking(const std::string& uri, const std::string& why) {
    log("not tracking " + uri + ": " + why);
    forget(uri);
  }

  void forget(const std::string& uri) {
    if (OpenDocument* d = docs.find(uri)) {
      queue.release(std::move(d->analysis));  // freed on a worker, like a replaced one
      queue.release(std::move(d->view));
    }
    docs.close(uri);
    queue.forget(uri);
    retry_parked();  // requests about it answer as for a document that is not open
    if (push_diagnostics)
      notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
  }

  // ---------------------------------------------------------------- worker results
  void on_result(AnalysisQueue::Result r) {
    edit_trace::mark("result", r.revision);
    OpenDocument* d = docs.find(r.uri);
    // Closed or edited meanwhile.
    if (!d || d->revision != r.revision) return queue.release(std::move(r.analysis));
    if (r.kind == AnalysisQueue::Kind::FixAll) {
      if (d->analysis_id != r.analysis_id || d->fixed_text) return;
      if (r.abandoned)
        log("gave up computing fix-all for " + r.uri + " after " +
            std::to_string(static_cast<long>(r.millis)) + " ms");
      // Abandoned: no fix-all for this analysis (the text itself means "nothing to fix").
      d->fixed_text =
          r.fixed_text ? r.fixed_text : std::make_shared<const std::string>(d->doc->text());
      return retry_parked();
    }
    if (r.abandoned) {
      if (d->analysis_current()) return;
      log("gave up analysing " + r.uri + " after " + std::to_string(static_cast<long>(r.millis)) +
          " ms (its time budget)");
      return accept(*d, std::make_shared<const amllint::Analysis>(), nullptr,
                    static_cast<long>(r.millis));
    }
    // A late result may replace the stand-in of an abandoned analysis of the same text.
    if (d->analysis_current() && !d->abandoned) return queue.release(std::move(r.analysis));
    accept(*d, std::move(r.analysis), std::move(r.diagnostics_json), 0);
    log_trace("analysed " + r.uri + " v" + std::to_string(d->version) + " in " +
              std::to_string(r.millis) + " ms");
  }

  // `diagnostics` is the analysis's LSP diagnostics array, serialized by the worker.
  void accept(OpenDocument& d, std::shared_ptr<const amllint::Analysis> analysis,
              std::shared_ptr<const std::string> diagnostics, long abandoned_after) {
    // What the new analysis replaces is freed on a worker once the loop has published (handing
    // it over takes the queue's lock, which a worker may hold).
    std::shared_ptr<const amllint::Analysis> old = std::move(d.analysis);
    std::shared_ptr<const amllint::JsonView> old_view = std::move(d.view);
    d.analysis = std::move(analysis);
    d.analysis_revision = d.revision;
    d.analysis_id = next_analysis_id++;
    d.abandoned = abandoned_after > 0;
    d.abandoned_after = abandoned_after;
    d.fixed_text.reset();
    d.fix_all_requested = 0;
    if (d.abandoned || !diagnostics)
      diagnostics = std::make_shared<const std::string>(diagnostics_json(diagnostics_of(d)));
    if (push_diagnostics) publish(d, *diagnostics);
    edit_trace::mark("published", d.revision);
    d.diagnostics_json = push_diagnostics ? nullptr : std::move(diagnostics);
    queue.release(std::move(old));
    queue.release(std::move(old_view));
    edit_trace::mark("released", d.revision);
    retry_parked();
  }

  // Sends `items` (the document's diagnostics array) unless the client already shows exactly
  // these (for a client that reads versions: for this version).
  void publish(OpenDocument& d, const std::string& items) {
    // Hashed only when it decides (a client that reads versions gets every new version), else
    // after the send: 100 KB of a large pipeline's diagnostics take the hash 30 µs.
    std::optional<size_t> hash;
    if (d.published && d.published->size == items.size() &&
        (!version_support || d.published->version == d.version)) {
      hash = std::hash<std::string_view>{}(items);
      if (*hash == d.published->hash) return;
    }
    // One buffer of the right size: `items` is 100 KB for a 3,500-line pipeline.
    static constexpr std::string_view kHead =
        R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":)";
    const std::string uri = dump(d.uri);
    const std::string version = std::to_string(d.version);
    std::string message;
    message.reserve(kHead.size() + uri.size() + version.size() + items.size() + 32);
    message += kHead;
    message += uri;
    message += R"(,"version":)";
    message += version;
    message += R"(,"diagnostics":)";
    message += items;
    message += "}}";
    transport.send(message);
    if (!hash) hash = std::hash<std::string_view>{}(items);
    d.published = OpenDocument::Published{*hash, items.size(), d.version};
  }

  // A client that is pushed diagnostics may pull them too (it rarely does): then they are
  // serialized again here.
  std::string pull_items(OpenDocument& d) {
    return d.diagnostics_json ? *d.diagnostics_json : diagnostics_json(diagnostics_of(d));
  }

  // The worker serializes the diagnostics of real analyses; this is for the stand-in of an
  // abandoned one (and an analysis whose serialization failed).
  std::vector<lsp::Diagnostic> diagnostics_of(OpenDocument& d) {
    if (!d.abandoned) return lsp_diagnostics(input(d));
    lsp::Diagnostic gave_up;
    gave_up.severity = lsp::DiagnosticSeverity::Warning;
    gave_up.code = "analysis-budget";
    gave_up.message = "amllint gave up analysing this file after " +
                      std::to_string(d.abandoned_after) +
                      " ms (its time budget): its problems are not shown and editor features "
                      "are off for it until it changes";
    return {gave_up};
  }

  FeatureInput input(OpenDocument& d, const amllint::AnalysisOptions* options = nullptr) {
    FeatureInput in{d.uri, d.path, *d.doc, *d.analysis, encoding, &d.view, nullptr};
    in.options = options;
    in.env = env.get();
    in.fixed_text_cache = &d.fixed_text;
    in.may_analyse = false;
    return in;
  }

  // The document's analysis is that of its current text; else its job is moved up the line.
  bool ready(OpenDocument& d) {
    if (d.analysis_current()) return true;
    queue.hurry(d.uri);
    return false;
  }

  // ---------------------------------------------------------------- requests
  // Answers `c` when everything it reads is at hand; false when it must wait for a worker.
  bool attempt(Call& c) {
    OpenDocument* d = docs.find(c.uri);
    if (c.method == "textDocument/diagnostic") {
      if (!d) {
        reply(c.id, {{"kind", "full"}, {"items", json::array()}});
        return true;
      }
      if (!ready(*d)) return false;
      std::string result_id = std::to_string(d->analysis_id);
      if (c.previous_result_id == result_id)
        reply(c.id, {{"kind", "unchanged"}, {"resultId", result_id}});
      else
        transport.send(R"({"jsonrpc":"2.0","id":)" + dump(c.id) +
                       R"(,"result":{"kind":"full","resultId":")" + result_id + R"(","items":)" +
                       pull_items(*d) + "}}");
      return true;
    }
    if (!d) {
      reply(c.id, nullptr);  // not open: nothing to say about it
      return true;
    }
    bool all_ready = ready(*d);
    if (document_methods().at(c.method).all_documents) {
      docs.for_each([&](OpenDocument& o) { all_ready = ready(o) && all_ready; });
    }
    if (!all_ready) return false;
    if (c.method == "textDocument/codeAction" && !fix_all_at_hand(*d, c.only)) return false;
    amllint::AnalysisOptions o = options_for(*d);
    reply(c.id, answer(c, input(*d, &o)));
    return true;
  }

  // Fix-all re-analyses the text in passes: a worker computes it, once per analysis.
  bool fix_all_at_hand(OpenDocument& d, const std::vector<std::string>& only) {
    if (d.fixed_text || !kind_wanted(kFixAllKind, only) || d.abandoned) return true;
    if (amllint::choose_safe_fixes(d.analysis->diagnostics).empty()) return true;
    if (d.fix_all_requested != d.analysis_id) {
      d.fix_all_requested = d.analysis_id;
      AnalysisQueue::Job job;
      job.kind = AnalysisQueue::Kind::FixAll;
      job.uri = d.uri;
      job.revision = d.revision;
      job.analysis_id = d.analysis_id;
      job.doc = d.doc;
      job.options = options_for(d);
      job.base = d.analysis;
      queue.submit(std::move(job), /*urgent=*/true);
    }
    return false;
  }

  // The open documents other than `in`, for features that edit across files; attempt() made
  // sure each has the analysis of its current text.
  std::vector<FeatureInput> other_documents(const FeatureInput& in) {
    std::vector<FeatureInput> out;
    docs.for_each([&](OpenDocument& d) {
      if (d.uri != in.uri) out.push_back(input(d));
    });
    return out;
  }

  json answer(const Call& c, const FeatureInput& in) {
    const std::string& m = c.method;
    if (m == "textDocument/codeAction") return code_actions(in, c.range, c.only);
    if (m == "textDocument/documentSymbol") return document_symbols(in);
    if (m == "textDocument/foldingRange") return folding_ranges(in);
    if (m == "textDocument/documentLink") return document_links(in);
    if (m == "textDocument/hover") {
      auto h = hover(in, c.position);
      return h ? json(*h) : json(nullptr);
    }
    if (m == "textDocument/completion") return completion(in, c.position);
    if (m == "textDocument/definition") return definition(in, c.position);
    if (m == "textDocument/references") return references(in, c.position, c.include_declaration);
    if (m == "textDocument/prepareRename") {
      RenameRefusal refusal;
      auto r = prepare_rename(in, c.position, other_documents(in), &refusal);
      if (r) return {{"range", r->range}, {"placeholder", r->placeholder}};
      if (!refusal.message.empty()) throw RpcError{refusal.code, refusal.message};
      return nullptr;
    }
    if (m == "textDocument/rename") {
      RenameRefusal refusal;
      auto edit = rename(in, c.position, c.new_name, other_documents(in), &refusal);
      if (!edit) throw RpcError{refusal.code, refusal.message};
      return *edit;
    }
    if (m == "textDocument/semanticTokens/full") return {{"data", semantic_tokens(in)}};
    throw RpcError{lsp::MethodNotFound, "Method not found: " + m};
  }
};

Server::Server(Transport& transport, ServerOptions options)
    : impl_(std::make_unique<Impl>(transport, std::move(options))) {}

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
