// Runs analysis off the reader and loop threads. Per document only the newest submitted version
// waits: submitting again replaces it, so superseded versions are never analysed.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analyze.h"

namespace amlls {

// analyze() that never throws: a core failure costs the document its diagnostics, not the
// server its life.
std::shared_ptr<const amllint::Analysis> analyze_safely(const amllint::Document& doc,
                                                        const amllint::AnalysisOptions& options);

class AnalysisQueue {
 public:
  struct Result {
    std::string uri;
    int version = 0;
    std::shared_ptr<const amllint::Analysis> analysis;
    double millis = 0;
  };
  // `done` runs on a worker thread; it should hand the result to the loop.
  AnalysisQueue(unsigned workers, std::function<void(Result)> done);
  ~AnalysisQueue();

  void submit(std::string uri, int version, std::shared_ptr<const amllint::Document> doc,
              amllint::AnalysisOptions options);
  // Drops a waiting job (the document closed); a running one finishes and is ignored by the caller.
  void forget(const std::string& uri);

 private:
  struct Job {
    int version = 0;
    std::shared_ptr<const amllint::Document> doc;
    amllint::AnalysisOptions options;
    uint64_t sequence = 0;  // first-come order across documents
  };
  void work();

  std::function<void(Result)> done_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, Job> waiting_;
  uint64_t next_sequence_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace amlls
