#include "ordered_pool.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace amllint::cli {
namespace {

// One run_in_order, everything under `mutex`. The workers deliver themselves: whoever finishes
// the lowest undelivered item delivers it and every done item after it, so nobody sleeps waiting
// for results and nobody is woken to print them (a thread woken per file costs a context switch
// per file on two cores). A worker keeps its turn from one item to the next unless a waiting
// item wants one back, so the path without OffCpu sections takes one lock per item and wakes
// nobody; spare workers are started, and woken, only when a turn is lent.
struct Pool {
  Pool(size_t count, size_t turns, const std::function<void(size_t)>& work,
       const std::function<void(size_t)>& deliver)
      : count(count),
        max_workers(std::min(2 * turns, count)),
        work(work),
        deliver(deliver),
        done(count, 0),
        free(turns) {
    threads.reserve(max_workers);  // so that starting a worker allocates nothing but the thread
  }

  const size_t count;
  // One spare per turn (the calling thread included): while every turn's worker waits in an
  // OffCpu section, the spares keep `threads` items going.
  const size_t max_workers;
  const std::function<void(size_t)>& work;
  const std::function<void(size_t)>& deliver;

  std::mutex mutex;
  std::condition_variable turn_returned;  // for `returning` items
  std::condition_variable turn_for_new;   // for idle workers
  size_t next = 0;                        // the next item to start
  size_t next_to_deliver = 0;
  bool delivering = false;  // one thread delivers at a time
  std::vector<char> done;
  size_t free;               // turns nobody holds
  size_t returning = 0;      // items back from an OffCpu section waiting for a turn: they go first
  size_t idle = 0;           // workers waiting for a turn to start a new item
  size_t signalled = 0;      // of those, already woken
  std::exception_ptr error;  // the first exception from work or deliver: the run stops
  std::vector<std::thread> threads;  // besides the calling thread

  bool stopping() const { return next >= count || error; }

  void start_worker() {
    try {
      threads.emplace_back([this] { work_loop(); });
    } catch (const std::system_error&) {
      // No thread to be had: the turn stays free, and the workers already running do the work.
    }
  }

  // A turn has become free: to a waiting item first, else to an idle or a new spare worker.
  void hand_off() {
    if (returning > 0) {
      turn_returned.notify_one();
    } else if (stopping()) {
      return;
    } else if (idle > signalled) {
      ++signalled;
      turn_for_new.notify_one();
    } else if (threads.size() + 1 < max_workers) {
      start_worker();
    }
  }

  void stop() {
    if (idle > 0) turn_for_new.notify_all();
  }

  void fail(std::exception_ptr e) {
    if (!error) error = std::move(e);
    stop();
  }

  void work_loop();
  bool take_turn_for_new_item(std::unique_lock<std::mutex>& lock);
  void give_turn();
  void take_turn_back(std::unique_lock<std::mutex>& lock);
  void deliver_what_is_done(std::unique_lock<std::mutex>& lock);
};

// The run_in_order this thread works for (null elsewhere), and whether it holds a turn: a worker
// delivering after it gave its turn to a waiting item has none to lend.
thread_local Pool* current_pool = nullptr;
thread_local bool holds_turn = false;

bool Pool::take_turn_for_new_item(std::unique_lock<std::mutex>& lock) {
  ++idle;
  turn_for_new.wait(lock, [&] { return (free > 0 && returning == 0) || stopping(); });
  --idle;
  if (signalled > 0) --signalled;
  if (stopping()) return false;
  --free;
  holds_turn = true;
  return true;
}

void Pool::give_turn() {
  ++free;
  holds_turn = false;
  hand_off();
}

void Pool::take_turn_back(std::unique_lock<std::mutex>& lock) {
  if (free == 0) {
    ++returning;
    turn_returned.wait(lock, [&] { return free > 0; });
    --returning;
  }
  --free;
  holds_turn = true;
  // Two turns may have come free for one waiting item: pass the other one on.
  if (free > 0) hand_off();
}

void Pool::deliver_what_is_done(std::unique_lock<std::mutex>& lock) {
  if (delivering) return;  // that thread will see this item done when it gets to it
  delivering = true;
  while (!error && next_to_deliver < count && done[next_to_deliver]) {
    const size_t i = next_to_deliver;
    lock.unlock();
    try {
      deliver(i);
    } catch (...) {
      lock.lock();
      fail(std::current_exception());
      break;
    }
    lock.lock();
    ++next_to_deliver;
  }
  delivering = false;
}

void Pool::work_loop() {
  Pool* const outer_pool = current_pool;  // the calling thread's, restored when it is done
  const bool outer_turn = holds_turn;
  current_pool = this;
  holds_turn = false;
  std::unique_lock lock(mutex);
  for (;;) {
    // A waiting item's turn back comes before a new item (it may have come back while this
    // thread was delivering).
    if (holds_turn && returning > 0) give_turn();
    if (!holds_turn && !take_turn_for_new_item(lock)) break;
    if (stopping()) break;
    const size_t i = next++;
    if (next == count) stop();  // idle workers can leave
    lock.unlock();
    try {
      work(i);
    } catch (...) {
      lock.lock();
      fail(std::current_exception());
      break;
    }
    lock.lock();
    done[i] = 1;
    if (returning > 0) give_turn();  // rather than keep the waiting item waiting for deliveries
    deliver_what_is_done(lock);
  }
  if (holds_turn) give_turn();
  lock.unlock();
  current_pool = outer_pool;
  holds_turn = outer_turn;
}

}  // namespace

OffCpu::OffCpu() {
  Pool* const pool = current_pool;
  if (!pool || !holds_turn) return;
  std::lock_guard lock(pool->mutex);
  pool->give_turn();
  lent_ = true;
}

OffCpu::~OffCpu() {
  if (!lent_) return;
  Pool* const pool = current_pool;
  std::unique_lock lock(pool->mutex);
  pool->take_turn_back(lock);
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
  const size_t turns = std::min<size_t>(threads, count);
  Pool pool(count, turns, work, deliver);
  {
    std::lock_guard lock(pool.mutex);
    for (size_t t = 1; t < turns; ++t) pool.start_worker();
  }
  pool.work_loop();  // the calling thread is a worker too
  // Once the calling thread has left, nothing starts more workers (stopping() stays true).
  std::vector<std::thread> threads_to_join;
  {
    std::lock_guard lock(pool.mutex);
    threads_to_join.swap(pool.threads);
  }
  for (std::thread& t : threads_to_join) t.join();
  if (pool.error) std::rethrow_exception(pool.error);
}

}  // namespace amllint::cli
