// Small readings of the tree and the model that the navigation answers share. Internal to
// analysis/navigation/ (the faces read names.h, completion.h, hover.h and links.h instead).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/job_model.h"
#include "navigation/names.h"
#include "syntax/yaml_tree.h"

namespace amllint::nav {

// A key's or scalar's characters without its quotes.
TextRange key_text_range(const yaml::Node& key);

// The node chain under `offset` read as JSON pointer tokens, and whether the cursor is on a key
// (`key` set) or on a value (`value` set, `key` null).
struct TreePath {
  std::vector<std::string> tokens;
  const yaml::Node* key = nullptr;
  const yaml::Node* value = nullptr;
};
TreePath tree_path(const yaml::Tree& tree, uint32_t offset);

// The key that declares `name` in its model and its declaration (either may be null).
struct Declared {
  const yaml::Node* key = nullptr;
  const yaml::Node* value = nullptr;
};
Declared declared_nodes(const Name& name);

// Where a binding written at the value `tokens` (JSON pointer tokens from the file's root) is
// resolved: the scope, owner and step that the job model gives the bindings it records there
// (model/job_model.cpp, `collect_steps`). A unit test checks both agree on every binding of the
// fixtures, so a completion's lookup is the rule's lookup.
struct BindingPlace {
  BindingScope scope = BindingScope::Own;
  const JobModel* owner = nullptr;
  int step = -1;
};
BindingPlace place_at(const JobModel& root, const std::vector<std::string>& tokens);

}  // namespace amllint::nav
