#include "config/ignore_rules.h"

#include <algorithm>

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

// A glob compiled to a sequence of steps, matched by simulating all its states at once: time
// is O(glob x path) whatever the pattern (a recursive matcher takes exponential time on
// `*a*a*a*a*a*a*b` against a long name).
struct Step {
  enum Kind {
    Char,        // one literal character
    Any,         // `?`: one character but '/'
    Class,       // `[...]` starting at g[begin]
    Star,        // `*`: any run without '/'
    Folders,     // `**/` at a segment start: nothing, or anything that ends with '/'
    Everything,  // `**` ending the glob at a segment start: the rest, whatever it is
  } kind;
  char c = 0;
  size_t begin = 0;
};

std::vector<Step> compile(std::string_view g) {
  std::vector<Step> steps;
  for (size_t gi = 0; gi < g.size();) {
    char c = g[gi];
    if (c == '*') {
      bool double_star = gi + 1 < g.size() && g[gi + 1] == '*';
      bool at_segment_start = gi == 0 || g[gi - 1] == '/';
      if (double_star && at_segment_start) {
        size_t after = gi + 2;
        if (after == g.size()) {
          steps.push_back({Step::Everything});  // `x/**`: everything below (and `**` alone)
          break;
        }
        if (g[after] == '/') {
          steps.push_back({Step::Folders});
          gi = after + 1;
          continue;
        }
      }
      // `*` (or a `**` glued to other text): any run without '/'
      while (gi < g.size() && g[gi] == '*') ++gi;
      steps.push_back({Step::Star});
    } else if (c == '?') {
      steps.push_back({Step::Any});
      ++gi;
    } else if (c == '[') {
      bool ignored = false;
      size_t next = match_class(g, gi, 'a', ignored);
      if (next == std::string_view::npos) {
        steps.push_back({Step::Char, '['});  // unterminated: a literal '['
        ++gi;
      } else {
        steps.push_back({Step::Class, 0, gi});
        gi = next;
      }
    } else {
      if (c == '\\' && gi + 1 < g.size()) c = g[++gi];
      steps.push_back({Step::Char, c});
      ++gi;
    }
  }
  return steps;
}

bool match(std::string_view g, std::string_view p) {
  const std::vector<Step> steps = compile(g);
  const size_t n = steps.size();
  // states[i] & kAt: the first i steps can match the path read so far. For a `**/` step,
  // states[i] & kInside: it has read part of a folder path, and only a '/' can end it.
  constexpr char kAt = 1, kInside = 2;
  std::vector<char> states(n + 1, 0), next(n + 1, 0);
  // Adds state i and those reachable from it without reading: skipping a `*` or a `**/`.
  // Returns true when `**` at the end is reached, which matches whatever follows. A state
  // already in the set has its followers there too, so each state is visited once per character.
  auto reach = [&](std::vector<char>& set, size_t i) {
    for (; i <= n; ++i) {
      if (set[i] & kAt) return false;
      set[i] |= kAt;
      if (i == n) return false;
      if (steps[i].kind == Step::Everything) return true;
      if (steps[i].kind != Step::Star && steps[i].kind != Step::Folders) return false;
    }
    return false;
  };
  if (reach(states, 0)) return true;
  for (char ch : p) {
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (size_t i = 0; i < n; ++i) {
      if (!states[i]) continue;
      const Step& s = steps[i];
      bool advance = false;
      switch (s.kind) {
        case Step::Char: advance = ch == s.c; break;
        case Step::Any: advance = ch != '/'; break;
        case Step::Class: match_class(g, s.begin, ch, advance); break;
        case Step::Star:
          if (ch != '/') {
            any = true;
            if (reach(next, i)) return true;
          }
          break;
        case Step::Folders:
          any = true;
          next[i] |= kInside;
          advance = ch == '/';
          break;
        case Step::Everything: return true;
      }
      if (advance) {
        any = true;
        if (reach(next, i + 1)) return true;
      }
    }
    if (!any) return false;
    states.swap(next);
  }
  return (states[n] & kAt) != 0;
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
  return match(glob, path);
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
