#include "framing.h"

#include <cctype>
#include <charconv>

namespace amlls {
namespace {

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> FrameReader::next() {
  while (true) {
    std::string_view pending(buffer_);
    pending.remove_prefix(consumed_);
    // Headers end at an empty line; accept a bare "\n\n" from sloppy clients too.
    size_t header_end = pending.find("\r\n\r\n");
    size_t separator = 4;
    size_t lf_end = pending.find("\n\n");
    if (lf_end != std::string_view::npos &&
        (header_end == std::string_view::npos || lf_end < header_end)) {
      header_end = lf_end;
      separator = 2;
    }
    if (header_end == std::string_view::npos) {
      if (consumed_ > 0 && consumed_ == buffer_.size()) {
        buffer_.clear();
        consumed_ = 0;
      }
      return std::nullopt;
    }
    std::string_view headers = pending.substr(0, header_end);
    std::optional<size_t> length;
    while (!headers.empty()) {
      size_t eol = headers.find('\n');
      std::string_view line = trim(headers.substr(0, eol));
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 1);
      if (iequals_prefix(line, "content-length:")) {
        std::string_view digits = trim(line.substr(15));
        size_t value = 0;
        auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec == std::errc() && ptr == digits.data() + digits.size()) length = value;
      }
    }
    size_t body_start = header_end + separator;
    if (!length) {
      error_ = "a message header without a valid Content-Length was skipped";
      consumed_ += body_start;
      continue;
    }
    if (pending.size() < body_start + *length) return std::nullopt;
    std::string body(pending.substr(body_start, *length));
    consumed_ += body_start + *length;
    // Compact once the consumed prefix dominates, so a long session does not keep every byte.
    if (consumed_ > 65536 && consumed_ * 2 > buffer_.size()) {
      buffer_.erase(0, consumed_);
      consumed_ = 0;
    }
    return body;
  }
}

std::optional<std::string> FrameReader::take_error() {
  auto e = std::move(error_);
  error_.reset();
  return e;
}

std::string frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace amlls
