// The YAML tree as typed JSON (typed the way the Azure ML CLI types it), with a map from
// JSON pointer back to source ranges so that schema errors land on the right characters.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnostic.h"

namespace amllint {

namespace yaml {
struct Node;

// Whether a plain scalar is a YAML 1.1 timestamp (`2024-01-01`, `2024-01-01 10:00:00`), which
// PyYAML's SafeLoader - and so `az ml` - reads as a date, not a string (scalar_types.cpp).
bool is_timestamp(std::string_view plain);
}  // namespace yaml

struct SourceSpan {
  TextRange key;    // range of the key that holds this value (empty for the root and items)
  TextRange value;  // range of the value itself (empty range at the key's end for an empty value)
  const yaml::Node* node = nullptr;
};

struct JsonView {
  nlohmann::json value;
  // The tree `value` was made from: span() walks it, so a view answers span() only while that
  // tree lives. Null for a view built by hand, whose spans are all empty.
  const yaml::Node* root = nullptr;
  // Pointers of plain scalars PyYAML reads as dates. They stay strings in `value` (JSON has no
  // date), so schema validation sees a string; validate_schema reports them where a date is not
  // accepted.
  std::vector<std::string> dates;
  // For mappings of many keys (a pipeline's `jobs`), which span() would otherwise compare key by
  // key: each key's name to its pairs, last first. Made with the view, read-only after.
  std::unordered_map<const yaml::Node*, std::unordered_map<std::string_view, std::vector<uint32_t>>>
      key_index;

  // The span of `pointer` ("" for the root, "/jobs/train/type" for a nested value, RFC 6901
  // escaping), or of its nearest ancestor that has one. Where a mapping repeats a key, the value
  // `value` holds (the last) answers. Found on demand: most files ask for a few spans, and a
  // table of every node's pointer cost more than the rest of the conversion.
  SourceSpan span(std::string_view pointer) const;
  // The span of `pointer` itself; nullopt when no value has that pointer.
  std::optional<SourceSpan> exact_span(std::string_view pointer) const;
};

JsonView to_json(const yaml::Node* root);

// RFC 6901 escaping of one token ("a/b" -> "a~1b", "a~b" -> "a~0b") and its inverse.
std::string escape_pointer_token(std::string_view token);
// `pointer` + "/" + escape_pointer_token(token), made in place.
void append_pointer_token(std::string& pointer, std::string_view token);
// The pointer of `token` under `pointer`, in one allocation.
std::string child_pointer(std::string_view pointer, std::string_view token);
std::string unescape_pointer_token(std::string_view token);

// The unescaped tokens of `pointer`: "/jobs/a~1b" -> {"jobs", "a/b"}; none for "".
std::vector<std::string> split_pointer(std::string_view pointer);

}  // namespace amllint
