#include "validation/schema_node_facts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <set>
#include <unordered_map>

#include "validation/enum_case.h"
#include "validation/schema_documents.h"
#include "validation/schema_messages.h"

namespace amllint {
namespace {

using json = nlohmann::json;

std::optional<Frag> follow_ref(const Frag& f, const std::string& ref) {
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

// Short texts of `values`, the first of those equal but for case only.
std::vector<std::string> allowed_texts(const json& values) {
  std::vector<std::string> allowed;
  std::set<std::string> seen;
  for (const auto& a : values) {
    std::string text = short_text(a), lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (seen.insert(lower).second) allowed.push_back(text);
  }
  return allowed;
}

Pattern make_pattern(const std::string& text) {
  return Pattern{text, compiled_pattern(text), ClassPattern::parse(text)};
}

NodeFacts compute(const Frag& f) {
  NodeFacts n;
  const json& s = *f.s;
  if (!s.is_object()) return n;
  if (auto ref = s.find("$ref"); ref != s.end() && ref->is_string()) {
    n.has_ref = true;
    n.ref = follow_ref(f, ref->get_ref<const std::string&>());
  }
  if (auto props = s.find("properties"); props != s.end()) {
    n.properties = &*props;
    for (const auto& [name, _] : props->items()) n.property_names.push_back(name);
  }
  if (auto pats = s.find("patternProperties"); pats != s.end())
    for (const auto& [pattern, sub] : pats->items())
      n.patterns.emplace_back(make_pattern(pattern), &sub);
  auto ap = s.find("additionalProperties");
  n.closed = ap != s.end() && ap->is_boolean() && !ap->get<bool>();
  if (auto names = s.find("propertyNames"); names != s.end() && names->is_object())
    if (auto pattern = names->find("pattern"); pattern != names->end())
      n.names_pattern = make_pattern(pattern->get<std::string>());
  if (auto en = s.find("enum"); en != s.end()) n.enum_allowed = allowed_texts(*en);
  if (auto co = s.find("const"); co != s.end()) n.const_allowed = allowed_texts(json::array({*co}));
  if (auto d = s.find("description"); d != s.end() && d->is_string()) n.noun = noun_from(*d);
  auto member = [&](const char* key) {
    auto it = s.find(key);
    return it != s.end() ? &*it : nullptr;
  };
  n.type = member("type");
  n.const_value = member("const");
  n.enum_values = member("enum");
  n.required = member("required");
  n.not_schema = member("not");
  n.x_case = case_of(s);
  n.all_of = member("allOf");
  n.if_schema = member("if");
  n.then_schema = member("then");
  n.else_schema = member("else");
  if (ap != s.end() && ap->is_object()) n.additional = &*ap;
  if (auto d = s.find("description"); d != s.end() && d->is_string())
    n.description = &d->get_ref<const std::string&>();
  return n;
}

}  // namespace

bool Pattern::matches(const std::string& s) const {
  if (!regex) return true;
  if (simple) return simple->matches(s);
  try {
    return std::regex_search(s, *regex);
  } catch (const std::regex_error&) {
    return true;  // a pattern we cannot run must not produce errors
  }
}

const std::regex* compiled_pattern(const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::optional<std::regex>> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    std::optional<std::regex> r;
    try {
      r.emplace(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
    }
    it = cache.emplace(pattern, std::move(r)).first;
  }
  return it->second ? &*it->second : nullptr;
}

bool NodeFacts::key_allowed(const std::string& key) const {
  if (!closed) return true;
  if (properties && properties->contains(key)) return true;
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const auto& p) { return p.first.matches(key); });
}

const NodeFacts& node_facts(const Frag& f) {
  // The walkers ask for the same few hundred fragments hundreds of times per file: a small
  // direct-mapped table in front of the map answers most of them without hashing. The map's
  // nodes never move, so the table can point into them.
  struct Recent {
    const json* s;
    const NodeFacts* facts;
  };
  thread_local std::array<Recent, 512> recent{};
  Recent& slot = recent[(reinterpret_cast<uintptr_t>(f.s) / sizeof(json)) % recent.size()];
  if (slot.s == f.s) return *slot.facts;
  thread_local std::unordered_map<const json*, NodeFacts> cache;
  auto it = cache.find(f.s);
  if (it == cache.end()) it = cache.emplace(f.s, compute(f)).first;
  slot = {f.s, &it->second};
  return it->second;
}

}  // namespace amllint
