// A Transport in memory, for tests and fuzzing: the client side hands over message bodies (or a
// raw byte stream, framed exactly like stdin) and reads what the server sends, while the server
// runs its loop on a thread of its own.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "framing.h"
#include "transport.h"

namespace amlls {

class MemoryTransport final : public Transport {
 public:
  void run(std::function<void(Batch)> on_batch, std::function<void()> on_closed) override;
  void send(const std::string& body) override;
  void post(std::function<void()> task) override;
  void post_after(std::chrono::milliseconds delay, std::function<void()> task) override;
  void stop() override;

  // Client side, any thread. `deliver` hands over bodies that arrived together; `deliver_bytes`
  // frames a raw stream as the stdio transport does (problems go to frame_errors()).
  void deliver(Batch batch);
  void deliver_bytes(std::string_view bytes);
  void close_input();
  // The next message the server sent, waiting up to `timeout`.
  std::optional<std::string> next(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::vector<std::string> frame_errors();
  // Bytes the client side holds in its frame reader (for memory bounds).
  size_t buffered();

 private:
  void wait_running();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> timers_;
  std::deque<std::string> outbox_;
  std::function<void(Batch)> on_batch_;
  std::function<void()> on_closed_;
  bool running_ = false;
  bool stopped_ = false;

  std::mutex reader_mutex_;
  FrameReader reader_;
  std::vector<std::string> frame_errors_;
};

namespace test {
using amlls::MemoryTransport;
}

}  // namespace amlls
