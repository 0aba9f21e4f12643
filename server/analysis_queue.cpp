#include "analysis_queue.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "edit_trace.h"
#include "features/diagnostics.h"
#include "fixes/fix_all.h"

namespace amlls {

using Clock = std::chrono::steady_clock;

std::shared_ptr<const amllint::Analysis> analyze_safely(const amllint::Document& doc,
                                                        const amllint::AnalysisOptions& options) {
  try {
    return std::make_shared<const amllint::Analysis>(amllint::analyze(doc, options));
  } catch (const amllint::AnalysisCancelled&) {
    throw;
  } catch (...) {
    return std::make_shared<const amllint::Analysis>();
  }
}

struct AnalysisQueue::State {
  struct Waiting {
    Job job;
    int64_t sequence = 0;  // first-come order across documents; urgent jobs go negative
  };
  struct Running {
    Job job;  // without its document and options: only what a Result names
    Clock::time_point start;
    Clock::time_point deadline;
    std::shared_ptr<std::atomic<bool>> cancel;
    bool abandoned = false;  // the watchdog gave up on it (it counts as stuck)
    std::thread::id worker;
  };

  Options options;
  std::function<void(Result)> done;
  mutable std::mutex mutex;
  std::condition_variable work;     // workers: a job waits, or stop
  std::condition_variable watch;    // watchdog: a job started, or stop
  std::condition_variable changed;  // destructor: a worker or the watchdog exited
  std::map<std::pair<std::string, Kind>, Waiting> waiting;
  std::vector<std::shared_ptr<const void>> garbage;  // AnalysisQueue::release
  int64_t next_sequence = 0;
  int64_t next_urgent = -1;
  std::map<uint64_t, Running> running;  // by ticket
  uint64_t next_ticket = 0;
  unsigned active = 0;  // threads serving the queue (idle or on a job within budget)
  unsigned stuck = 0;   // threads on an abandoned job
  std::map<std::string, unsigned> stuck_by_uri;
  bool stopping = false;
  bool closed = false;  // `done` may not be called any more
  bool watchdog_alive = false;
  // The deadline the watchdog sleeps until (max: it sleeps until woken). A job that starts wakes
  // it only when its deadline comes sooner, which with one budget for all is only when nothing
  // ran: waking it on every start and end of a job cost each edit two context switches (and the
  // worker the lock) on a machine whose cores the analysis and the client share.
  Clock::time_point watchdog_until = Clock::time_point::max();
  // Threads the destructor joins: the pool's and the watchdog. A worker the watchdog gives up on
  // is detached and left behind instead.
  std::map<std::thread::id, std::thread> joinable;

  // Under the lock: the new thread cannot look itself up before it is recorded.
  template <typename F>
  void start(F f, std::shared_ptr<State> self) {
    std::thread t(f, std::move(self));
    std::thread::id id = t.get_id();
    joinable.emplace(id, std::move(t));
  }
  void leave_behind(std::thread::id id) {
    auto it = joinable.find(id);
    if (it == joinable.end()) return;
    it->second.detach();
    joinable.erase(it);
  }

  void deliver(Result r) {
    if (!closed) done(std::move(r));
  }

  // The oldest waiting job that may start: a document with kMaxStuckPerDocument jobs stuck
  // waits for one of them to end, so that a text that always runs away (edited again and
  // again) cannot take every thread.
  std::map<std::pair<std::string, Kind>, Waiting>::iterator pick() {
    auto best = waiting.end();
    for (auto it = waiting.begin(); it != waiting.end(); ++it) {
      if (best != waiting.end() && it->second.sequence >= best->second.sequence) continue;
      auto st = stuck_by_uri.find(it->first.first);
      if (st != stuck_by_uri.end() && st->second >= AnalysisQueue::kMaxStuckPerDocument) continue;
      best = it;
    }
    return best;
  }
};

namespace {

using State = AnalysisQueue::State;
using Result = AnalysisQueue::Result;
using Kind = AnalysisQueue::Kind;

Result run(const AnalysisQueue::Job& job, const std::shared_ptr<std::atomic<bool>>& cancel,
           const AnalysisQueue::Options& options, bool& cancelled) {
  Result r;
  r.kind = job.kind;
  r.uri = job.uri;
  r.revision = job.revision;
  r.analysis_id = job.analysis_id;
  auto start = Clock::now();
  amllint::AnalysisOptions analysis_options = job.options;
  analysis_options.cancel = cancel;
  cancelled = false;
  try {
    if (options.before_job) options.before_job(job, *cancel);
    if (job.kind == Kind::Analyse) {
      r.analysis = analyze_safely(*job.doc, analysis_options);
      edit_trace::mark("analysed", job.revision);
      r.diagnostics_json = std::make_shared<const std::string>(
          diagnostics_json(*job.doc, *r.analysis, job.encoding));
      edit_trace::mark("serialized", job.revision);
    } else {
      amllint::FixOutcome out = amllint::fix_all(job.doc->text(), analysis_options, *job.base);
      r.fixed_text = std::make_shared<const std::string>(std::move(out.text));
    }
  } catch (const amllint::AnalysisCancelled&) {
    cancelled = true;
  } catch (...) {
    // A failing fix-all offers no fix; analyze_safely already contains analysis failures.
    if (job.kind == Kind::FixAll)
      r.fixed_text = std::make_shared<const std::string>(job.doc->text());
  }
  r.millis = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return r;
}

// A worker leaves the pool from a thread_local: its destructor runs after those of every
// thread_local the analysis made on this thread (the validator and its regex cache), so that a
// queue that has been destroyed leaves no thread still freeing memory behind it.
struct LeavePool {
  std::shared_ptr<State> s;
  bool counted = true;  // still counted in `active`
  ~LeavePool() {
    std::lock_guard lock(s->mutex);
    if (counted) --s->active;
    s->changed.notify_all();
  }
};

void work(std::shared_ptr<State> s) {
  thread_local LeavePool leave{s};
  std::unique_lock lock(s->mutex);
  while (true) {
    auto oldest = s->waiting.end();
    s->work.wait(lock, [&] {
      return s->stopping || !s->garbage.empty() || (oldest = s->pick()) != s->waiting.end();
    });
    if (s->stopping) break;
    if (!s->garbage.empty()) {
      std::vector<std::shared_ptr<const void>> garbage = std::move(s->garbage);
      s->garbage.clear();
      lock.unlock();
      edit_trace::mark("free");
      garbage.clear();
      edit_trace::mark("freed");
      lock.lock();
      continue;
    }
    AnalysisQueue::Job job = std::move(oldest->second.job);
    s->waiting.erase(oldest);
    uint64_t ticket = s->next_ticket++;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    State::Running& r = s->running[ticket];
    r.job.kind = job.kind;
    r.job.uri = job.uri;
    r.job.revision = job.revision;
    r.job.analysis_id = job.analysis_id;
    r.start = Clock::now();
    r.deadline = r.start + s->options.budget;
    r.cancel = cancel;
    r.worker = std::this_thread::get_id();
    if (r.deadline < s->watchdog_until) s->watch.notify_all();
    edit_trace::mark("picked", job.revision);

    lock.unlock();
    bool cancelled = false;
    Result result = run(job, cancel, s->options, cancelled);
    std::string uri = std::move(job.uri);
    job = {};  // release the document outside the lock
    edit_trace::mark("ran", result.revision);
    lock.lock();
    edit_trace::mark("relocked", result.revision);

    auto it = s->running.find(ticket);
    bool abandoned = it->second.abandoned;
    s->running.erase(it);
    // A deadline that passes without its job is only a wasted wake-up; at shutdown the watchdog
    // waits for the last running job to end.
    if (s->stopping) s->watch.notify_all();
    const uint64_t delivered = result.revision;
    if (!abandoned) {
      // Handed over outside the lock: the loop takes it too (to queue garbage), and a worker
      // preempted while holding it kept the loop waiting for milliseconds. The destructor
      // cannot end meanwhile: it waits for this thread, which still counts in `active`.
      if (!cancelled && !s->closed) {
        lock.unlock();
        s->done(std::move(result));
        edit_trace::mark("delivered", delivered);
        result = {};  // released outside the lock too
        lock.lock();
      }
      continue;
    }
    // The late result of an abandoned job: this thread no longer counts in `active`, so the
    // destructor does not wait for it; `closed` is read under the lock, and `done` called
    // under it.
    if (!cancelled) s->deliver(std::move(result));
    // Back from an abandoned job: rejoin the pool if it is short of a worker, else leave.
    --s->stuck;
    if (--s->stuck_by_uri[uri] == 0) s->stuck_by_uri.erase(uri);
    s->work.notify_all();  // jobs of this document may start again
    if (s->stopping || s->active >= s->options.workers) {
      leave.counted = false;
      return;
    }
    ++s->active;
  }
}

void watchdog(std::shared_ptr<State> s) {
  std::unique_lock lock(s->mutex);
  bool warned = false;
  while (true) {
    State::Running* first = nullptr;
    for (auto& [ticket, r] : s->running) {
      if (!r.abandoned && (!first || r.deadline < first->deadline)) first = &r;
    }
    if (!first) {
      if (s->stopping) break;
      s->watchdog_until = Clock::time_point::max();
      s->watch.wait(lock);
      continue;
    }
    if (Clock::now() < first->deadline) {
      // A copy: the worker may erase its entry while this waits (wait_until rereads it).
      const Clock::time_point deadline = first->deadline;
      s->watchdog_until = deadline;
      s->watch.wait_until(lock, deadline);
      continue;
    }
    State::Running& r = *first;
    r.abandoned = true;
    r.cancel->store(true);
    s->leave_behind(r.worker);
    --s->active;
    ++s->stuck;
    ++s->stuck_by_uri[r.job.uri];
    Result result;
    result.kind = r.job.kind;
    result.uri = r.job.uri;
    result.revision = r.job.revision;
    result.analysis_id = r.job.analysis_id;
    result.abandoned = true;
    result.millis = std::chrono::duration<double, std::milli>(Clock::now() - r.start).count();
    s->deliver(std::move(result));
    if (s->stopping) {
      s->changed.notify_all();
      continue;
    }
    if (s->stuck <= AnalysisQueue::kMaxStuck) {
      try {
        s->start(work, s);
        ++s->active;
      } catch (const std::system_error&) {
        // No thread to be had: serve with the workers left.
      }
    } else if (!warned) {
      warned = true;
      std::fprintf(stderr,
                   "amlls: %u analyses are stuck past their time budget; no more workers are "
                   "started for them\n",
                   s->stuck);
    }
  }
  s->watchdog_alive = false;
  s->changed.notify_all();
}

}  // namespace

AnalysisQueue::AnalysisQueue(Options options, std::function<void(Result)> done)
    : state_(std::make_shared<State>()) {
  if (options.workers == 0) options.workers = 1;
  state_->options = std::move(options);
  state_->done = std::move(done);
  std::lock_guard lock(state_->mutex);
  for (unsigned i = 0; i < state_->options.workers; ++i) {
    ++state_->active;
    state_->start(work, state_);
  }
  state_->watchdog_alive = true;
  state_->start(watchdog, state_);
}

AnalysisQueue::~AnalysisQueue() {
  std::unique_lock lock(state_->mutex);
  state_->stopping = true;
  state_->closed = true;  // nobody listens any more
  state_->waiting.clear();
  std::vector<std::shared_ptr<const void>> garbage = std::move(state_->garbage);
  state_->garbage.clear();
  // Ask running jobs to stop, and give those that do not listen a short grace before the
  // watchdog leaves them behind: exiting must not wait out a runaway analysis.
  auto grace = Clock::now() + state_->options.shutdown_grace;
  for (auto& [ticket, r] : state_->running) {
    r.cancel->store(true);
    r.deadline = std::min(r.deadline, grace);
  }
  state_->work.notify_all();
  state_->watch.notify_all();
  state_->changed.wait(lock, [&] { return state_->active == 0 && !state_->watchdog_alive; });
  // Joined, not just counted out: a thread is gone only once it has run the destructors of its
  // thread_locals (the validator's regex cache) and glibc has freed what it kept for them.
  std::map<std::thread::id, std::thread> threads = std::move(state_->joinable);
  state_->joinable.clear();
  lock.unlock();
  for (auto& [id, t] : threads) t.join();
}

void AnalysisQueue::submit(Job job, bool urgent) {
  {
    std::lock_guard lock(state_->mutex);
    auto [it, inserted] = state_->waiting.try_emplace({job.uri, job.kind});
    State::Waiting& w = it->second;
    // A replaced job keeps its place in line: typing in one file must not starve the others.
    if (urgent)
      w.sequence = state_->next_urgent--;
    else if (inserted)
      w.sequence = state_->next_sequence++;
    w.job = std::move(job);
  }
  state_->work.notify_one();
}

void AnalysisQueue::hurry(const std::string& uri) {
  std::lock_guard lock(state_->mutex);
  for (Kind k : {Kind::Analyse, Kind::FixAll}) {
    auto it = state_->waiting.find({uri, k});
    if (it != state_->waiting.end() && it->second.sequence >= 0)
      it->second.sequence = state_->next_urgent--;
  }
}

void AnalysisQueue::release(std::shared_ptr<const void> garbage) {
  if (!garbage) return;
  {
    std::lock_guard lock(state_->mutex);
    // With every worker stuck nobody would free it: then it is dropped here, after the lock.
    if (state_->active > 0) state_->garbage.push_back(std::move(garbage));
  }
  state_->work.notify_one();
}

void AnalysisQueue::forget(const std::string& uri) {
  std::lock_guard lock(state_->mutex);
  state_->waiting.erase({uri, Kind::Analyse});
  state_->waiting.erase({uri, Kind::FixAll});
}

AnalysisQueue::Stats AnalysisQueue::stats() const {
  std::lock_guard lock(state_->mutex);
  return {state_->active, state_->stuck, state_->waiting.size()};
}

}  // namespace amlls
