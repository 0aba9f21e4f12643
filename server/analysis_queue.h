// Runs analysis and fix-all off the loop thread, on a pool of workers under a watchdog. Per
// document only the newest submitted job of each kind waits: submitting again replaces it, so
// superseded versions are never analysed.
//
// A job that overruns its budget is abandoned: the caller gets a result marked `abandoned` at
// once, the job is asked to stop (analyze() checks between phases and rules), and a fresh worker
// takes the stuck one's place, so one runaway document cannot starve the others. A thread that
// never comes back is left behind; at most kMaxStuck are, after which the pool shrinks instead of
// growing without bound, and a document with kMaxStuckPerDocument stuck jobs gets no new one
// until one of them ends. Threads share the queue's state, so destroying the queue never waits
// on a stuck one (at most a short grace, Options::shutdown_grace, for running jobs to notice they
// are cancelled).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "analyze.h"
#include "positions.h"

namespace amlls {

// analyze() that never throws (except AnalysisCancelled): a core failure costs the document its
// diagnostics, not the server its life.
std::shared_ptr<const amllint::Analysis> analyze_safely(const amllint::Document& doc,
                                                        const amllint::AnalysisOptions& options);

class AnalysisQueue {
 public:
  enum class Kind { Analyse, FixAll };
  static constexpr unsigned kMaxStuck = 8;
  static constexpr unsigned kMaxStuckPerDocument = 2;

  struct Job {
    Kind kind = Kind::Analyse;
    std::string uri;
    uint64_t revision = 0;     // of the document text the job reads
    uint64_t analysis_id = 0;  // FixAll: the analysis it starts from
    std::shared_ptr<const amllint::Document> doc;
    amllint::AnalysisOptions options;
    std::shared_ptr<const amllint::Analysis> base;  // FixAll: the analysis of `doc`
    // Analyse: the positions of the published diagnostics (the client's negotiated encoding).
    PositionEncoding encoding = PositionEncoding::Utf16;
  };
  struct Result {
    Kind kind = Kind::Analyse;
    std::string uri;
    uint64_t revision = 0;
    uint64_t analysis_id = 0;
    std::shared_ptr<const amllint::Analysis> analysis;  // Analyse, unless abandoned
    // Analyse, unless abandoned: the analysis's diagnostics as an LSP JSON array, serialized on
    // the worker so that the loop thread only sends them.
    std::shared_ptr<const std::string> diagnostics_json;
    std::shared_ptr<const std::string> fixed_text;  // FixAll, unless abandoned
    double millis = 0;
    // The budget ran out and the job was given up; if it still completes, its real result
    // follows later with `abandoned` false.
    bool abandoned = false;
  };
  struct Options {
    unsigned workers = 2;
    std::chrono::milliseconds budget{5000};
    // How long the destructor lets running jobs notice they are cancelled before leaving them
    // behind. Exiting must not wait out a runaway analysis; the fuzz harness, which checks for
    // leaks after every input, waits for them instead.
    std::chrono::milliseconds shutdown_grace{200};
    // Test only: runs on the worker before each job, and may block to play a runaway analysis.
    // `cancel` is set once the job is abandoned.
    std::function<void(const Job&, const std::atomic<bool>& cancel)> before_job;
  };
  struct Stats {
    unsigned workers = 0;  // threads serving the queue
    unsigned stuck = 0;    // threads left behind in an abandoned job
    size_t waiting = 0;
  };

  // `done` runs on a worker or the watchdog thread; it should hand the result to the loop.
  AnalysisQueue(Options options, std::function<void(Result)> done);
  ~AnalysisQueue();
  AnalysisQueue(const AnalysisQueue&) = delete;
  AnalysisQueue& operator=(const AnalysisQueue&) = delete;

  // `urgent` jobs go before everything waiting (a request waits for them).
  void submit(Job job, bool urgent = false);
  // Moves the waiting jobs of `uri` to the front of the line.
  void hurry(const std::string& uri);
  // Drops the waiting jobs of `uri` (the document closed); a running one finishes and is
  // ignored by the caller.
  void forget(const std::string& uri);
  // Drops `garbage` on a worker, outside the loop thread: freeing the analysis of a large
  // document (its tree, model and diagnostics) took the loop as long as publishing it. Null is
  // ignored; it may not be the last reference, then only the reference is dropped.
  void release(std::shared_ptr<const void> garbage);
  Stats stats() const;

  struct State;  // shared with the worker threads, which may outlive the queue

 private:
  std::shared_ptr<State> state_;
};

}  // namespace amlls
