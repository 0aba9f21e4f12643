#include "ignore_rules.h"

namespace amllint {
namespace {

// Matches a `[...]` class at glob[gi] against c. Returns the offset after the class, or npos
// when the class is unterminated (then '[' is literal).
size_t match_class(std::string_view glob, size_t gi, char c, bool& matched) {
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

bool match_from(std::string_view g, size_t gi, std::string_view p, size_t pi) {
  while (gi < g.size()) {
    char c = g[gi];
    if (c == '*') {
      bool double_star = gi + 1 < g.size() && g[gi + 1] == '*';
      bool at_segment_start = gi == 0 || g[gi - 1] == '/';
      if (double_star && at_segment_start) {
        size_t after = gi + 2;
        if (after == g.size()) return true;  // `x/**`: everything below (and `**` alone)
        if (g[after] == '/') {
          // `**/`: zero or more whole folders
          for (size_t k = pi;;) {
            if (match_from(g, after + 1, p, k)) return true;
            size_t slash = p.find('/', k);
            if (slash == std::string_view::npos) return false;
            k = slash + 1;
          }
        }
      }
      // `*` (or a `**` glued to other text): any run without '/'
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

std::string normalized_base(std::string_view base) {
  std::string b(base);
  while (b.starts_with("./")) b.erase(0, 2);
  if (b == ".") b.clear();
  if (!b.empty() && b.back() != '/') b += '/';
  return b;
}

}  // namespace

bool glob_match(std::string_view glob, std::string_view path) {
  return match_from(glob, 0, path, 0);
}

bool parse_ignore_line(std::string_view line, std::string_view base, IgnorePattern& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Trailing spaces are dropped unless escaped with a backslash.
  while (!line.empty() && line.back() == ' ' &&
         !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
    line.remove_suffix(1);
  }
  if (line.empty() || line.front() == '#') return false;
  IgnorePattern p;
  p.base = normalized_base(base);
  if (line.front() == '!') {
    p.negated = true;
    line.remove_prefix(1);
  } else if (line.starts_with("\\!") || line.starts_with("\\#")) {
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/') {
    p.dir_only = true;
    line.remove_suffix(1);
  }
  if (line.empty()) return false;
  p.anchored = line.find('/') != std::string_view::npos;
  if (line.front() == '/') line.remove_prefix(1);
  if (line.empty()) return false;
  p.glob = std::string(line);
  out = std::move(p);
  return true;
}

void IgnoreRules::add(std::string_view file_text, std::string_view base) {
  size_t start = 0;
  while (start <= file_text.size()) {
    size_t nl = file_text.find('\n', start);
    size_t end = nl == std::string_view::npos ? file_text.size() : nl;
    IgnorePattern p;
    if (parse_ignore_line(file_text.substr(start, end - start), base, p)) {
      patterns_.push_back(std::move(p));
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

bool IgnoreRules::ignored(std::string_view path, bool is_dir) const {
  while (path.starts_with("./")) path.remove_prefix(2);
  bool result = false;
  for (const IgnorePattern& p : patterns_) {
    if (p.negated != result) continue;  // it could not change the outcome
    if (p.dir_only && !is_dir) continue;
    if (!path.starts_with(p.base)) continue;
    std::string_view rel = path.substr(p.base.size());
    if (rel.empty()) continue;
    bool hit;
    if (p.anchored) {
      hit = glob_match(p.glob, rel);
    } else {
      size_t slash = rel.rfind('/');
      hit = glob_match(p.glob, slash == std::string_view::npos ? rel : rel.substr(slash + 1));
    }
    if (hit) result = !p.negated;
  }
  return result;
}

}  // namespace amllint
