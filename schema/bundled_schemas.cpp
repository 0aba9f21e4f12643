#include "bundled_schemas.h"

namespace amllint {

std::string_view bundled_schema(std::string_view name) {
  for (const auto& s : bundled_schemas())
    if (s.name == name) return s.text;
  return {};
}

}  // namespace amllint
