#include "feature_input.h"

#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"

namespace amlls {

const amllint::JsonView& FeatureInput::view() const {
  auto& slot = view_cache ? *view_cache : own_view;
  if (!slot) {
    const amllint::yaml::Node* root = analysis.tree ? analysis.tree->root : nullptr;
    slot = std::make_shared<const amllint::JsonView>(amllint::to_json(root));
  }
  return *slot;
}

}  // namespace amlls
