#include "suggest.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace amllint {

namespace {

// Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one typo. Exact
// when the distance is at most `limit`; otherwise some value above `limit` (the rows stop once
// two in a row exceed it: a cell comes from the row above, or the row two above plus one, so
// no later row can come back under it).
size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit) {
  const size_t n = a.size(), m = b.size();
  // Three rows and the lowered letters; for the short words compared here they live on the
  // stack (it runs for every key checked against a list of names).
  constexpr size_t kStackColumns = 64;
  std::array<size_t, 3 * (kStackColumns + 1)> stack_rows;
  std::array<char, 2 * kStackColumns> stack_lower;
  std::vector<size_t> heap_rows;
  std::vector<char> heap_lower;
  size_t* rows = stack_rows.data();
  char* lower = stack_lower.data();
  if (m > kStackColumns) {
    heap_rows.resize(3 * (m + 1));
    rows = heap_rows.data();
  }
  if (n + m > stack_lower.size()) {
    heap_lower.resize(n + m);
    lower = heap_lower.data();
  }
  char* la = lower;
  char* lb = lower + n;
  for (size_t i = 0; i < n; ++i)
    la[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i])));
  for (size_t j = 0; j < m; ++j)
    lb[j] = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j])));
  size_t* prev2 = rows;
  size_t* prev = rows + (m + 1);
  size_t* cur = rows + 2 * (m + 1);
  for (size_t j = 0; j <= m; ++j) prev2[j] = prev[j] = cur[j] = 0;
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  bool prev_over = false;  // the row above exceeds `limit` everywhere
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = la[i - 1] == lb[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    const bool over = row_min > limit;
    if (over && prev_over) return limit + 1;
    prev_over = over;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  return bounded_edit_distance(a, b, SIZE_MAX);
}

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  // The distance is at least the difference in length, and a candidate further than `limit`
  // (the most `allowed` below can be) is never the answer, nor can it push out one that is.
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  for (const std::string& c : candidates) {
    if (c == word) continue;
    const size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap > limit) continue;
    size_t d = bounded_edit_distance(word, c, limit);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // Up to a third of the word may be wrong, and at least one edit is always allowed.
  size_t allowed = std::max<size_t>(1, std::min(word.size(), best.size()) / 3);
  if (best.empty() || best_distance > allowed) return {};
  return best;
}

}  // namespace amllint
