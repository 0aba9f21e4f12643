#include "validation/schema_lookup.h"

#include <cstdlib>
#include <map>
#include <set>

#include "validation/schema_documents.h"
#include "validation/schema_walk.h"

namespace amllint {

using json = nlohmann::json;

SchemaInfo schema_at(FileKind kind, const JsonView& view, const std::string& pointer) {
  SchemaInfo info;
  const char* file = schema_file_name(kind);
  const json* root = file ? schema_document(file) : nullptr;
  if (!root) return info;

  // Walk down the pointer, resolving at each level with the value the file has there (or an
  // empty mapping for a key not written yet, so completion inside it still works).
  static const json kEmpty = json::object();
  const json* value = &view.value;
  std::vector<Frag> subs = {{root, file}};
  std::string description;
  std::vector<Frag> frags = resolve(subs, *value, &description);
  for (const std::string& token : split_pointer(pointer)) {
    const json* child = &kEmpty;
    if (value->is_object() && value->contains(token)) child = &(*value)[token];
    if (value->is_array()) {
      subs = item_schemas(frags);
      size_t index = std::strtoul(token.c_str(), nullptr, 10);
      if (index < value->size()) child = &(*value)[index];
    } else {
      subs = child_schemas(frags, token);
    }
    if (subs.empty()) return info;
    value = child;
    description.clear();
    frags = resolve(subs, *value, &description);
  }

  // For a union (a step, an input) the chosen branch describes the value better than the union.
  if (!noun_from(description).empty())
    for (const auto& f : frags)
      if (auto d = f.s->find("description"); d != f.s->end() && d->is_string())
        if (!noun_from(*d).empty()) description = *d;
  info.description = description;
  json merged = json::object();
  std::map<std::string, SchemaProperty> props;
  std::set<std::string> required;
  for (const auto& f : frags) {
    for (const auto& [k, v] : f.s->items()) {
      if (k == "allOf" || k == "if" || k == "then" || k == "else") continue;
      if (k == "properties") {
        for (const auto& [name, sub] : v.items()) {
          merged["properties"][name] = sub;
          auto& p = props[name];
          p.name = name;
          if (p.description.empty() && sub.contains("description"))
            p.description = sub["description"];
        }
      } else if (k == "required") {
        for (const auto& r : v) required.insert(r.get<std::string>());
      } else if (!merged.contains(k)) {
        merged[k] = v;
      }
    }
  }
  if (!required.empty())
    merged["required"] = std::vector<std::string>(required.begin(), required.end());
  for (auto& [name, p] : props) {
    p.required = required.count(name) > 0;
    info.properties.push_back(p);
  }
  if (info.description.empty() && merged.contains("description"))
    info.description = merged["description"];
  info.node = std::move(merged);
  return info;
}

}  // namespace amllint
