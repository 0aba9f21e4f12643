#include "model/normal_path.h"

#include <vector>

namespace amllint {

// The standard's steps ([fs.path.generic], "normal form"), for paths without root names:
// separators collapse, `.` goes with the separator after it, `x/..` goes with the separator
// after it, `..` right after the root goes, a final `..` keeps no separator after it, and an
// empty result is `.`.
std::string normal_path(std::string_view p) {
  if (p.empty()) return {};
  // libstdc++ leaves a path of separators alone (`//` stays `//`); so does this.
  if (p.find_first_not_of('/') == std::string_view::npos) return std::string(p);
  const bool absolute = p.front() == '/';
  std::vector<std::string_view> out;
  bool trailing = false;  // the result ends with a separator (an empty last filename)
  size_t at = 0;
  while (at < p.size()) {
    while (at < p.size() && p[at] == '/') ++at;
    if (at == p.size()) break;
    size_t end = p.find('/', at);
    if (end == std::string_view::npos) end = p.size();
    const std::string_view name = p.substr(at, end - at);
    const bool separator_after = end < p.size();
    if (name == ".") {
      trailing = true;  // `a/.` is `a/`
    } else if (name == "..") {
      if (!out.empty() && out.back() != "..") {
        out.pop_back();
        trailing = true;  // `a/b/..` is `a/`
      } else if (absolute && out.empty()) {
        trailing = true;  // `/..` is `/`
      } else {
        out.push_back(name);
        trailing = separator_after;
      }
    } else {
      out.push_back(name);
      trailing = separator_after;
    }
    at = end;
  }
  if (!out.empty() && out.back() == "..") trailing = false;
  std::string result;
  result.reserve(p.size() + 1);
  if (absolute) result += '/';
  for (size_t i = 0; i < out.size(); ++i) {
    if (i) result += '/';
    result.append(out[i]);
  }
  if (trailing && !out.empty()) result += '/';
  if (result.empty()) result = ".";
  return result;
}

std::string normal_joined_path(std::string_view base, std::string_view relative) {
  if (!relative.empty() && relative.front() == '/') return normal_path(relative);
  std::string joined(base.empty() ? std::string_view(".") : base);
  if (joined.back() != '/') joined += '/';
  joined.append(relative);
  return normal_path(joined);
}

}  // namespace amllint
