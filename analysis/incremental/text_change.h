// The one region where two texts differ, found from their common prefix and suffix: whatever
// edits the client sent, this is what the analysis has to look at again.
#pragma once

#include <cstdint>
#include <string_view>

namespace amllint::incremental {

struct TextChange {
  uint32_t begin = 0;    // same offset in both texts
  uint32_t old_end = 0;  // [begin, old_end) of the old text ...
  uint32_t new_end = 0;  // ... became [begin, new_end) of the new one
  int64_t delta() const { return int64_t{new_end} - int64_t{old_end}; }
};

TextChange text_change(std::string_view old_text, std::string_view new_text);

}  // namespace amllint::incremental
