#include "glob.h"

#include <vector>

namespace amllint::cli {
namespace {

std::vector<std::string_view> split_segments(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) slash = s.size();
    // Empty segments ("a//b", a trailing '/') carry no meaning in a path.
    if (slash > start) out.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// One segment against one name. The classic wildcard algorithm: on a mismatch, let the most
// recent `*` swallow one more character; linear enough for names.
bool segment_match(std::string_view pat, std::string_view name) {
  if (!name.empty() && name[0] == '.' && (pat.empty() || pat[0] != '.')) return false;
  size_t p = 0, n = 0;
  size_t star_p = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pat.size() && pat[p] == '*') {
      star_p = p++;
      star_n = n;
    } else if (p < pat.size() && pat[p] == '?') {
      ++p;
      n += utf8_length(static_cast<unsigned char>(name[n]));
    } else if (p < pat.size() && pat[p] == name[n]) {
      ++p;
      ++n;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      star_n += utf8_length(static_cast<unsigned char>(name[star_n]));
      n = star_n;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size() && n == name.size();
}

}  // namespace

bool has_wildcards(std::string_view pattern) {
  return pattern.find_first_of("*?") != std::string_view::npos;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  const auto pat = split_segments(pattern);
  const auto segs = split_segments(path);
  // The same backtracking as segment_match, one level up: `**` plays the role of `*` over
  // segments, and may not cross a hidden directory.
  size_t p = 0, s = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (s < segs.size()) {
    if (p < pat.size() && pat[p] == "**") {
      star_p = p++;
      star_s = s;
    } else if (p < pat.size() && segment_match(pat[p], segs[s])) {
      ++p;
      ++s;
    } else if (star_p != std::string_view::npos && segs[star_s][0] != '.') {
      p = star_p + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == "**") ++p;
  return p == pat.size();
}

GlobParts split_glob(std::string_view pattern) {
  size_t segment_start = 0;
  size_t pos = 0;
  while (pos < pattern.size()) {
    size_t slash = pattern.find('/', pos);
    if (slash == std::string_view::npos) slash = pattern.size();
    if (has_wildcards(pattern.substr(pos, slash - pos))) break;
    segment_start = slash + 1;
    pos = slash + 1;
  }
  if (segment_start > pattern.size()) return {std::string(pattern), ""};
  std::string base(pattern.substr(0, segment_start));
  // Keep "/" for a pattern rooted at the filesystem root; drop the slash elsewhere.
  if (base.size() > 1 && base.back() == '/') base.pop_back();
  return {base, std::string(pattern.substr(segment_start))};
}

}  // namespace amllint::cli
