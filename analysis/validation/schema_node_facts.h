// What the walker and the explainer read from one schema fragment, worked out once per fragment
// (and thread) instead of once per value checked against it: the `$ref` target, the property set,
// the compiled patterns, the candidates a suggestion picks from, the noun of its description. The
// bundled schemas are parsed once and never freed, so a fragment's address is its identity.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "validation/class_pattern.h"
#include "validation/schema_walk.h"

namespace amllint {

// A compiled ECMAScript pattern; null when it does not compile (then it matches everything, so that
// it can never produce an error).
struct Pattern {
  std::string text;
  const std::regex* regex = nullptr;
  std::optional<ClassPattern> simple;  // the pattern matched by table, when it has that shape
  bool matches(const std::string& s) const;
};

struct NodeFacts {
  // `$ref` followed; nullopt when there is none or it leads nowhere.
  std::optional<Frag> ref;
  bool has_ref = false;
  // `properties` (null when absent) and its keys, in order: the candidates for a misspelt key.
  const nlohmann::json* properties = nullptr;
  std::vector<std::string> property_names;
  // `patternProperties`, each compiled with its schema.
  std::vector<std::pair<Pattern, const nlohmann::json*>> patterns;
  // `additionalProperties: false`: a key must be a property or match a pattern.
  bool closed = false;
  // `propertyNames.pattern`, when there is one.
  std::optional<Pattern> names_pattern;
  // `enum` and `const` as a message lists them: short texts, duplicates by case removed.
  std::vector<std::string> enum_allowed, const_allowed;
  // noun_from(`description`), or "".
  std::string noun;
  // What an `if` condition reads (null when absent): `type`, `const`, `enum`, `required`, `not`,
  // and `x-case` (case_of).
  const nlohmann::json *type = nullptr, *const_value = nullptr, *enum_values = nullptr,
                       *required = nullptr, *not_schema = nullptr;
  std::string_view x_case;
  // What the walker expands (null when absent): `allOf`, `if`, `then`, `else`, the string
  // `description`, and `additionalProperties` when it is a schema.
  const nlohmann::json *all_of = nullptr, *if_schema = nullptr, *then_schema = nullptr,
                       *else_schema = nullptr, *additional = nullptr;
  const std::string* description = nullptr;

  // Whether `key` may appear in a mapping checked against this fragment alone.
  bool key_allowed(const std::string& key) const;
};

// The facts of fragment `f` (an object; other fragments have none).
const NodeFacts& node_facts(const Frag& f);

// `pattern` compiled once per thread; null when it does not compile.
const std::regex* compiled_pattern(const std::string& pattern);

}  // namespace amllint
