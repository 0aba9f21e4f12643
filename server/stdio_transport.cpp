// The only translation unit that includes Asio (it is slow to compile).
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>  // must precede Asio under C++20 with g++ 12 and Boost 1.74

#include "edit_trace.h"
#include "framing.h"
#include "transport.h"

namespace amlls {
namespace {

namespace asio = boost::asio;

// Shared with the detached reader thread, which can outlive the transport while it sits in a
// blocking read() at exit.
struct Loop {
  asio::io_context io{1};
  std::function<void(Transport::Batch)> on_batch;
  std::function<void()> on_closed;
  // Input posted to the loop and not yet handled: the reader waits while it is too much.
  std::mutex mutex;
  std::condition_variable drained;
  size_t unhandled = 0;
};

// Writes the header and the body with one writev, without copying the body behind the header
// (a publish of a large pipeline's diagnostics is 100 KB).
void write_all(int fd, std::string_view header, std::string_view body) {
  while (!header.empty() || !body.empty()) {
    iovec parts[2] = {{const_cast<char*>(header.data()), header.size()},
                      {const_cast<char*>(body.data()), body.size()}};
    ssize_t n = ::writev(fd, parts, 2);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // the client is gone; exit comes through the closed input
    }
    size_t done = static_cast<size_t>(n);
    size_t from_header = std::min(done, header.size());
    header.remove_prefix(from_header);
    body.remove_prefix(done - from_header);
  }
}

void log_frame_error(const std::string& message) {
  std::fprintf(stderr, "amlls: %s\n", message.c_str());
}

void read_loop(std::shared_ptr<Loop> loop) {
  FrameReader reader;
  std::string chunk(1 << 16, '\0');
  while (true) {
    ssize_t n = ::read(0, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end of input, or an error that will not go away
    edit_trace::mark("read");
    reader.feed(std::string_view(chunk.data(), static_cast<size_t>(n)));
    Transport::Batch batch = take_bodies(reader, log_frame_error);
    if (batch.empty()) continue;
    size_t bytes = 0;
    for (const auto& b : batch) bytes += b.size();
    {
      std::unique_lock lock(loop->mutex);
      loop->drained.wait(lock, [&] { return loop->unhandled <= kMaxUnhandledBytes; });
      loop->unhandled += bytes;
    }
    asio::post(loop->io, [loop, bytes, batch = std::move(batch)]() mutable {
      edit_trace::mark("loop");
      loop->on_batch(std::move(batch));
      {
        std::lock_guard lock(loop->mutex);
        loop->unhandled -= bytes;
      }
      loop->drained.notify_all();
    });
  }
  asio::post(loop->io, [loop] { loop->on_closed(); });
}

class StdioTransport final : public Transport {
 public:
  StdioTransport() : loop_(std::make_shared<Loop>()) {
    // A pipe holds 64 KiB by default, less than one publish of a large pipeline's diagnostics
    // (100 KB): the write would wait for the client to read the first part, and the client for
    // the server to be scheduled again for the rest. Best effort: stdout may be no pipe.
    ::fcntl(1, F_SETPIPE_SZ, 1 << 20);
  }

  void run(std::function<void(Batch)> on_batch, std::function<void()> on_closed) override {
    loop_->on_batch = std::move(on_batch);
    loop_->on_closed = std::move(on_closed);
    auto guard = asio::make_work_guard(loop_->io);
    std::thread(read_loop, loop_).detach();
    loop_->io.run();
  }

  void send(const std::string& body) override {
    write_all(1, frame_header(body.size()), body);
    edit_trace::mark("written");
  }

  void post(std::function<void()> task) override { asio::post(loop_->io, std::move(task)); }

  void post_after(std::chrono::milliseconds delay, std::function<void()> task) override {
    auto timer = std::make_shared<asio::steady_timer>(loop_->io, delay);
    timer->async_wait([timer, task = std::move(task)](const boost::system::error_code& ec) {
      if (!ec) task();
    });
  }

  void stop() override { loop_->io.stop(); }

 private:
  std::shared_ptr<Loop> loop_;
};

}  // namespace

std::unique_ptr<Transport> make_stdio_transport() {
  return std::make_unique<StdioTransport>();
}

}  // namespace amlls
