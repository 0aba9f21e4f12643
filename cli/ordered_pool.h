// Parallel work whose results are consumed in input order, so output stays stable.
#pragma once

#include <cstddef>
#include <functional>

namespace amllint::cli {

// Runs work(i) for every i < count on `threads` worker threads, and deliver(i) on the calling
// thread in index order, each as soon as items 0..i are done (output streams while later files
// are still being linted). work() must not throw.
//
// At most `threads` items are worked on at a time, except that an item waiting on something
// outside the process (an OffCpu section: a shellcheck run) lends its turn to a spare worker,
// which takes the next item meanwhile; the waiting item gets a turn back before any new item
// starts. So `-j 2` keeps two files being analysed while a third waits for shellcheck.
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
