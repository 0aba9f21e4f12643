// The only translation unit that includes Asio (it is slow to compile).
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <thread>
#include <utility>  // must precede Asio under C++20 with g++ 12 and Boost 1.74

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
};

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // the client is gone; exit comes through the closed input
    }
    done += static_cast<size_t>(n);
  }
}

void read_loop(std::shared_ptr<Loop> loop) {
  FrameReader reader;
  std::string chunk(1 << 16, '\0');
  while (true) {
    ssize_t n = ::read(0, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    reader.feed(std::string_view(chunk.data(), static_cast<size_t>(n)));
    Transport::Batch batch;
    while (true) {
      auto body = reader.next();
      if (reader.take_error()) batch.emplace_back();
      if (!body) break;
      batch.push_back(std::move(*body));
    }
    if (!batch.empty()) {
      asio::post(loop->io,
                 [loop, batch = std::move(batch)]() mutable { loop->on_batch(std::move(batch)); });
    }
  }
  asio::post(loop->io, [loop] { loop->on_closed(); });
}

class StdioTransport final : public Transport {
 public:
  StdioTransport() : loop_(std::make_shared<Loop>()) {}

  void run(std::function<void(Batch)> on_batch, std::function<void()> on_closed) override {
    loop_->on_batch = std::move(on_batch);
    loop_->on_closed = std::move(on_closed);
    auto guard = asio::make_work_guard(loop_->io);
    std::thread(read_loop, loop_).detach();
    loop_->io.run();
  }

  void send(const std::string& body) override { write_all(1, frame(body)); }

  void post(std::function<void()> task) override { asio::post(loop_->io, std::move(task)); }

  void stop() override { loop_->io.stop(); }

 private:
  std::shared_ptr<Loop> loop_;
};

}  // namespace

std::unique_ptr<Transport> make_stdio_transport() {
  return std::make_unique<StdioTransport>();
}

}  // namespace amlls
