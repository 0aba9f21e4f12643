// Splits a byte stream into JSON-RPC message bodies framed by `Content-Length` headers.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amlls {

// Feed it bytes as they arrive; pull complete bodies out.
//
// Hostile or broken input costs only the frame it is in: after any bad frame (no usable
// Content-Length, a negative, non-numeric or overflowing one, a header line that is not a
// header, a header block over kMaxHeaderBytes, a body over kMaxBodyBytes, a length too small or
// too large for its body) the reader resynchronises at the next `Content-Length` it sees. A
// JSON body cannot hold a raw `Content-Length: N` line (JSON strings escape line breaks), so a
// header found inside a declared body proves the length wrong. Bytes that belong to no frame are
// dropped as they arrive: the buffer never holds more than one body of at most kMaxBodyBytes
// plus one header block. Each problem is described once through `take_error`.
class FrameReader {
 public:
  static constexpr size_t kMaxHeaderBytes = 8 * 1024;
  static constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;  // 64 MiB: more than any YAML spec

  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete body, or nothing until more bytes arrive.
  std::optional<std::string> next();
  // The oldest problem not yet taken, as a sentence for the log.
  std::optional<std::string> take_error();
  // Bytes held, for callers that bound their memory.
  size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  void skip(size_t n);
  void report(std::string message);

  std::string buffer_;
  size_t consumed_ = 0;      // bytes of buffer_ already handed out or skipped; compacted lazily
  size_t body_scanned_ = 0;  // bytes of the pending body searched for a header so far
  bool skipping_ = false;    // inside bytes that belong to no frame (reported once)
  std::deque<std::string> errors_;
};

// Every complete body `reader` holds, in order, with an empty body for each frame that had to
// be skipped (the server answers a parse error for it); each problem goes to `log`.
std::vector<std::string> take_bodies(FrameReader& reader,
                                     const std::function<void(const std::string&)>& log);

// The header that goes before a body of `body_size` bytes, and both together.
std::string frame_header(size_t body_size);
std::string frame(std::string_view body);

}  // namespace amlls
