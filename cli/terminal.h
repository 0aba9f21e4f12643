// What may reach a terminal: colour only when wanted, and never raw control characters.
#pragma once

#include <string>
#include <string_view>

namespace amllint::cli {

// Colour on `fd` only when it is a terminal, NO_COLOR is unset or empty (no-color.org), and
// --no-color was not given. fmt 9 would colour pipes too, so this is decided here.
bool use_color(int fd, bool no_color_flag);

// Copies `text` with every control character (other than tab) and every malformed UTF-8 byte
// replaced by U+FFFD, so that a file's content cannot drive the terminal.
std::string printable(std::string_view text);
// Whether printable(text) is `text` itself (printable ASCII and tabs: nearly every path and
// message), so that a caller may write it without the copy.
bool is_plain_printable(std::string_view text);

// Length of the well-formed UTF-8 sequence at `s[i]`, or 0 when the bytes there are malformed.
size_t utf8_sequence(std::string_view s, size_t i);

}  // namespace amllint::cli
