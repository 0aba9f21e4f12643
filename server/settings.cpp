#include "settings.h"

#include <nlohmann/json.hpp>

namespace amlls {

std::shared_ptr<const amllint::Config> config_from_settings(const nlohmann::json& settings) {
  const nlohmann::json* s = &settings;
  if (s->is_object() && s->contains("amllint")) s = &(*s)["amllint"];
  if (!s->is_object() || !s->contains("rules") || !(*s)["rules"].is_object()) return nullptr;
  auto config = std::make_shared<amllint::Config>();
  config->path = "<editor settings>";
  for (const auto& [code, level] : (*s)["rules"].items()) {
    if (!level.is_string()) continue;
    const std::string& l = level.get_ref<const std::string&>();
    if (l == "off")
      config->rules[code] = std::nullopt;
    else if (l == "error")
      config->rules[code] = amllint::Severity::Error;
    else if (l == "warning")
      config->rules[code] = amllint::Severity::Warning;
    else if (l == "info")
      config->rules[code] = amllint::Severity::Info;
  }
  return config;
}

}  // namespace amlls
