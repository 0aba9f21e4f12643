#include "navigation/tree_reading.h"

namespace amllint::nav {
namespace {

const yaml::Node* child(const yaml::Node* n, const std::string& token) {
  if (!n) return nullptr;
  if (n->is_mapping()) return n->get(token);
  if (n->is_sequence()) {
    size_t i = 0;
    for (char c : token) {
      if (c < '0' || c > '9') return nullptr;
      i = i * 10 + static_cast<size_t>(c - '0');
      if (i > n->items.size()) return nullptr;
    }
    return !token.empty() && i < n->items.size() ? n->items[i] : nullptr;
  }
  return nullptr;
}

}  // namespace

TextRange key_text_range(const yaml::Node& key) {
  using Style = yaml::ScalarStyle;
  bool quoted = key.style == Style::SingleQuoted || key.style == Style::DoubleQuoted;
  if (quoted && key.range.end - key.range.begin >= 2)
    return {key.range.begin + 1, key.range.end - 1};
  return key.range;
}

TreePath tree_path(const yaml::Tree& tree, uint32_t offset) {
  TreePath out;
  std::vector<const yaml::Node*> nodes = yaml::path_to(tree, offset);
  for (size_t i = 0; i + 1 < nodes.size(); ++i) {
    const yaml::Node* parent = nodes[i];
    const yaml::Node* next = nodes[i + 1];
    if (parent->is_mapping()) {
      for (const auto& p : parent->pairs) {
        if (p.merged) continue;
        if (p.key == next) out.key = next, out.value = p.value;
        if (p.key == next || p.value == next) {
          out.tokens.emplace_back(p.key ? p.key->text() : "");
          if (p.value == next) out.key = nullptr, out.value = next;
          break;
        }
      }
    } else if (parent->is_sequence()) {
      for (size_t k = 0; k < parent->items.size(); ++k)
        if (parent->items[k] == next) out.tokens.push_back(std::to_string(k));
      out.key = nullptr;
      out.value = next;
    }
  }
  return out;
}

BindingPlace place_at(const JobModel& root, const std::vector<std::string>& tokens) {
  BindingPlace place{BindingScope::Own, &root, -1};
  const yaml::Node* n = root.root;
  for (size_t i = 0; i < tokens.size() && n; ++i) {
    const JobModel* owner = place.owner;
    const yaml::Node* jobs = n->get("jobs");
    // The root of the file or of an inline pipeline component: its steps have their own scopes.
    if (place.scope == BindingScope::Own && n == owner->root && !owner->steps.empty() &&
        tokens[i] == "jobs" && jobs && jobs->is_mapping() && i + 1 < tokens.size()) {
      const Step* step = owner->step(tokens[i + 1]);
      const int index = step ? static_cast<int>(step - owner->steps.data()) : -1;
      const yaml::Node* step_node = jobs->get(tokens[i + 1]);
      BindingPlace parent{BindingScope::Parent, owner, index};
      if (!step_node || !step_node->is_mapping() || i + 2 >= tokens.size()) return parent;
      const std::string& field = tokens[i + 2];
      const yaml::Node* value = step_node->get(field);
      if (field == "component" && value && value->is_mapping() && step && step->inline_model) {
        place = {BindingScope::Own, step->inline_model.get(), index};
        n = value;
        i += 2;
        continue;
      }
      if ((field == "command" || field == "trial") && step && step->inline_model)
        return {BindingScope::Own, step->inline_model.get(), index};
      return parent;
    }
    n = child(n, tokens[i]);
  }
  return place;
}

}  // namespace amllint::nav
