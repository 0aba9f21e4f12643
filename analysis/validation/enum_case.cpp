#include "validation/enum_case.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace amllint {

std::string fold_case(std::string_view how, std::string_view v) {
  std::string out(v);
  if (how == "snake") {
    // azure-ai-ml's camel_to_snake: `UserIdentity` -> `user_identity`, `MAXIMIZE` -> `maximize`.
    static const std::regex word("(.)([A-Z][a-z]+)"), hump("([a-z0-9])([A-Z])");
    out = std::regex_replace(out, word, "$1_$2");
    out = std::regex_replace(out, hump, "$1_$2");
  }
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
  std::string folded = fold_case(how, v.get_ref<const std::string&>());
  for (const auto& a : values)
    if (a.is_string() && fold_case(how, a.get_ref<const std::string&>()) == folded) return true;
  return false;
}

bool is_const(const nlohmann::json& c, const nlohmann::json& v, std::string_view how) {
  if (how.empty() || !v.is_string()) return c == v;
  return c.is_string() && fold_case(how, c.get_ref<const std::string&>()) ==
                              fold_case(how, v.get_ref<const std::string&>());
}

}  // namespace amllint
