// closest_name and edit_distance compute only part of the table; these hold them to the whole
// optimal-string-alignment table and the plain rule (closest within a third of the word).
#include "suggest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <vector>

namespace amllint {
namespace {

// Every cell of the table; letters compared without case, a swap of two as written.
size_t full_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  auto low = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = low(a[i - 1]) == low(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

std::string closest_by_full_table(std::string_view word, const std::vector<std::string>& names) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const std::string& c : names) {
    if (c == word) continue;
    size_t d = full_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  size_t allowed = std::max<size_t>(1, std::min(word.size(), best.size()) / 3);
  if (best.empty() || best_distance > allowed) return {};
  return best;
}

std::string random_word(std::mt19937& rng, size_t most) {
  static const std::string letters = "aAbBcdeE_1";
  std::string w;
  for (size_t i = 0, n = rng() % (most + 1); i < n; ++i) w += letters[rng() % letters.size()];
  return w;
}

TEST(Suggest, ClosestNameMatchesTheFullTable) {
  std::mt19937 rng(7);
  for (int k = 0; k < 20000; ++k) {
    // Words of up to 14 letters (and some of 70, past the stack rows), close to each other often.
    const size_t most = k % 50 == 0 ? 70 : 14;
    std::string word = random_word(rng, most);
    std::vector<std::string> names;
    for (size_t i = 0, n = rng() % 8; i < n; ++i) {
      std::string c = word;
      for (size_t e = 0, edits = rng() % 5; e < edits; ++e) {
        const size_t at = c.empty() ? 0 : rng() % c.size();
        switch (rng() % 4) {
          case 0: c.insert(c.begin() + at, "aBc_"[rng() % 4]); break;
          case 1:
            if (!c.empty()) c.erase(c.begin() + at);
            break;
          case 2:
            if (!c.empty()) c[at] = "xYz1"[rng() % 4];
            break;
          default:
            if (at + 1 < c.size()) std::swap(c[at], c[at + 1]);
        }
      }
      names.push_back(rng() % 5 == 0 ? random_word(rng, most) : c);
    }
    ASSERT_EQ(closest_name(word, names), closest_by_full_table(word, names)) << "word " << word;
  }
}

TEST(Suggest, EditDistanceIsExact) {
  std::mt19937 rng(3);
  for (int k = 0; k < 5000; ++k) {
    std::string a = random_word(rng, k % 100 == 0 ? 80 : 12), b = random_word(rng, 12);
    ASSERT_EQ(edit_distance(a, b), full_distance(a, b)) << a << " / " << b;
  }
  EXPECT_EQ(edit_distance("compute", "comptue"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(closest_name("enviroment", {"environment", "code", "command"}), "environment");
  EXPECT_EQ(closest_name("xyz", {"environment", "code"}), "");
}

}  // namespace
}  // namespace amllint
