#include "validation/enum_case.h"

#include <algorithm>
#include <cctype>

namespace amllint {

namespace {

bool upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool lower(char c) {
  return c >= 'a' && c <= 'z';
}

// azure-ai-ml's camel_to_snake, two regex substitutions done by hand (std::regex cost more than
// the rest of an enum check): `(.)([A-Z][a-z]+)` -> `\1_\2`, then `([a-z0-9])([A-Z])` -> `\1_\2`,
// each over the text left to right without overlaps, as re.sub and std::regex_replace do.
// ECMAScript's `.` is any character but a line break (`\n`, `\r`).
std::string camel_to_snake(std::string_view v) {
  std::string word;
  word.reserve(v.size() + 4);
  for (size_t i = 0; i < v.size();) {
    if (i + 2 < v.size() && v[i] != '\n' && v[i] != '\r' && upper(v[i + 1]) && lower(v[i + 2])) {
      size_t end = i + 3;
      while (end < v.size() && lower(v[end])) ++end;
      word += v[i];
      word += '_';
      word.append(v.substr(i + 1, end - i - 1));
      i = end;
    } else {
      word += v[i++];
    }
  }
  std::string out;
  out.reserve(word.size() + 4);
  for (size_t i = 0; i < word.size();) {
    const char c = word[i];
    if (i + 1 < word.size() && (lower(c) || (c >= '0' && c <= '9')) && upper(word[i + 1])) {
      out += c;
      out += '_';
      out += word[i + 1];
      i += 2;
    } else {
      out += word[i++];
    }
  }
  return out;
}

// fold_case("lower", a) == fold_case("lower", b), without making either: the schemas' `type`
// conditions compare every step's type with each branch's values this way.
bool equal_lowered(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

std::string fold_case(std::string_view how, std::string_view v) {
  std::string out = how == "snake" ? camel_to_snake(v) : std::string(v);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view case_of(const nlohmann::json& s) {
  auto it = s.find("x-case");
  return it != s.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>())
                                          : std::string_view();
}

bool in_enum(const nlohmann::json& values, const nlohmann::json& v, std::string_view how) {
  if (how.empty() || !v.is_string())
    return std::find(values.begin(), values.end(), v) != values.end();
  if (how == "lower") {
    const std::string& s = v.get_ref<const std::string&>();
    for (const auto& a : values)
      if (a.is_string() && equal_lowered(a.get_ref<const std::string&>(), s)) return true;
    return false;
  }
  std::string folded = fold_case(how, v.get_ref<const std::string&>());
  for (const auto& a : values)
    if (a.is_string() && fold_case(how, a.get_ref<const std::string&>()) == folded) return true;
  return false;
}

bool is_const(const nlohmann::json& c, const nlohmann::json& v, std::string_view how) {
  if (how.empty() || !v.is_string()) return c == v;
  if (how == "lower")
    return c.is_string() &&
           equal_lowered(c.get_ref<const std::string&>(), v.get_ref<const std::string&>());
  return c.is_string() && fold_case(how, c.get_ref<const std::string&>()) ==
                              fold_case(how, v.get_ref<const std::string&>());
}

}  // namespace amllint
