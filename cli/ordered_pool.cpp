#include "ordered_pool.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace amllint::cli {
namespace {

// The turns of one run_in_order: `free` of them are not held. A worker needs one to start an
// item; an OffCpu section gives its worker's back and waits for one when it ends, ahead of any
// worker that would start a new item (`returning`), so a waiting file is never starved.
struct Turns {
  std::mutex mutex;
  std::condition_variable cv;
  size_t free = 0;
  size_t returning = 0;

  void take_for_new_item() {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return free > 0 && returning == 0; });
    --free;
  }
  void take_back() {
    std::unique_lock lock(mutex);
    ++returning;
    cv.wait(lock, [&] { return free > 0; });
    --returning;
    --free;
  }
  void give() {
    {
      std::lock_guard lock(mutex);
      ++free;
    }
    cv.notify_all();
  }
};

// The turns of the run_in_order this thread works for (null elsewhere).
thread_local Turns* current_turns = nullptr;

}  // namespace

OffCpu::OffCpu() {
  if (!current_turns) return;
  current_turns->give();
  lent_ = true;
}

OffCpu::~OffCpu() {
  if (lent_) current_turns->take_back();
}

void run_in_order(size_t count, unsigned threads, const std::function<void(size_t)>& work,
                  const std::function<void(size_t)>& deliver) {
  if (threads <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) {
      work(i);
      deliver(i);
    }
    return;
  }
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable done_cv;
  std::vector<char> done(count, 0);

  const size_t turns_count = std::min<size_t>(threads, count);
  Turns turns;
  turns.free = turns_count;
  // One spare per turn: while every turn's worker waits in an OffCpu section, the spares keep
  // `threads` items going. They sleep otherwise.
  const size_t workers = std::min<size_t>(2 * turns_count, count);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < workers; ++t) {
    pool.emplace_back([&] {
      current_turns = &turns;
      for (;;) {
        turns.take_for_new_item();
        const size_t i = next++;
        if (i >= count) {
          turns.give();
          break;
        }
        work(i);
        turns.give();
        {
          std::lock_guard lock(mutex);
          done[i] = 1;
        }
        done_cv.notify_one();
      }
      current_turns = nullptr;
    });
  }
  for (size_t i = 0; i < count; ++i) {
    {
      std::unique_lock lock(mutex);
      done_cv.wait(lock, [&] { return done[i] != 0; });
    }
    deliver(i);
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace amllint::cli
