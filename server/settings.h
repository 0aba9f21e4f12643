// Editor settings (`initializationOptions`, `workspace/didChangeConfiguration`) as the core's
// Config. Shape: {"rules": {"<code>": "off" | "error" | "warning" | "info"}}, optionally nested
// under "amllint". Without rules the workspace's `.amllint.yaml` files apply, as in the CLI.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>

#include "config/config.h"

namespace amlls {

// Null when the settings carry no rules.
std::shared_ptr<const amllint::Config> config_from_settings(const nlohmann::json& settings);

}  // namespace amlls
