#include "feature_input.h"

#include "environment.h"
#include "navigation/typed_view.h"

namespace amlls {

const amllint::JsonView& FeatureInput::view() const {
  auto& slot = view_cache ? *view_cache : own_view;
  if (!slot) slot = amllint::nav::typed_view(analysis);
  return *slot;
}

amllint::Environment& FeatureInput::environment() const {
  if (env) return *env;
  static const std::shared_ptr<amllint::Environment> disk = amllint::make_disk_environment();
  return *disk;
}

}  // namespace amlls
