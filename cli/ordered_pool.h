// Parallel work whose results are consumed in input order, so output stays stable.
#pragma once

#include <cstddef>
#include <functional>

namespace amllint::cli {

// Runs work(i) for every i < count on `threads` threads (the calling thread is one of them), and
// deliver(i) in index order, each as soon as items 0..i are done (output streams while later
// files are still being linted). deliver() runs on one of those threads, the one that found
// item i deliverable, never two at a time; each call happens after the previous one and after
// work(i). work() must not throw. If deliver() (or work()) throws, no new item starts, nothing
// more is delivered, and the first exception is rethrown here once every thread has finished.
//
// At most `threads` items are worked on at a time, except that an item waiting on something
// outside the process (an OffCpu section: a shellcheck run) lends its turn to a spare worker,
// which takes the next item meanwhile; the waiting item gets a turn back before any new item
// starts. So `-j 2` keeps two files being analysed while a third waits for shellcheck. Spare
// workers are started only when a turn is lent: without OffCpu sections at most
// min(threads, count) threads run items, and none of them sleeps or wakes another per item.
void run_in_order(size_t count, unsigned threads, const std::function<void(size_t)>& work,
                  const std::function<void(size_t)>& deliver);

// Marks a wait on another process or device for as long as it lives. On a worker of
// run_in_order it gives the worker's turn away, and takes one back (waiting for it) when it
// ends; anywhere else it does nothing. Not nestable.
class OffCpu {
 public:
  OffCpu();
  ~OffCpu();
  OffCpu(const OffCpu&) = delete;
  OffCpu& operator=(const OffCpu&) = delete;

 private:
  bool lent_ = false;
};

}  // namespace amllint::cli
