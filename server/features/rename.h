// Rename of an input, output, search-space parameter or pipeline step: the declaring key and
// every binding and step port key that names it. A port of a component file is renamed in that
// file and in the open pipelines whose steps run it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feature_input.h"

namespace amlls {

struct RenameRefusal {
  lsp::ErrorCode code = lsp::RequestFailed;
  std::string message;
};

struct Renamable {
  lsp::Range range;
  std::string placeholder;
};

// The name at `position` and its range; a refusal when it is a name that cannot be renamed
// (undeclared, or declared in a component file that is not open); nullopt when there is no name.
std::optional<Renamable> prepare_rename(const FeatureInput& in, lsp::Position position,
                                        const std::vector<FeatureInput>& open_documents,
                                        RenameRefusal* refusal);

// `open_documents` are the other open documents (the component file a name is declared in, and
// pipelines that run the component being edited). On failure returns nullopt and fills `refusal`.
std::optional<lsp::WorkspaceEdit> rename(const FeatureInput& in, lsp::Position position,
                                         const std::string& new_name,
                                         const std::vector<FeatureInput>& open_documents,
                                         RenameRefusal* refusal);

}  // namespace amlls
