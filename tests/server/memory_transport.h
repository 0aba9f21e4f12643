// A Transport in memory: the test posts batches and reads what the server sends, while the
// server runs its loop on a thread of its own.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "transport.h"

namespace amlls::test {

class MemoryTransport final : public Transport {
 public:
  void run(std::function<void(Batch)> on_batch, std::function<void()> on_closed) override {
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
        wake_.wait(lock, [&] { return stopped_ || !tasks_.empty(); });
        if (stopped_) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }
  void send(const std::string& body) override {
    {
      std::lock_guard lock(mutex_);
      outbox_.push_back(body);
    }
    wake_.notify_all();
  }
  void post(std::function<void()> task) override {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    wake_.notify_all();
  }
  void stop() override {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }

  // Test side.
  void deliver(Batch batch) {
    wait_running();
    post([this, batch = std::move(batch)]() mutable { on_batch_(std::move(batch)); });
  }
  void close_input() {
    wait_running();
    post([this] { on_closed_(); });
  }
  std::optional<std::string> next(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    if (!wake_.wait_for(lock, timeout, [&] { return !outbox_.empty(); })) return std::nullopt;
    std::string body = std::move(outbox_.front());
    outbox_.pop_front();
    return body;
  }

 private:
  void wait_running() {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [&] { return running_; });
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  std::deque<std::string> outbox_;
  std::function<void(Batch)> on_batch_;
  std::function<void()> on_closed_;
  bool running_ = false;
  bool stopped_ = false;
};

}  // namespace amlls::test
