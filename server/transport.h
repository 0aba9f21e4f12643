// The server's only view of the outside world: message bodies in, message bodies out, and an
// event loop that owns the server's state. Tests implement it in memory; amlls uses stdio.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace amlls {

class Transport {
 public:
  // Bodies that arrived together. Delivering them as one batch lets the server see a
  // `$/cancelRequest` that follows its request in the same read before running the request.
  // An empty body stands for a frame that could not be read (the server answers a parse error).
  using Batch = std::vector<std::string>;

  virtual ~Transport() = default;
  // Runs the event loop on the calling thread until `stop()`. Both callbacks run on it;
  // `on_closed` runs once when the input ends.
  virtual void run(std::function<void(Batch)> on_batch, std::function<void()> on_closed) = 0;
  // Sends one message body; loop thread only.
  virtual void send(const std::string& body) = 0;
  // Queues a task onto the loop; any thread.
  virtual void post(std::function<void()> task) = 0;
  // Queues a task onto the loop once `delay` has passed; loop thread only. Tasks still waiting
  // when the loop stops never run.
  virtual void post_after(std::chrono::milliseconds delay, std::function<void()> task) = 0;
  // Makes `run` return once the current task ends; loop thread only.
  virtual void stop() = 0;
};

// stdin/stdout with Content-Length framing. A blocking reader thread frames input and posts it
// to a Boost.Asio io_context, so fd 0 (shared with the parent) is never made non-blocking. Frame
// errors are logged on stderr. The reader stops reading while more than kMaxUnhandledBytes of
// input wait for the loop, so a client that floods the server cannot grow its memory.
inline constexpr size_t kMaxUnhandledBytes = size_t(128) << 20;
std::unique_ptr<Transport> make_stdio_transport();

}  // namespace amlls
