#include "analysis_queue.h"

#include <chrono>

namespace amlls {

std::shared_ptr<const amllint::Analysis> analyze_safely(const amllint::Document& doc,
                                                        const amllint::AnalysisOptions& options) {
  try {
    return std::make_shared<const amllint::Analysis>(amllint::analyze(doc, options));
  } catch (...) {
    return std::make_shared<const amllint::Analysis>();
  }
}

AnalysisQueue::AnalysisQueue(unsigned workers, std::function<void(Result)> done)
    : done_(std::move(done)) {
  if (workers == 0) workers = 1;
  for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

AnalysisQueue::~AnalysisQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void AnalysisQueue::submit(std::string uri, int version,
                           std::shared_ptr<const amllint::Document> doc,
                           amllint::AnalysisOptions options) {
  {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = waiting_.try_emplace(std::move(uri));
    Job& job = it->second;
    // A replaced job keeps its place in line: typing in one file must not starve the others.
    if (inserted) job.sequence = next_sequence_++;
    job.version = version;
    job.doc = std::move(doc);
    job.options = std::move(options);
  }
  wake_.notify_one();
}

void AnalysisQueue::forget(const std::string& uri) {
  std::lock_guard lock(mutex_);
  waiting_.erase(uri);
}

void AnalysisQueue::work() {
  while (true) {
    std::string uri;
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      auto oldest = waiting_.begin();
      for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
        if (it->second.sequence < oldest->second.sequence) oldest = it;
      }
      uri = oldest->first;
      job = std::move(oldest->second);
      waiting_.erase(oldest);
    }
    auto start = std::chrono::steady_clock::now();
    Result result;
    result.analysis = analyze_safely(*job.doc, job.options);
    result.millis =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    result.uri = std::move(uri);
    result.version = job.version;
    done_(std::move(result));
  }
}

}  // namespace amlls
