// Completion from the schema and the job model: keys allowed at the cursor (minus those already
// written), enum values, and the names in scope after `${{`.
#pragma once

#include "feature_input.h"

namespace amlls {

lsp::CompletionList completion(const FeatureInput& in, lsp::Position position);

}  // namespace amlls
