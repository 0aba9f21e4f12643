#include "rule_docs.h"

#include <cctype>

#include "rule.h"

namespace amllint::cli {

std::string rule_name(std::string_view code) {
  std::string out;
  bool upper = true;
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string rule_summary(std::string_view code) {
  if (const RuleInfo* info = find_rule(code); info != nullptr && !info->summary.empty()) {
    return std::string(info->summary);
  }
  // A code missing from the catalogue still needs a description in SARIF: its words will do.
  std::string out;
  for (char c : code) out += (c == '-' || c == '_') ? ' ' : c;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out + ".";
}

std::string rule_help_uri(std::string_view code) {
  return std::string(AMLLINT_HOMEPAGE) + "/blob/main/docs/rules/" + std::string(code) + ".md";
}

}  // namespace amllint::cli
