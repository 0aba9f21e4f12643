#include "replay.h"

#include <thread>

#include "memory_transport.h"

namespace amlls {

ReplayOutcome replay(std::string_view stream, ServerOptions options, size_t chunk) {
  if (chunk == 0) chunk = stream.size() ? stream.size() : 1;
  ReplayOutcome out;
  MemoryTransport transport;
  {
    Server server(transport, std::move(options));
    std::thread loop([&] { out.exit_code = server.run(); });
    for (size_t at = 0; at < stream.size(); at += chunk)
      transport.deliver_bytes(stream.substr(at, chunk));
    transport.close_input();
    loop.join();
  }
  while (auto body = transport.next(std::chrono::milliseconds(0))) out.sent.push_back(*body);
  out.frame_errors = transport.frame_errors();
  return out;
}

}  // namespace amlls
