// Splits a byte stream into JSON-RPC message bodies framed by `Content-Length` headers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace amlls {

// Feed it bytes as they arrive; pull complete bodies out. A header block without a usable
// Content-Length is skipped (reported through `take_error`) so one bad frame cannot wedge the
// stream.
class FrameReader {
 public:
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete body, or nothing until more bytes arrive.
  std::optional<std::string> next();
  // A description of the last header block that had to be skipped, once.
  std::optional<std::string> take_error();

 private:
  std::string buffer_;
  size_t consumed_ = 0;  // bytes of buffer_ already handed out; compacted lazily
  std::optional<std::string> error_;
};

std::string frame(std::string_view body);

}  // namespace amlls
