// The LSP face of amllint: lifecycle, document sync, scheduling and dispatch to the features.
// All state lives on the transport's loop thread, which only reads, schedules and writes: every
// analysis (and fix-all) runs on worker threads under a time budget.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "transport.h"

namespace amlls {

struct ServerOptions {
  unsigned workers = 0;  // analysis threads; 0 picks one per core beyond the loop's, at least two
  // An analysis (or fix-all) still running after this long is abandoned: its document gets a
  // diagnostic saying so, and a fresh worker serves the others.
  std::chrono::milliseconds analysis_budget{5000};
  std::chrono::milliseconds shutdown_grace{200};  // AnalysisQueue::Options::shutdown_grace
  // A request that waits this long for its document's analysis is answered without it (an empty
  // result, or for pull diagnostics a retrigger), so the client is never left hanging.
  std::chrono::milliseconds request_patience{750};
  // Test only: runs on a worker before each analysis (or fix-all) of `uri`; may block to play a
  // runaway analysis. `cancel` is set once the job is abandoned.
  std::function<void(const std::string& uri, bool fix_all, const std::atomic<bool>& cancel)>
      before_analysis;
};

class Server {
 public:
  explicit Server(Transport& transport, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves until `exit` or the end of input; returns the process exit code (0 only when
  // `shutdown` came before).
  int run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

const char* server_version();

}  // namespace amlls
