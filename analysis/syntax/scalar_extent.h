// Where a YAML scalar ends in the source. yaml-cpp marks only the start of a token, so the end
// is found by rescanning from that start.
#pragma once

#include <cstdint>
#include <string_view>

namespace amllint::yaml {

enum class ScalarStyle : uint8_t;

// `begin` is the offset of the scalar's first character (the quote, `|`/`>`, or the first
// character of a plain scalar); `value` is the decoded text yaml-cpp produced; `parent_indent`
// the column of the key or `-` that owns it (block scalars must be indented deeper). `flow` is
// true inside [] or {}, where `,`, `]` and `}` end a plain scalar.
uint32_t scalar_end(std::string_view src, uint32_t begin, ScalarStyle style, std::string_view value,
                    int parent_indent, bool flow);

}  // namespace amllint::yaml
