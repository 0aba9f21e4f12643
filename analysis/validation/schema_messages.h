// The words of schema findings: how a kind, a type and a value are named, where a finding goes in
// the file, and the schema keywords of ours that shape a message (`x-hint`, `x-severity`,
// `x-code`). Used by the explainer (schema_explain.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "analyze.h"
#include "diagnostic.h"
#include "syntax/json_view.h"

namespace amllint {

// "a command job", "a pipeline component"; "this file" for a kind without a schema.
const char* kind_noun(FileKind kind);

// "a mapping" for "object", "an integer" for "integer", ...
std::string type_phrase(std::string_view type);
// The type of `v` as type_phrase words it.
std::string value_phrase(const nlohmann::json& v);
// `v` as a message quotes it: a string's text, anything else as JSON; at most 40 characters.
std::string short_text(const nlohmann::json& v);
// A JSON-schema `type` (a name or a list of names): "a string or an integer".
std::string expected_types(const nlohmann::json& type);
// The last token of `ptr`, unescaped: the key or index a message names.
std::string last_token(const std::string& ptr);

// The range of the value at `ptr`.
TextRange value_range(const JsonView& view, const std::string& ptr);
// The key of the mapping at `ptr`; for the root, its `type:` key or else its first key, so that a
// missing root key lands on the first line that matters rather than on the whole file.
TextRange owner_key_range(const JsonView& view, const std::string& ptr);

// A top-level `type:` of a file of `kind` that names no kind, with the closest type (or "").
std::string unsupported_type_message(FileKind kind, const nlohmann::json& v,
                                     const std::string& guess);

// `x-hint` of schema fragment `s` appended to `message` (": <hint>"); `x-hint-when` limits it to
// some values of `v` (compared lower-cased).
void append_hint(const nlohmann::json& s, std::string& message, const nlohmann::json* v = nullptr);
// Warning where `s` says `x-severity: warning` (the SDK accepts the value), else error.
Severity severity_of(const nlohmann::json& s);
// The `x-code` of `s` when it is one a schema may name, else `fallback`.
const char* code_of(const nlohmann::json& s, const char* fallback);

}  // namespace amllint
