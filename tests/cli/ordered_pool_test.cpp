// run_in_order: results in order, as soon as they can be, one delivery at a time; at most
// `threads` items worked on at once, and an item waiting in an OffCpu section (a shellcheck run)
// lends its turn to the next item.
#include "ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
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

// Every item is worked on once and delivered once, in order, after its own work, whatever the
// counts: none, one, fewer items than threads, many.
TEST(OrderedPool, WorksAndDeliversEachItemOnceInOrder) {
  for (const auto& [count, threads] : std::vector<std::pair<size_t, unsigned>>{
           {0, 2}, {1, 2}, {1, 1}, {2, 8}, {3, 8}, {5, 1}, {500, 2}, {500, 3}}) {
    SCOPED_TRACE(::testing::Message() << count << " items on " << threads << " threads");
    std::vector<std::atomic<int>> worked(count);
    std::vector<size_t> delivered;
    run_in_order(
        count, threads, [&](size_t i) { ++worked[i]; },
        [&](size_t i) {
          EXPECT_EQ(worked[i].load(), 1) << "item " << i << " delivered before its work";
          delivered.push_back(i);
        });
    ASSERT_EQ(delivered.size(), count);
    for (size_t i = 0; i < count; ++i) {
      EXPECT_EQ(delivered[i], i);
      EXPECT_EQ(worked[i].load(), 1) << "item " << i;
    }
  }
}

// Deliveries never overlap, even though different threads make them: the reporter writes to one
// stdout. Each delivery lingers a little so that an overlap, if any could happen, does.
TEST(OrderedPool, NeverDeliversTwoAtOnce) {
  std::atomic<int> delivering{0};
  std::atomic<int> overlaps{0};
  std::vector<size_t> delivered;
  run_in_order(
      400, 2,
      [&](size_t i) {
        // Uneven work, so that either thread finds itself finishing the lowest undelivered item.
        std::this_thread::sleep_for(std::chrono::microseconds(i % 3 == 0 ? 60 : 10));
      },
      [&](size_t i) {
        if (++delivering != 1) ++overlaps;
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        delivered.push_back(i);
        --delivering;
      });
  EXPECT_EQ(overlaps.load(), 0);
  ASSERT_EQ(delivered.size(), 400u);
  for (size_t i = 0; i < delivered.size(); ++i) ASSERT_EQ(delivered[i], i);
}

// Output streams: item 0 is delivered while item 3 is still being worked on (item 3 waits for
// that delivery; a pool that delivered only at the end, or only after later items, would hang
// here until the timeout). Items 1 and 2 are slow too, to show that delivering 0 does not wait
// for them either.
TEST(OrderedPool, DeliversAnItemBeforeSlowLaterItemsFinish) {
  std::mutex mutex;
  std::condition_variable cv;
  size_t delivered_count = 0;
  std::atomic<bool> timed_out{false};
  run_in_order(
      4, 2,
      [&](size_t i) {
        if (i == 0) return;
        std::unique_lock lock(mutex);
        if (!cv.wait_for(lock, std::chrono::seconds(20), [&] { return delivered_count >= 1; }))
          timed_out = true;
      },
      [&](size_t) {
        {
          std::lock_guard lock(mutex);
          ++delivered_count;
        }
        cv.notify_all();
      });
  EXPECT_FALSE(timed_out.load());
  EXPECT_EQ(delivered_count, 4u);
}

// Without OffCpu sections no spare worker takes part: `threads` threads do all the work (the
// spares exist for shellcheck waits, and waking them for nothing costs context switches).
TEST(OrderedPool, WithoutWaitsOnlyThreadsThreadsWork) {
  std::mutex mutex;
  std::set<std::thread::id> workers;
  run_in_order(
      300, 2,
      [&](size_t) {
        {
          std::lock_guard lock(mutex);
          workers.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(std::chrono::microseconds(30));
      },
      [](size_t) {});
  EXPECT_LE(workers.size(), 2u);
}

// `-j 2` keeps two files being analysed while two others wait: items 0 and 1 wait (OffCpu) until
// items 2 and 3 have been worked on at the same time (each of those waits for the other to start).
// With fewer than two spare workers this would hang until the timeouts.
TEST(OrderedPool, TwoWaitingItemsLetTwoOthersRunTogether) {
  std::mutex mutex;
  std::condition_variable cv;
  int started = 0;  // of items 2 and 3
  bool both_done = false;
  std::atomic<int> timeouts{0};
  std::vector<size_t> delivered;
  run_in_order(
      6, 2,
      [&](size_t i) {
        if (i < 2) {
          OffCpu waiting;  // outlives the lock: it may wait for a turn when it ends
          std::unique_lock lock(mutex);
          if (!cv.wait_for(lock, std::chrono::seconds(20), [&] { return both_done; })) ++timeouts;
        } else if (i < 4) {
          std::unique_lock lock(mutex);
          ++started;
          cv.notify_all();
          if (!cv.wait_for(lock, std::chrono::seconds(20), [&] { return started == 2; }))
            ++timeouts;
          both_done = true;
          cv.notify_all();
        }
      },
      [&](size_t i) { delivered.push_back(i); });
  EXPECT_EQ(timeouts.load(), 0);
  EXPECT_EQ(delivered, (std::vector<size_t>{0, 1, 2, 3, 4, 5}));
}

// An item back from its OffCpu section gets a turn before new items start: items 1 and 2 hold
// both turns for 30 ms while item 0 asks for its turn back; when they end, at most one new item
// starts before item 0 resumes (without the priority both turns would go to items 3 and 4, and
// item 0 would wait for one of them).
TEST(OrderedPool, AnItemBackFromWaitingGoesBeforeNewItems) {
  std::mutex mutex;
  std::condition_variable cv;
  size_t started = 0;  // items other than 0
  size_t started_when_asked = 0, started_when_resumed = 0;
  std::atomic<bool> timed_out{false};
  run_in_order(
      6, 2,
      [&](size_t i) {
        if (i == 0) {
          {
            OffCpu waiting;
            std::unique_lock lock(mutex);
            if (!cv.wait_for(lock, std::chrono::seconds(20), [&] { return started >= 2; }))
              timed_out = true;
            started_when_asked = started;
          }
          std::lock_guard lock(mutex);
          started_when_resumed = started;
          return;
        }
        {
          std::lock_guard lock(mutex);
          ++started;
        }
        cv.notify_all();
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
      },
      [](size_t) {});
  EXPECT_FALSE(timed_out.load());
  EXPECT_EQ(started_when_asked, 2u);
  EXPECT_LE(started_when_resumed - started_when_asked, 1u);
}

// An exception from deliver() reaches the caller (after the threads are joined: no terminate, no
// hang), and nothing after the failed item is delivered, whichever thread was delivering.
TEST(OrderedPool, AThrowingDeliverStopsTheRunAndReachesTheCaller) {
  for (unsigned threads : {1u, 2u, 4u}) {
    for (size_t failing : {size_t{0}, size_t{7}, size_t{99}}) {
      SCOPED_TRACE(::testing::Message() << threads << " threads, deliver " << failing << " throws");
      std::vector<size_t> delivered;
      try {
        run_in_order(
            100, threads,
            [](size_t i) {
              if (i % 5 == 0) {
                OffCpu waiting;
                std::this_thread::sleep_for(std::chrono::microseconds(20));
              }
            },
            [&](size_t i) {
              if (i == failing) throw std::runtime_error("disk full");
              delivered.push_back(i);
            });
        ADD_FAILURE() << "no exception";
      } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "disk full");
      }
      ASSERT_EQ(delivered.size(), failing);
      for (size_t i = 0; i < delivered.size(); ++i) EXPECT_EQ(delivered[i], i);
    }
  }
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
