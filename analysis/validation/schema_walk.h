// Reading our schemas the way one value of a file sees them: `$ref` followed, `allOf`
// flattened, the `if`/`then`/`else` branch chosen by the value present. Covers the subset of
// draft-07 that schema/*.json uses (schema/README.md); valijson decides validity, this only
// finds which fragments apply, for the explainer's messages and for editor lookups.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace amllint {

// One schema fragment and the document it lives in (for "#/..." references). Fragments are parts
// of the bundled schemas (schema_documents.h), which live as long as the program: what is worked
// out about one is cached by its address (schema_node_facts.h).
struct Frag {
  const nlohmann::json* s;
  std::string_view doc;
};

// Whether `v` has one of the JSON-schema `type`s (a name or a list of names).
bool types_match(const nlohmann::json& type, const nlohmann::json& v);

// Whether `pattern` (ECMAScript, compiled once per thread) finds a match in `text`; true for a
// pattern that does not compile, so that it can never produce an error.
bool pattern_matches(const std::string& pattern, const std::string& text);

// Resolves `subs` for value `v` into the fragments that apply; `description` receives the
// outermost description.
std::vector<Frag> resolve(const std::vector<Frag>& subs, const nlohmann::json& v,
                          std::string* description);

// The schemas that apply to the value under `key` of an object checked against `frags`.
std::vector<Frag> child_schemas(const std::vector<Frag>& frags, const std::string& key);

// The schemas a key of the user's choosing gets when its name is valid (every
// patternProperties entry).
std::vector<Frag> pattern_schemas(const std::vector<Frag>& frags);

// The schemas of the items of a list checked against `frags`.
std::vector<Frag> item_schemas(const std::vector<Frag>& frags);

// "A command step." -> "a command step"; other descriptions are not nouns (empty).
std::string noun_from(const std::string& description);

}  // namespace amllint
