// run_in_order: results in order, at most `threads` items worked on at once, and an item waiting
// in an OffCpu section (a shellcheck run) lends its turn to the next item.
#include "ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace amllint::cli {
namespace {

TEST(OrderedPool, DeliversInOrderWithAtMostThreadsWorking) {
  std::atomic<int> working{0}, most{0};
  std::vector<size_t> delivered;
  run_in_order(
      200, 2,
      [&](size_t i) {
        const int now = ++working;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        if (i % 7 == 0) {
          // Waiting outside the process does not count as working.
          --working;
          {
            OffCpu waiting;
            std::this_thread::sleep_for(std::chrono::microseconds(200));
          }
          ++working;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        --working;
      },
      [&](size_t i) { delivered.push_back(i); });
  ASSERT_EQ(delivered.size(), 200u);
  for (size_t i = 0; i < delivered.size(); ++i) EXPECT_EQ(delivered[i], i);
  EXPECT_LE(most.load(), 2);
}

// Items 0 and 1 (two threads) each wait in an OffCpu section until item 2 has been worked on:
// without lending their turns, nothing would run item 2 and the run would hang.
TEST(OrderedPool, AWaitingItemLendsItsTurn) {
  std::mutex mutex;
  std::condition_variable cv;
  bool third_done = false;
  std::vector<size_t> delivered;
  run_in_order(
      4, 2,
      [&](size_t i) {
        if (i < 2) {
          OffCpu waiting;
          std::unique_lock lock(mutex);
          ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(20), [&] { return third_done; }));
        } else if (i == 2) {
          {
            std::lock_guard lock(mutex);
            third_done = true;
          }
          cv.notify_all();
        }
      },
      [&](size_t i) { delivered.push_back(i); });
  EXPECT_EQ(delivered, (std::vector<size_t>{0, 1, 2, 3}));
}

TEST(OrderedPool, OffCpuOutsideAPoolDoesNothing) {
  OffCpu waiting;  // no pool: must neither block nor crash
  std::vector<size_t> delivered;
  run_in_order(
      3, 1, [](size_t) { OffCpu inline_wait; }, [&](size_t i) { delivered.push_back(i); });
  EXPECT_EQ(delivered, (std::vector<size_t>{0, 1, 2}));
}

}  // namespace
}  // namespace amllint::cli
