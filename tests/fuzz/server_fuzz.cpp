// The frame reader plus the whole server in-process. The input is the byte stream a client
// sends; a well-formed `shutdown` request is framed after it. The reader must find that last
// frame whatever came before (it resynchronises at the next header after any bad frame), every
// message the server writes must be JSON, and the server must answer that `shutdown` and stop
// on the `exit` that follows.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "framing.h"
#include "fuzz_support.h"
#include "memory_transport.h"
#include "server.h"

using namespace amlls;
using json = nlohmann::json;

namespace {

constexpr const char* kShutdown = R"({"jsonrpc":"2.0","id":"fuzz-final","method":"shutdown"})";
constexpr const char* kExit = R"({"jsonrpc":"2.0","method":"exit"})";

// The bodies of `input` as the stdio transport would batch them: one batch per read, an empty
// body for each frame that had to be skipped.
std::vector<Transport::Batch> read_frames(std::string_view input) {
  FrameReader reader;
  std::vector<Transport::Batch> batches;
  const size_t cuts[] = {input.size() / 3, input.size() * 2 / 3, input.size()};
  size_t from = 0;
  for (size_t cut : cuts) {
    reader.feed(input.substr(from, cut - from));
    from = cut;
    Transport::Batch batch;
    while (true) {
      auto body = reader.next();
      while (reader.take_error()) batch.emplace_back();
      if (!body) break;
      FUZZ_CHECK(body->size() <= input.size(), "a body larger than the input");
      batch.push_back(std::move(*body));
    }
    if (!batch.empty()) batches.push_back(std::move(batch));
  }
  return batches;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Relative paths in fuzzed URIs resolve inside the sandbox, not in the build folder.
  std::filesystem::current_path(amllint::fuzz::sandbox().root);
  // No shellcheck process per analysed command: an input must replay the same way anywhere.
  setenv("AMLLINT_SHELLCHECK", "off", 0);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string stream(reinterpret_cast<const char*>(data), size);
  stream += "\r\n" + frame(kShutdown);
  std::vector<Transport::Batch> batches = read_frames(stream);
  FUZZ_CHECK(!batches.empty() && !batches.back().empty() && batches.back().back() == kShutdown,
             "the frame after the fuzzed bytes was lost");

  MemoryTransport transport;
  ServerOptions options;
  options.workers = 1;
  // No thread may outlive the input: LeakSanitizer, run after each one, would report what a
  // left-behind analysis still holds. The budgets stay below libFuzzer's 30 s timeout, so a
  // runaway analysis is still found, as a timeout.
  options.analysis_budget = std::chrono::seconds(10);
  options.shutdown_grace = std::chrono::seconds(10);
  Server server(transport, options);
  std::atomic<bool> stopped = false;
  std::thread loop([&] {
    server.run();
    stopped = true;
  });
  for (Transport::Batch& b : batches) transport.deliver(std::move(b));

  bool answered = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!answered && !stopped && std::chrono::steady_clock::now() < deadline) {
    auto body = transport.next(std::chrono::milliseconds(20));
    if (!body) continue;
    json m = json::parse(*body, nullptr, false);
    FUZZ_CHECK(!m.is_discarded() && m.is_object(),
               "the server wrote a message that is not JSON:\n" + *body);
    answered = m.contains("id") && m["id"] == "fuzz-final";
  }
  // An `exit` in the input stops the server before it reads our shutdown.
  FUZZ_CHECK(answered || stopped, "no answer to shutdown within 20 s");
  if (!stopped) transport.deliver({kExit});
  loop.join();
  while (auto body = transport.next(std::chrono::milliseconds(0))) {
    json m = json::parse(*body, nullptr, false);
    FUZZ_CHECK(!m.is_discarded() && m.is_object(),
               "the server wrote a message that is not JSON:\n" + *body);
  }
  return 0;
}
