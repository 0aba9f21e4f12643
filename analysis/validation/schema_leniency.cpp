#include "validation/schema_leniency.h"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace amllint {

using json = nlohmann::json;

bool in_step(const std::string& ptr) {
  if (ptr.rfind("/jobs/", 0) != 0) return false;
  size_t slash = ptr.find('/', 6);
  return slash == std::string::npos || ptr.compare(slash, 10, "/component") == 0;
}

bool drops_unknown(FileKind kind, const JsonView& view, const std::string& ptr) {
  static constexpr std::string_view kLenient[] = {"", "/distribution", "/resources", "/task",
                                                  "/retry_settings"};
  auto lenient_in_component = [&](std::string_view rest) {
    return std::find(std::begin(kLenient), std::end(kLenient), rest) != std::end(kLenient);
  };
  if (ptr.rfind("/jobs/", 0) == 0) {
    size_t slash = ptr.find('/', 6);
    std::string step_ptr = ptr.substr(0, slash);
    std::string_view rest =
        slash == std::string::npos ? std::string_view() : std::string_view(ptr).substr(slash);
    if (rest.empty()) {
      const json* step = nullptr;
      try {
        step = &view.value.at(json::json_pointer(step_ptr));
      } catch (const json::exception&) {
      }
      return step && step->is_object() && step->contains("component");
    }
    if (rest == "/retry_settings") return true;
    if (rest.rfind("/component", 0) == 0) return lenient_in_component(rest.substr(10));
    return false;
  }
  return is_component_kind(kind) && lenient_in_component(ptr);
}

}  // namespace amllint
