#include <algorithm>

#include "reporter.h"
#include "terminal.h"

namespace amllint::cli {
namespace {

// Lines longer than this many code points are shown as a window that starts a little before
// the range: a minified or hostile 1 MB line must not flood the terminal.
constexpr size_t kMaxShown = 160;
constexpr size_t kLeadIn = 40;

}  // namespace

Snippet make_snippet(const Document& doc, TextRange range) {
  const uint32_t line = doc.line_of(std::min(range.begin, doc.size()));
  const std::string_view text = doc.line_text(line);
  const uint32_t line_start = doc.line_start(line);
  const size_t begin = std::min<size_t>(range.begin - line_start, text.size());
  // A range that runs past the line is underlined to the line end.
  const size_t end =
      std::clamp<size_t>(range.end > line_start ? range.end - line_start : 0, begin, text.size());

  // Byte offset of each code point (a malformed byte counts as one); an ASCII line, nearly every
  // line, needs no table: its code points are its bytes.
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::vector<size_t> starts;
  if (!ascii) {
    for (size_t i = 0; i < text.size();) {
      starts.push_back(i);
      i += std::max<size_t>(utf8_sequence(text, i), 1);
    }
  }
  const size_t count = ascii ? text.size() : starts.size();
  auto start_of = [&](size_t index) { return ascii ? index : starts[index]; };
  auto index_of = [&](size_t byte) {
    if (ascii) return std::min(byte, count);
    return static_cast<size_t>(std::lower_bound(starts.begin(), starts.end(), byte) -
                               starts.begin());
  };
  const size_t first = index_of(begin), last = std::max(index_of(end), first + 1);

  size_t from = 0, to = count;
  if (count > kMaxShown) {
    from = first > kLeadIn ? first - kLeadIn : 0;
    to = std::min(count, from + kMaxShown);
  }
  auto byte_at = [&](size_t index) { return index < count ? start_of(index) : text.size(); };

  Snippet s;
  if (from > 0) {
    s.line = "...";
    s.underline = "   ";
  }
  const std::string_view shown = text.substr(byte_at(from), byte_at(to) - byte_at(from));
  if (is_plain_printable(shown))
    s.line += shown;
  else
    s.line += printable(shown);
  if (to < count) s.line += "...";
  for (size_t i = from; i < first && i < to; ++i)
    s.underline += text[start_of(i)] == '\t' ? '\t' : ' ';
  s.underline += '^';
  for (size_t i = first + 1; i < last && i < to; ++i) s.underline += '~';
  return s;
}

}  // namespace amllint::cli
