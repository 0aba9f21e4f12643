// A raw client byte stream played into a fresh server in-process, framed exactly like stdin:
// the entry point of the protocol fuzz harness and of hostile-session tests.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "server.h"

namespace amlls {

struct ReplayOutcome {
  int exit_code = -1;
  std::vector<std::string> sent;          // message bodies the server wrote, in order
  std::vector<std::string> frame_errors;  // what the frame reader logged
};

// Feeds `stream` in pieces of `chunk` bytes (as reads from a pipe would split it), then closes
// the input and waits for the server to return. Work still running then (analyses) is dropped.
ReplayOutcome replay(std::string_view stream, ServerOptions options = {}, size_t chunk = 4096);

}  // namespace amlls
