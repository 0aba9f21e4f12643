// normalize() merges the sorted runs it is given (the analysis joins a few sorted lists) instead
// of sorting them again: it must give what a stable sort and unique give, duplicates included
// (the first of equal findings is kept, whatever its severity).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "diagnostic.h"

using namespace amllint;

namespace {

std::vector<Diagnostic> reference(std::vector<Diagnostic> ds) {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.range.begin, d.range.end, d.code, d.message);
  };
  std::stable_sort(ds.begin(), ds.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  ds.erase(std::unique(ds.begin(), ds.end(),
                       [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
           ds.end());
  return ds;
}

std::string text(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds)
    out += std::to_string(d.range.begin) + "-" + std::to_string(d.range.end) + " " +
           severity_name(d.severity) + " " + d.code + " " + d.message + "\n";
  return out;
}

}  // namespace

TEST(Normalize, MergesSortedRunsAsAStableSortWould) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<Diagnostic> ds;
    const int runs = 1 + static_cast<int>(rng() % 12);  // past 8 runs it sorts instead
    for (int r = 0; r < runs; ++r) {
      std::vector<Diagnostic> run;
      const int n = static_cast<int>(rng() % 10);
      for (int i = 0; i < n; ++i) {
        uint32_t b = rng() % 20;
        run.push_back({{b, b + static_cast<uint32_t>(rng() % 3)},
                       static_cast<Severity>(1 + rng() % 3),
                       std::string(1, "abc"[rng() % 3]),
                       std::string(1, "xy"[rng() % 2]),
                       {}});
      }
      if (rng() % 4) run = reference(run);  // most runs come sorted, some do not
      ds.insert(ds.end(), run.begin(), run.end());
    }
    std::vector<Diagnostic> want = reference(ds);
    normalize(ds);
    ASSERT_EQ(text(ds), text(want)) << "trial " << trial;
  }
}
