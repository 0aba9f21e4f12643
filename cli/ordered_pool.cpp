#include "ordered_pool.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace amllint::cli {

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

  std::vector<std::thread> pool;
  const size_t workers = std::min<size_t>(threads, count);
  for (size_t t = 0; t < workers; ++t) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < count; i = next++) {
        work(i);
        {
          std::lock_guard lock(mutex);
          done[i] = 1;
        }
        done_cv.notify_one();
      }
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
