#include "memory_transport.h"

namespace amlls {

void MemoryTransport::run(std::function<void(Batch)> on_batch, std::function<void()> on_closed) {
  {
    std::lock_guard lock(mutex_);
    on_batch_ = std::move(on_batch);
    on_closed_ = std::move(on_closed);
    running_ = true;
  }
  wake_.notify_all();
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      while (true) {
        if (stopped_) return;
        auto now = std::chrono::steady_clock::now();
        if (!timers_.empty() && timers_.begin()->first <= now) {
          task = std::move(timers_.begin()->second);
          timers_.erase(timers_.begin());
          break;
        }
        if (!tasks_.empty()) {
          task = std::move(tasks_.front());
          tasks_.pop_front();
          break;
        }
        if (timers_.empty())
          wake_.wait(lock);
        else
          wake_.wait_until(lock, timers_.begin()->first);
      }
    }
    task();
  }
}

void MemoryTransport::send(const std::string& body) {
  {
    std::lock_guard lock(mutex_);
    outbox_.push_back(body);
  }
  wake_.notify_all();
}

void MemoryTransport::post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_all();
}

void MemoryTransport::post_after(std::chrono::milliseconds delay, std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    timers_.emplace(std::chrono::steady_clock::now() + delay, std::move(task));
  }
  wake_.notify_all();
}

void MemoryTransport::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  wake_.notify_all();
}

void MemoryTransport::deliver(Batch batch) {
  wait_running();
  post([this, batch = std::move(batch)]() mutable { on_batch_(std::move(batch)); });
}

void MemoryTransport::deliver_bytes(std::string_view bytes) {
  Batch batch;
  {
    std::lock_guard lock(reader_mutex_);
    reader_.feed(bytes);
    batch = take_bodies(reader_, [this](const std::string& e) { frame_errors_.push_back(e); });
  }
  if (!batch.empty()) deliver(std::move(batch));
}

void MemoryTransport::close_input() {
  wait_running();
  post([this] { on_closed_(); });
}

std::optional<std::string> MemoryTransport::next(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!wake_.wait_for(lock, timeout, [&] { return !outbox_.empty(); })) return std::nullopt;
  std::string body = std::move(outbox_.front());
  outbox_.pop_front();
  return body;
}

std::vector<std::string> MemoryTransport::frame_errors() {
  std::lock_guard lock(reader_mutex_);
  return frame_errors_;
}

size_t MemoryTransport::buffered() {
  std::lock_guard lock(reader_mutex_);
  return reader_.buffered();
}

void MemoryTransport::wait_running() {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [&] { return running_; });
}

}  // namespace amlls
