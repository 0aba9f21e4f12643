// The LSP face of amllint: lifecycle, document sync, scheduling and dispatch to the features.
// All state lives on the transport's loop thread; analysis runs on worker threads.
#pragma once

#include <memory>

#include "transport.h"

namespace amlls {

struct ServerOptions {
  unsigned workers = 0;  // analysis threads; 0 picks one per core beyond the loop's, at least one
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
