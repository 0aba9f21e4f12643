#include "suggest.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace amllint {

namespace {

// Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one typo. Exact
// when the distance is at most `limit`; otherwise some value above `limit`. `la` and `lb` are the
// words lower-cased (compared for substitutions; a swap compares the words as written). Only the
// band of cells within `limit` of the diagonal is computed: a cell further off costs more than
// `limit` (each step off the diagonal costs one), so it stands in as `limit + 1`, and no cell
// within `limit` can come from one (their costs only grow). The rows also stop once two in a
// row exceed it: a cell comes from the row above, or the row two above plus one, so no later
// row can come back under it.
size_t bounded_edit_distance(std::string_view a, std::string_view b, std::string_view la,
                             std::string_view lb, size_t limit) {
  const size_t n = a.size(), m = b.size();
  limit = std::min(limit, n + m);  // the distance is at most n + m: exact within this
  const size_t over_limit = limit + 1;
  if ((n > m ? n - m : m - n) > limit) return over_limit;
  // Three rows; for the short words compared here they live on the stack (it runs for every key
  // checked against a list of names).
  constexpr size_t kStackColumns = 64;
  std::array<size_t, 3 * (kStackColumns + 1)> stack_rows;
  std::vector<size_t> heap_rows;
  size_t* rows = stack_rows.data();
  if (m > kStackColumns) {
    heap_rows.resize(3 * (m + 1));
    rows = heap_rows.data();
  }
  size_t* prev2 = rows;
  size_t* prev = rows + (m + 1);
  size_t* cur = rows + 2 * (m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = std::min(j, over_limit);
  bool prev_over = false;  // the row above exceeds `limit` everywhere
  for (size_t i = 1; i <= n; ++i) {
    // The band of row i: columns lo..hi. The cells just outside it, which the next row reads,
    // stand for "over the limit" (left of the band in column 0: the distance to nothing, i).
    const size_t lo = i > limit ? i - limit : 1;
    const size_t hi = std::min(m, i + limit);
    cur[lo - 1] = lo == 1 ? std::min(i, over_limit) : over_limit;
    if (hi < m) cur[hi + 1] = over_limit;
    size_t row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      size_t cost = la[i - 1] == lb[j - 1] ? 0 : 1;
      size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, prev2[j - 2] + 1);
      cur[j] = std::min(v, over_limit);
      row_min = std::min(row_min, cur[j]);
    }
    const bool over = row_min > limit;
    if (over && prev_over) return over_limit;
    prev_over = over;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  return bounded_edit_distance(a, b, lowered(a), lowered(b), SIZE_MAX);
}

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  // The distance is at least the difference in length, and a candidate further than `limit`
  // (the most `allowed` below can be) is never the answer, nor can it push out one that is.
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  const std::string lower_word = lowered(word);
  std::array<char, 64> stack_lower;
  for (const std::string& c : candidates) {
    if (c == word) continue;
    const size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap > limit) continue;
    // The candidate lower-cased, on the stack when it is short (most are).
    std::string heap_lower;
    std::string_view lower_c;
    if (c.size() <= stack_lower.size()) {
      for (size_t i = 0; i < c.size(); ++i)
        stack_lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(c[i])));
      lower_c = std::string_view(stack_lower.data(), c.size());
    } else {
      heap_lower = lowered(c);
      lower_c = heap_lower;
    }
    size_t d = bounded_edit_distance(word, c, lower_word, lower_c, limit);
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
