// Parallel work whose results are consumed in input order, so output stays stable.
#pragma once

#include <cstddef>
#include <functional>

namespace amllint::cli {

// Runs work(i) for every i < count on `threads` worker threads, and deliver(i) on the calling
// thread in index order, each as soon as items 0..i are done (output streams while later files
// are still being linted). work() must not throw.
void run_in_order(size_t count, unsigned threads, const std::function<void(size_t)>& work,
                  const std::function<void(size_t)>& deliver);

}  // namespace amllint::cli
