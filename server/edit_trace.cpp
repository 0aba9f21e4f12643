#include "edit_trace.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace amlls::edit_trace {
namespace {

const bool kEnabled = [] {
  const char* v = std::getenv("AMLLS_TRACE_EDITS");
  return v && *v && std::strcmp(v, "0") != 0;
}();

// A small number per thread, in order of first use, instead of a pthread id.
unsigned thread_number() {
  static unsigned next = 0;
  thread_local unsigned mine = __atomic_fetch_add(&next, 1, __ATOMIC_RELAXED);
  return mine;
}

}  // namespace

bool enabled() {
  return kEnabled;
}

void mark(const char* step, uint64_t revision) {
  if (!kEnabled) return;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now().time_since_epoch())
                .count();
  // One write per line, so that lines of different threads do not interleave.
  char line[160];
  int n = std::snprintf(line, sizeof line, "amlls-trace %lld t%u %s r%llu\n",
                        static_cast<long long>(us), thread_number(), step,
                        static_cast<unsigned long long>(revision));
  if (n > 0) (void)!::write(2, line, static_cast<size_t>(n) < sizeof line ? n : sizeof line - 1);
}

}  // namespace amlls::edit_trace
