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
  std::stable_sort(ds.begin(), ds.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  ds.erase(std::unique(ds.begin(), ds.end(),
                       [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
           ds.end());
}

}  // namespace amllint
