#include "validation/schema_walk.h"

#include <optional>
#include <regex>
#include <unordered_map>

#include "validation/enum_case.h"
#include "validation/schema_documents.h"

namespace amllint {
namespace {

using json = nlohmann::json;

std::optional<Frag> follow_ref(const Frag& f) {
  const std::string& ref = (*f.s)["$ref"].get_ref<const std::string&>();
  auto hash = ref.find('#');
  std::string_view doc = hash == 0 ? f.doc : schema_document_name(ref);
  const json* root = schema_document(doc);
  if (!root) return std::nullopt;
  std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
  try {
    const json& target = root->at(json::json_pointer(pointer));
    return Frag{&target, doc};
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

bool type_matches(std::string_view type, const json& v) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  return false;
}

const std::regex& cached_regex(const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::regex> cache;
  auto it = cache.find(pattern);
  if (it == cache.end())
    it = cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
  return it->second;
}

// Whether `v` satisfies an `if` condition. Our conditions only use type, const, enum, required,
// properties and not.
bool condition_holds(const Frag& cond, const json& v, int depth = 0) {
  if (depth > 32) return false;
  const json& c = *cond.s;
  if (c.is_boolean()) return c.get<bool>();
  if (!c.is_object()) return true;
  if (c.contains("$ref")) {
    auto target = follow_ref(cond);
    return target && condition_holds(*target, v, depth + 1);
  }
  if (auto it = c.find("type"); it != c.end() && !types_match(*it, v)) return false;
  if (auto it = c.find("const"); it != c.end() && !in_enum(json::array({*it}), v, case_of(c)))
    return false;
  if (auto it = c.find("enum"); it != c.end() && !in_enum(*it, v, case_of(c))) return false;
  if (auto it = c.find("required"); it != c.end() && v.is_object())
    for (const auto& k : *it)
      if (k.is_string() && !v.contains(k.get_ref<const std::string&>())) return false;
  if (auto it = c.find("properties"); it != c.end() && v.is_object())
    for (const auto& [k, sub] : it->items())
      if (auto vi = v.find(k); vi != v.end() && !condition_holds({&sub, cond.doc}, *vi, depth + 1))
        return false;
  if (auto it = c.find("not"); it != c.end() && condition_holds({&*it, cond.doc}, v, depth + 1))
    return false;
  return true;
}

// Expands `f` into the fragments that apply to `v`: $ref followed, allOf flattened, the
// if/then/else branch chosen by `v`. `description` receives the outermost description.
void collect(const Frag& f, const json& v, std::vector<Frag>& out, std::string* description,
             int depth = 0) {
  if (depth > 64 || !f.s->is_object()) return;
  const json& s = *f.s;
  if (description && description->empty())
    if (auto d = s.find("description"); d != s.end() && d->is_string()) *description = *d;
  if (s.contains("$ref")) {
    if (auto target = follow_ref(f)) collect(*target, v, out, description, depth + 1);
    return;
  }
  out.push_back(f);
  if (auto all = s.find("allOf"); all != s.end())
    for (const auto& sub : *all) collect({&sub, f.doc}, v, out, description, depth + 1);
  if (auto cond = s.find("if"); cond != s.end()) {
    const char* branch = condition_holds({&*cond, f.doc}, v) ? "then" : "else";
    if (auto b = s.find(branch); b != s.end())
      collect({&*b, f.doc}, v, out, description, depth + 1);
  }
}

}  // namespace

bool types_match(const json& type, const json& v) {
  if (type.is_string()) return type_matches(type.get_ref<const std::string&>(), v);
  if (type.is_array())
    for (const auto& t : type)
      if (t.is_string() && type_matches(t.get_ref<const std::string&>(), v)) return true;
  return false;
}

bool pattern_matches(const std::string& pattern, const std::string& text) {
  try {
    return std::regex_search(text, cached_regex(pattern));
  } catch (const std::regex_error&) {
    return true;  // a pattern we cannot compile must not produce errors
  }
}

// The schemas that apply to the value under `key` of an object checked against `frags`.
std::vector<Frag> child_schemas(const std::vector<Frag>& frags, const std::string& key) {
  std::vector<Frag> subs;
  for (const auto& f : frags) {
    const json& s = *f.s;
    bool matched = false;
    if (auto props = s.find("properties"); props != s.end())
      if (auto p = props->find(key); p != props->end()) {
        subs.push_back({&*p, f.doc});
        matched = true;
      }
    if (auto pats = s.find("patternProperties"); pats != s.end())
      for (const auto& [pattern, sub] : pats->items())
        if (pattern_matches(pattern, key)) {
          subs.push_back({&sub, f.doc});
          matched = true;
        }
    if (!matched)
      if (auto ap = s.find("additionalProperties"); ap != s.end() && ap->is_object())
        subs.push_back({&*ap, f.doc});
  }
  return subs;
}

// The schemas a key of the user's choosing gets when its name is valid: after reporting a bad
// step name, its content is still checked as a step.
std::vector<Frag> pattern_schemas(const std::vector<Frag>& frags) {
  std::vector<Frag> subs;
  for (const auto& f : frags)
    if (auto pats = f.s->find("patternProperties"); pats != f.s->end())
      for (const auto& [pattern, sub] : pats->items()) subs.push_back({&sub, f.doc});
  return subs;
}

std::vector<Frag> item_schemas(const std::vector<Frag>& frags) {
  std::vector<Frag> subs;
  for (const auto& f : frags)
    if (auto items = f.s->find("items"); items != f.s->end() && items->is_object())
      subs.push_back({&*items, f.doc});
  return subs;
}

std::vector<Frag> resolve(const std::vector<Frag>& subs, const json& v, std::string* description) {
  std::vector<Frag> frags;
  for (const auto& f : subs) collect(f, v, frags, description);
  return frags;
}

std::string noun_from(const std::string& description) {
  if (description.rfind("A ", 0) != 0 && description.rfind("An ", 0) != 0) return {};
  std::string n = description;
  if (!n.empty() && n.back() == '.') n.pop_back();
  n[0] = 'a';
  return n;
}

}  // namespace amllint
