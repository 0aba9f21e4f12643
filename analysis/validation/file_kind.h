// Which Azure ML spec a YAML file is, from its `type:`, its shape and its `$schema` hint.
#pragma once

#include <string>
#include <string_view>

#include "analyze.h"

namespace amllint {

namespace yaml {
struct Node;
}

FileKind detect_kind(std::string_view text, const yaml::Node* root);

// The kind of spec a top-level `type:` names: itself when spelt exactly, else the closest known
// kind (`comand` -> `command`, `Command` -> `command`), else empty.
std::string nearest_spec_type(std::string_view type);

// Kind of a file referenced from a pipeline step's `component:`: always a component.
FileKind component_kind_for_type(std::string_view type);

}  // namespace amllint
