#include "navigation/schema_facts.h"

#include <algorithm>

namespace amllint::nav {

using nlohmann::json;

std::string schema_type(const json& node) {
  auto t = node.find("type");
  if (t == node.end()) return node.contains("properties") ? "object" : "";
  if (t->is_string()) return t->get<std::string>();
  std::string out;
  for (const auto& e : *t) {
    if (!e.is_string()) continue;
    if (!out.empty()) out += " | ";
    out += e.get<std::string>();
  }
  return out;
}

bool schema_is(const json& node, const char* type) {
  auto t = node.find("type");
  if (t == node.end()) return std::string_view(type) == "object" && node.contains("properties");
  if (t->is_string()) return *t == type;
  // A union such as [integer, string] (numbers that may be bindings) is not the container kind.
  return t->is_array() && t->size() == 1 && (*t)[0] == type;
}

namespace {

std::string scalar_text(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

void collect(const json& node, std::vector<std::string>& out, int depth) {
  if (!node.is_object() || depth > 3) return;
  auto add = [&](std::string v) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  };
  if (auto e = node.find("enum"); e != node.end() && e->is_array())
    for (const auto& v : *e) add(scalar_text(v));
  if (auto c = node.find("const"); c != node.end()) add(scalar_text(*c));
  for (const char* key : {"anyOf", "oneOf"}) {
    if (auto b = node.find(key); b != node.end() && b->is_array())
      for (const auto& branch : *b) collect(branch, out, depth + 1);
  }
  if (depth == 0 && out.empty() && schema_is(node, "boolean")) {
    add("true");
    add("false");
  }
}

}  // namespace

std::vector<std::string> schema_values(const json& node) {
  std::vector<std::string> out;
  collect(node, out, 0);
  return out;
}

}  // namespace amllint::nav
