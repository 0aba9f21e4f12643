// Shared by the libFuzzer harnesses: checks that stop the run with a message (a finding), and a
// sandboxed project for the analysis to read, so that a fuzzed `code: /` or `component: ../..`
// never walks or reads the real disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "analyze.h"
#include "environment.h"

// The harness entry points (libFuzzer's, or replay_main.cpp's when built without clang).
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace amllint::fuzz {

// Prints what failed and aborts, which libFuzzer reports as a crash with the input saved.
[[noreturn]] void fail(const char* file, int line, const char* condition,
                       const std::string& detail);

#define FUZZ_CHECK(condition, detail)                                                \
  do {                                                                               \
    if (!(condition)) ::amllint::fuzz::fail(__FILE__, __LINE__, #condition, detail); \
  } while (0)

// A small project in a fresh temporary folder: `job.yml` (the fuzzed document's path), a
// `component.yml`, and a `src/` code folder with an `.amlignore`, a script and data files.
struct Sandbox {
  std::string root;                  // absolute, without a trailing '/'
  std::string job_path;              // root + "/job.yml"
  std::shared_ptr<Environment> env;  // the disk, but only inside `root`
};
const Sandbox& sandbox();

// Options that analyse a document as `job.yml` of the sandbox, without any `.amllint.yaml`.
AnalysisOptions sandbox_options();

// `r` is a range inside a text of `size` bytes, begin before end.
void check_range(TextRange r, size_t size, const std::string& what);

// Every diagnostic (and every edit of its fixes) lies inside the text and says something.
void check_diagnostics(const Document& doc, const Analysis& analysis);

// A cheap deterministic stream of numbers from the input, to pick positions reproducibly.
class Picker {
 public:
  explicit Picker(std::string_view seed_text);
  uint64_t next();
  uint32_t below(uint32_t bound) { return bound == 0 ? 0 : static_cast<uint32_t>(next() % bound); }

 private:
  uint64_t state_;
};

}  // namespace amllint::fuzz
