#include "diagnostic.h"

#include <algorithm>
#include <tuple>

namespace amllint {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "error";
}

const char* applicability_name(Applicability a) {
  return a == Applicability::Safe ? "safe" : "unsafe";
}

void normalize(std::vector<Diagnostic>& ds) {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.range.begin, d.range.end, d.code, d.message);
  };
  auto less = [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); };
  // The analysis joins a few lists that are each sorted already (the schema's, the step-local
  // rules'): merging those runs costs a pass per run instead of a full sort.
  std::vector<size_t> runs{0};
  for (size_t i = 1; i < ds.size() && runs.size() <= 8; ++i)
    if (less(ds[i], ds[i - 1])) runs.push_back(i);
  if (runs.size() > 8) {
    std::stable_sort(ds.begin(), ds.end(), less);
  } else {
    for (size_t r = 1; r < runs.size(); ++r)
      std::inplace_merge(ds.begin(), ds.begin() + runs[r],
                         r + 1 < runs.size() ? ds.begin() + runs[r + 1] : ds.end(), less);
  }
  ds.erase(std::unique(ds.begin(), ds.end(),
                       [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
           ds.end());
}

}  // namespace amllint
