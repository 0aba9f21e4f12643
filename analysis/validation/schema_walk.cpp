#include "validation/schema_walk.h"

#include <functional>
#include <optional>
#include <regex>
#include <unordered_map>

#include "validation/enum_case.h"
#include "validation/schema_documents.h"
#include "validation/schema_node_facts.h"

namespace amllint {
namespace {

using json = nlohmann::json;

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

// Whether `v` satisfies an `if` condition. Our conditions only use type, const, enum, required,
// properties and not.
bool condition_holds(const Frag& cond, const json& v, int depth = 0) {
  if (depth > 32) return false;
  const json& c = *cond.s;
  if (c.is_boolean()) return c.get<bool>();
  if (!c.is_object()) return true;
  // The keywords are looked up once per fragment (node_facts), not on every value.
  const NodeFacts& facts = node_facts(cond);
  if (facts.has_ref) return facts.ref && condition_holds(*facts.ref, v, depth + 1);
  if (facts.type && !types_match(*facts.type, v)) return false;
  if (facts.const_value && !is_const(*facts.const_value, v, facts.x_case)) return false;
  if (facts.enum_values && !in_enum(*facts.enum_values, v, facts.x_case)) return false;
  if (facts.required && v.is_object())
    for (const auto& k : *facts.required)
      if (k.is_string() && !v.contains(k.get_ref<const std::string&>())) return false;
  if (facts.properties && v.is_object())
    for (const auto& [k, sub] : facts.properties->items())
      if (auto vi = v.find(k); vi != v.end() && !condition_holds({&sub, cond.doc}, *vi, depth + 1))
        return false;
  if (facts.not_schema && condition_holds({facts.not_schema, cond.doc}, v, depth + 1)) return false;
  return true;
}

void collect(const Frag& f, const json& v, std::vector<Frag>& out, std::string* description,
             int depth = 0);

// A fragment whose expansion does not depend on the value (no `if` under its `$ref`s and
// `allOf`s), expanded once: most fragments are, and a value is checked against many.
struct Expansion {
  std::vector<Frag> frags;
  std::string description;  // the first non-empty description met, as collect takes it
};

constexpr int kStaticDepth = 16;  // deeper expansions are not cached (collect stops at 64)

// The expansion of `f` when it is static and no deeper than kStaticDepth; null otherwise.
const Expansion* static_expansion(const Frag& f) {
  thread_local std::unordered_map<const json*, std::optional<Expansion>> cache;
  if (auto it = cache.find(f.s); it != cache.end()) return it->second ? &*it->second : nullptr;
  // Static when no `if` is reached from `f` within kStaticDepth levels.
  std::function<bool(const Frag&, int)> is_static = [&](const Frag& g, int depth) {
    if (depth > kStaticDepth) return false;
    if (!g.s->is_object()) return true;
    const NodeFacts& facts = node_facts(g);
    if (facts.has_ref) return !facts.ref || is_static(*facts.ref, depth + 1);
    if (g.s->contains("if")) return false;
    if (auto all = g.s->find("allOf"); all != g.s->end())
      for (const auto& sub : *all)
        if (!is_static({&sub, g.doc}, depth + 1)) return false;
    return true;
  };
  std::optional<Expansion> e;
  if (is_static(f, 0)) {
    // From kStaticDepth on, collect neither consults this cache nor reaches its own limit.
    e.emplace();
    collect(f, json(), e->frags, &e->description, kStaticDepth);
  }
  std::optional<Expansion>& slot = cache.emplace(f.s, std::move(e)).first->second;
  return slot ? &*slot : nullptr;
}

// Expands `f` into the fragments that apply to `v`: $ref followed, allOf flattened, the
// if/then/else branch chosen by `v`. `description` receives the outermost description.
void collect(const Frag& f, const json& v, std::vector<Frag>& out, std::string* description,
             int depth) {
  if (depth > 64 || !f.s->is_object()) return;
  if (depth < kStaticDepth) {
    if (const Expansion* e = static_expansion(f)) {
      out.insert(out.end(), e->frags.begin(), e->frags.end());
      if (description && description->empty()) *description = e->description;
      return;
    }
  }
  // The keywords are looked up once per fragment (node_facts), not on every value.
  const NodeFacts& facts = node_facts(f);
  if (description && description->empty() && facts.description) *description = *facts.description;
  if (facts.has_ref) {
    if (facts.ref) collect(*facts.ref, v, out, description, depth + 1);
    return;
  }
  out.push_back(f);
  if (facts.all_of)
    for (const auto& sub : *facts.all_of) collect({&sub, f.doc}, v, out, description, depth + 1);
  if (facts.if_schema) {
    const json* branch =
        condition_holds({facts.if_schema, f.doc}, v) ? facts.then_schema : facts.else_schema;
    if (branch) collect({branch, f.doc}, v, out, description, depth + 1);
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
  const std::regex* r = compiled_pattern(pattern);
  if (!r) return true;  // a pattern we cannot compile must not produce errors
  try {
    return std::regex_search(text, *r);
  } catch (const std::regex_error&) {
    return true;
  }
}

// The schemas that apply to the value under `key` of an object checked against `frags`.
std::vector<Frag> child_schemas(const std::vector<Frag>& frags, const std::string& key) {
  std::vector<Frag> subs;
  for (const auto& f : frags) {
    const NodeFacts& facts = node_facts(f);
    bool matched = false;
    if (facts.properties)
      if (auto p = facts.properties->find(key); p != facts.properties->end()) {
        subs.push_back({&*p, f.doc});
        matched = true;
      }
    for (const auto& [pattern, sub] : facts.patterns)
      if (pattern.matches(key)) {
        subs.push_back({sub, f.doc});
        matched = true;
      }
    if (!matched && facts.additional) subs.push_back({facts.additional, f.doc});
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
