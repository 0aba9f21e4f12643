#include "navigation/typed_view.h"

#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"

namespace amllint::nav {

std::shared_ptr<const JsonView> typed_view(const Analysis& analysis) {
  const yaml::Node* root = analysis.tree ? analysis.tree->root : nullptr;
  return std::make_shared<const JsonView>(to_json(root));
}

}  // namespace amllint::nav
