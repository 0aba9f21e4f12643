#include "validation/class_pattern.h"

namespace amllint {
namespace {

bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A range's ends must lie in one of these runs, so that it means the same whatever the locale.
bool same_run(char a, char b) {
  auto run = [](char c) {
    return c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= '0' && c <= '9' ? 3 : 0;
  };
  return run(a) != 0 && run(a) == run(b) && a <= b;
}

// Reads `[...]` at `p`, past its `]`, into `set`; false for anything but ranges and plain
// characters.
bool read_set(std::string_view& p, std::bitset<256>& set) {
  if (p.empty() || p[0] != '[') return false;
  p.remove_prefix(1);
  bool any = false;
  while (!p.empty() && p[0] != ']') {
    if (!plain(p[0])) return false;
    if (p.size() >= 3 && p[1] == '-' && p[2] != ']') {
      if (!same_run(p[0], p[2])) return false;
      for (int c = static_cast<unsigned char>(p[0]); c <= static_cast<unsigned char>(p[2]); ++c)
        set.set(static_cast<size_t>(c));
      p.remove_prefix(3);
    } else {
      set.set(static_cast<unsigned char>(p[0]));
      p.remove_prefix(1);
    }
    any = true;
  }
  if (p.empty() || !any) return false;
  p.remove_prefix(1);
  return true;
}

}  // namespace

std::optional<ClassPattern> ClassPattern::parse(std::string_view p) {
  ClassPattern out;
  if (!p.starts_with('^')) return std::nullopt;
  p.remove_prefix(1);
  if (!read_set(p, out.first_) || !read_set(p, out.rest_) || p != "*$") return std::nullopt;
  return out;
}

bool ClassPattern::matches(std::string_view s) const {
  if (s.empty() || !first_.test(static_cast<unsigned char>(s[0]))) return false;
  for (size_t i = 1; i < s.size(); ++i)
    if (!rest_.test(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

}  // namespace amllint
