// The analysis queue's threads, seen from the thread that owns the queue.
#include "analysis_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace amlls;

namespace {

std::atomic<int> g_alive{0};

// Plays the validator an analysis keeps per thread: slow to destroy, as a regex cache may be.
struct SlowThreadState {
  SlowThreadState() { ++g_alive; }
  ~SlowThreadState() {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    --g_alive;
  }
};

}  // namespace

// Leak checkers (LeakSanitizer in the fuzz harnesses) run right after the queue is destroyed: by
// then no worker may still be tearing down what it kept per thread.
TEST(AnalysisQueue, DestroyedQueueLeavesNoWorkerFreeingItsThreadState) {
  std::atomic<bool> done{false};
  {
    AnalysisQueue::Options options;
    options.workers = 1;
    options.before_job = [](const AnalysisQueue::Job&, const std::atomic<bool>&) {
      thread_local SlowThreadState state;
    };
    AnalysisQueue queue(options, [&](AnalysisQueue::Result) { done = true; });
    AnalysisQueue::Job job;
    job.uri = "file:///job.yml";
    job.doc = std::make_shared<const amllint::Document>("a: 1\n");
    queue.submit(std::move(job));
    for (int i = 0; i < 500 && !done; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(done);
    EXPECT_EQ(g_alive, 1);
  }
  EXPECT_EQ(g_alive, 0);
}

namespace {

// Records the thread that destroys it.
struct Freed {
  Freed(std::atomic<std::thread::id>* by, std::atomic<bool>* done) : by(by), done(done) {}
  std::atomic<std::thread::id>* by;
  std::atomic<bool>* done;
  ~Freed() {
    by->store(std::this_thread::get_id());
    done->store(true);
  }
};

}  // namespace

// The loop hands the analyses it replaces to the queue: freeing a large one took the loop as
// long as publishing its diagnostics.
TEST(AnalysisQueue, ReleasedObjectsAreFreedOnAWorker) {
  std::atomic<std::thread::id> by{};
  std::atomic<bool> done{false};
  AnalysisQueue queue({}, [](AnalysisQueue::Result) {});
  auto garbage = std::make_shared<const Freed>(&by, &done);
  queue.release(std::move(garbage));
  queue.release(nullptr);  // ignored
  for (int i = 0; i < 500 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(done);
  EXPECT_NE(by.load(), std::this_thread::get_id());
}

// The loop takes the queue's lock to hand it garbage (and to submit the next edit): a worker
// that handed its result over while holding the lock kept the loop waiting whenever it was
// preempted in between, milliseconds on a busy machine.
TEST(AnalysisQueue, AResultIsHandedOverWithoutTheQueuesLock) {
  std::atomic<bool> delivered{false};
  std::atomic<bool> lock_free_meanwhile{false};
  std::thread prober;
  AnalysisQueue* q = nullptr;
  AnalysisQueue queue({}, [&](AnalysisQueue::Result) {
    auto returned = std::make_shared<std::atomic<bool>>(false);
    // Another thread asks for the lock while this callback runs; joined by the test body, after
    // the callback has returned (so that, held, the lock is released first).
    prober = std::thread([q, returned] {
      q->stats();
      returned->store(true);
    });
    for (int i = 0; i < 200 && !*returned; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    lock_free_meanwhile = returned->load();
    delivered = true;
  });
  q = &queue;
  AnalysisQueue::Job job;
  job.uri = "file:///job.yml";
  job.doc = std::make_shared<const amllint::Document>("a: 1\n");
  queue.submit(std::move(job));
  for (int i = 0; i < 500 && !delivered; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(delivered);
  prober.join();
  EXPECT_TRUE(lock_free_meanwhile);
}
