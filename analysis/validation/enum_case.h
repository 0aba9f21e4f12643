// Enum values the SDK normalises before it compares them (schema keyword `x-case`): "lower" for
// marshmallow StringTransformedEnum's default transform, "snake" for its `camel_to_snake` one
// (identity, sampling, early termination, goal, log_verbosity). Fields without `x-case` compare
// exactly (a job's `type`, component ports, parallel `logging_level`). See schema/README.md.
// Shared by valijson's custom constraint and the explaining walker, so both fold alike.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace amllint {

// `v` folded as `how` says ("lower", "snake"; anything else only lower-cases).
std::string fold_case(std::string_view how, std::string_view v);

// The `x-case` of a schema fragment, or "" (compare exactly).
std::string_view case_of(const nlohmann::json& schema);

// Whether `v` is one of `values`, folded as `how` says ("" compares exactly).
bool in_enum(const nlohmann::json& values, const nlohmann::json& v, std::string_view how);

// Whether `v` is the `const` value `c`, folded as `how` says: in_enum of the one value, without
// building an array of it (the walker asks this of every `if` it meets).
bool is_const(const nlohmann::json& c, const nlohmann::json& v, std::string_view how);

}  // namespace amllint
