// The typed JSON view of an analysis' tree that schema look-ups read. Faces keep it between
// requests as an opaque pointer and pass it back to completion and hover.
#pragma once

#include <memory>

#include "analyze.h"

namespace amllint {
struct JsonView;
}

namespace amllint::nav {

std::shared_ptr<const JsonView> typed_view(const Analysis& analysis);

}  // namespace amllint::nav
