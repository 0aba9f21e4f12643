// The documentation pages of docs/rules/*.md, compiled into the binaries.
#pragma once

#include <vector>

#include "embedded_file.h"

namespace amllint {

const std::vector<EmbeddedFile>& embedded_rule_docs();

}  // namespace amllint
