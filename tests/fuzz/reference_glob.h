// The recursive gitignore-glob matcher that analysis/config/ignore_rules.cpp used before it
// simulated states: exponential in the number of `*`, so only for short inputs, but plainly the
// semantics we keep (`*`, `?`, classes, escapes, `**/`, `/**`). Tests compare the linear matcher
// with it.
#pragma once

#include <cstddef>
#include <string_view>

namespace amllint::reference {

inline size_t match_class(std::string_view glob, size_t gi, char c, bool& matched) {
  size_t j = gi + 1;
  bool negate = j < glob.size() && (glob[j] == '!' || glob[j] == '^');
  if (negate) ++j;
  bool any = false;
  bool first = true;
  while (j < glob.size() && (glob[j] != ']' || first)) {
    first = false;
    char lo = glob[j];
    if (lo == '\\' && j + 1 < glob.size()) lo = glob[++j];
    char hi = lo;
    if (j + 2 < glob.size() && glob[j + 1] == '-' && glob[j + 2] != ']') {
      hi = glob[j + 2];
      if (hi == '\\' && j + 3 < glob.size()) {
        hi = glob[j + 3];
        ++j;
      }
      j += 2;
    }
    if (lo <= c && c <= hi) any = true;
    ++j;
  }
  if (j >= glob.size()) return std::string_view::npos;
  matched = (any != negate) && c != '/';
  return j + 1;
}

inline bool match_from(std::string_view g, size_t gi, std::string_view p, size_t pi) {
  while (gi < g.size()) {
    char c = g[gi];
    if (c == '*') {
      bool double_star = gi + 1 < g.size() && g[gi + 1] == '*';
      bool at_segment_start = gi == 0 || g[gi - 1] == '/';
      if (double_star && at_segment_start) {
        size_t after = gi + 2;
        if (after == g.size()) return true;
        if (g[after] == '/') {
          for (size_t k = pi;;) {
            if (match_from(g, after + 1, p, k)) return true;
            size_t slash = p.find('/', k);
            if (slash == std::string_view::npos) return false;
            k = slash + 1;
          }
        }
      }
      while (gi < g.size() && g[gi] == '*') ++gi;
      for (size_t k = pi;; ++k) {
        if (match_from(g, gi, p, k)) return true;
        if (k >= p.size() || p[k] == '/') return false;
      }
    }
    if (pi >= p.size()) return false;
    if (c == '?') {
      if (p[pi] == '/') return false;
      ++gi;
      ++pi;
    } else if (c == '[') {
      bool matched = false;
      size_t next = match_class(g, gi, p[pi], matched);
      if (next == std::string_view::npos) {
        if (p[pi] != '[') return false;
        ++gi;
        ++pi;
      } else {
        if (!matched) return false;
        gi = next;
        ++pi;
      }
    } else {
      if (c == '\\' && gi + 1 < g.size()) c = g[++gi];
      if (p[pi] != c) return false;
      ++gi;
      ++pi;
    }
  }
  return pi == p.size();
}

inline bool glob_match(std::string_view glob, std::string_view path) {
  return match_from(glob, 0, path, 0);
}

}  // namespace amllint::reference
