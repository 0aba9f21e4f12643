#include "framing.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace amlls {
namespace {

constexpr std::string_view kName = "content-length";

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// First case-insensitive occurrence of "content-length" in s at or after `from`.
size_t find_name(std::string_view s, size_t from = 0) {
  for (size_t i = from; i + kName.size() <= s.size(); ++i) {
    if (lower(s[i]) != kName[0]) continue;
    size_t k = 1;
    while (k < kName.size() && lower(s[i + k]) == kName[k]) ++k;
    if (k == kName.size()) return i;
  }
  return std::string_view::npos;
}

bool blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && (blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A header line as RFC 7230 has them: a token, a colon, a value.
bool header_line(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (char c : line.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// Every line of `s` (each ending in '\n') is a header line or blank: harmless headers before a
// Content-Length, such as Content-Type, and stray line breaks between frames are dropped
// without a complaint.
bool only_header_lines(std::string_view s) {
  while (!s.empty()) {
    size_t eol = s.find('\n');
    if (eol == std::string_view::npos) return false;
    std::string_view line = trim(s.substr(0, eol));
    if (!line.empty() && !header_line(line)) return false;
    s.remove_prefix(eol + 1);
  }
  return true;
}

// Lines of a header block (the last one without its line break) all look like headers.
bool all_header_lines(std::string_view block) {
  while (true) {
    size_t eol = block.find('\n');
    if (!header_line(trim(block.substr(0, eol)))) return false;
    if (eol == std::string_view::npos) return true;
    block.remove_prefix(eol + 1);
  }
}

// Where the header block at the start of `s` ends (at its empty line, a bare "\n\n" from sloppy
// clients too), searching no further than a header may be long; `separator` is the length of
// the line breaks that end it.
size_t block_end(std::string_view s, size_t& separator) {
  std::string_view window = s.substr(0, std::min(s.size(), FrameReader::kMaxHeaderBytes + 4));
  size_t crlf = window.find("\r\n\r\n");
  size_t lf = window.find("\n\n");
  if (lf != std::string_view::npos && (crlf == std::string_view::npos || lf < crlf)) {
    separator = 2;
    return lf;
  }
  separator = 4;
  return crlf;
}

// A printable excerpt of untrusted bytes for a log line.
std::string excerpt(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40)) {
    unsigned char u = static_cast<unsigned char>(c);
    out += u >= 0x20 && u < 0x7f ? c : '?';
  }
  if (s.size() > 40) out += "...";
  return out;
}

enum class Length { Ok, Malformed, Huge };

// Parses the value of a whole Content-Length line (which starts with the header name).
Length parse_length(std::string_view line, uint64_t& value, std::string& shown) {
  std::string_view rest = line.substr(kName.size());
  while (!rest.empty() && blank(rest.front())) rest.remove_prefix(1);
  if (rest.empty() || rest.front() != ':') return Length::Malformed;
  std::string_view digits = trim(rest.substr(1));
  shown = excerpt(digits);
  if (digits.empty()) return Length::Malformed;
  for (char c : digits) {
    if (c < '0' || c > '9') return Length::Malformed;
  }
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::result_out_of_range) return Length::Huge;
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return Length::Malformed;
  return value > FrameReader::kMaxBodyBytes ? Length::Huge : Length::Ok;
}

// Where a `Content-Length: <digits>` line starts inside `s`, searching from `from`; `complete`
// is false when a candidate at the end has not fully arrived (search again with more bytes).
size_t find_header(std::string_view s, size_t from, bool& complete) {
  complete = true;
  for (size_t at = find_name(s, from); at != std::string_view::npos; at = find_name(s, at + 1)) {
    size_t i = at + kName.size();
    while (i < s.size() && blank(s[i])) ++i;
    if (i < s.size() && s[i] != ':') continue;
    ++i;
    while (i < s.size() && blank(s[i])) ++i;
    size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    while (i < s.size() && (blank(s[i]) || s[i] == '\r')) ++i;
    if (i >= s.size()) {
      complete = false;
      return at;
    }
    if (i > digits && s[i] == '\n') return at;
  }
  return std::string_view::npos;
}

}  // namespace

void FrameReader::report(std::string message) {
  // A flood of broken frames must not grow memory either.
  if (errors_.size() < 64) errors_.push_back(std::move(message));
}

void FrameReader::skip(size_t n) {
  consumed_ += n;
  body_scanned_ = 0;
  // Compact once the consumed prefix dominates, so a long session does not keep every byte.
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > 65536 && consumed_ * 2 > buffer_.size()) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
}

std::optional<std::string> FrameReader::next() {
  while (true) {
    std::string_view pending(buffer_);
    pending.remove_prefix(consumed_);

    // 1. Find the header. Anything before it belongs to no frame.
    bool header_complete = true;
    size_t start = find_header(pending, 0, header_complete);
    if (start != 0) {
      // A complete header block without a usable Content-Length (none, a negative one, not a
      // number) is a bad frame: say so as soon as its empty line arrives, and drop what follows
      // up to the next header quietly.
      size_t separator = 0;
      size_t end = block_end(pending, separator);
      if (end != std::string_view::npos && end < start && end > 0 &&
          all_header_lines(pending.substr(0, end))) {
        report("skipped a message header without a valid Content-Length: \"" +
               excerpt(pending.substr(0, end)) + "\"");
        skipping_ = true;
        skip(end + separator);
        continue;
      }
    }
    if (start == std::string_view::npos) {
      if (pending.size() <= kMaxHeaderBytes) return std::nullopt;
      if (!skipping_)
        report("skipping bytes that hold no Content-Length header: \"" + excerpt(pending) + "\"");
      skipping_ = true;
      // Keep a tail that may be the start of a header split across reads.
      skip(pending.size() - (kName.size() - 1));
      return std::nullopt;
    }
    if (start > 0) {
      std::string_view before = pending.substr(0, start);
      if (!skipping_ && !only_header_lines(before))
        report("skipped " + std::to_string(start) + " bytes that are not part of a message: \"" +
               excerpt(before) + "\"");
      skip(start);
      continue;
    }

    // 2. The header block, up to an empty line.
    size_t separator = 0;
    size_t header_end = block_end(pending, separator);
    if (header_end == std::string_view::npos || header_end > kMaxHeaderBytes) {
      if (header_end == std::string_view::npos && pending.size() <= kMaxHeaderBytes)
        return std::nullopt;
      report("skipped a message header longer than " + std::to_string(kMaxHeaderBytes) + " bytes");
      skipping_ = true;
      skip(kName.size());  // resynchronise at the next Content-Length
      continue;
    }
    std::string_view headers = pending.substr(0, header_end);
    size_t eol = headers.find('\n');
    std::string_view first = trim(headers.substr(0, eol));
    uint64_t length = 0;
    std::string shown;
    Length parsed = parse_length(first, length, shown);
    bool others_ok = true;
    for (std::string_view rest = eol == std::string_view::npos ? "" : headers.substr(eol + 1);
         !rest.empty();) {
      size_t e = rest.find('\n');
      std::string_view line = trim(rest.substr(0, e));
      // A second Content-Length would leave the length to a guess.
      if (!header_line(line) || find_name(line) == 0) others_ok = false;
      rest = e == std::string_view::npos ? "" : rest.substr(e + 1);
    }
    if (parsed == Length::Malformed || !others_ok) {
      report(parsed == Length::Malformed
                 ? "skipped a message whose Content-Length is not a number: \"" + shown + "\""
                 : "skipped a message whose header block is malformed: \"" + excerpt(headers) +
                       "\"");
      skipping_ = true;
      skip(kName.size());
      continue;
    }
    size_t body_start = header_end + separator;
    if (parsed == Length::Huge) {
      report("skipped a message of Content-Length " + shown + ": bodies are limited to " +
             std::to_string(kMaxBodyBytes >> 20) + " MiB");
      skipping_ = true;
      skip(body_start);  // its body is dropped as it arrives, up to the next header
      continue;
    }

    // 3. The body. A header inside it means the declared length was too large.
    size_t available = std::min<size_t>(pending.size() - body_start, length);
    std::string_view body = pending.substr(body_start, available);
    // A header that starts inside the body may end past it (a length a few bytes too large
    // cuts the next header line in two): look a header line's length beyond the body.
    constexpr size_t kLookahead = kName.size() + 64;
    size_t scan = std::min<size_t>(pending.size() - body_start, length + kLookahead);
    bool scan_cut = scan < pending.size() - body_start;
    bool complete = true;
    size_t from = body_scanned_ > kName.size() + 32 ? body_scanned_ - kName.size() - 32 : 0;
    size_t inner = find_header(pending.substr(body_start, scan), from, complete);
    if (inner != std::string_view::npos &&
        (inner >= available || (!complete && scan_cut)))  // the next frame; or no header line
      inner = std::string_view::npos;
    if (inner != std::string_view::npos && complete) {
      report("skipped a message whose Content-Length " + shown + " is larger than its body (" +
             std::to_string(inner) + " bytes before the next header)");
      skip(body_start + inner);
      continue;
    }
    body_scanned_ = inner != std::string_view::npos ? inner : available;
    // Wait for the rest of the body, or of a header line that starts inside it.
    if (available < length || inner != std::string_view::npos) return std::nullopt;
    std::string out(body);
    skipping_ = false;
    skip(body_start + length);
    return out;
  }
}

std::optional<std::string> FrameReader::take_error() {
  if (errors_.empty()) return std::nullopt;
  std::string e = std::move(errors_.front());
  errors_.pop_front();
  return e;
}

std::vector<std::string> take_bodies(FrameReader& reader,
                                     const std::function<void(const std::string&)>& log) {
  std::vector<std::string> out;
  while (true) {
    auto body = reader.next();
    while (auto e = reader.take_error()) {
      if (log) log(*e);
      out.emplace_back();
    }
    if (!body) break;
    out.push_back(std::move(*body));
  }
  return out;
}

std::string frame_header(size_t body_size) {
  return "Content-Length: " + std::to_string(body_size) + "\r\n\r\n";
}

std::string frame(std::string_view body) {
  std::string out = frame_header(body.size());
  out.append(body);
  return out;
}

}  // namespace amlls
