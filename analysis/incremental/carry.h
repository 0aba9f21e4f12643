// What the block-by-block re-analysis (reparse.h) shares between its stages: moving an old
// finding past the edit, and the stand-in document of the top level and the one edited step.
#pragma once

#include <memory>
#include <vector>

#include "diagnostic.h"
#include "incremental/reparse.h"
#include "syntax/yaml_tree.h"

namespace amllint::incremental {

// Moves a range of the old text past the edit; false when it reaches into the re-parsed block,
// whose old offsets have no counterpart.
bool carry(TextRange& range, const Reparsed& r);
// The same for a finding, its fixes included.
bool carry(Diagnostic& d, const Reparsed& r);

inline bool starts_inside(const TextRange& range, const TextRange& block) {
  return block.begin <= range.begin && range.begin < block.end;
}

// The new tree's top level as it is, with `jobs:` cut down to the re-parsed step: a document
// whose findings inside the step are the whole file's. Its two nodes point into the new tree.
struct StepStandIn {
  yaml::Node root;
  yaml::Node jobs;
  // The lists of the two nodes (a node's lists are views; these are the stand-in's own).
  std::vector<yaml::Pair> root_pairs;
  yaml::Pair step;
};
// Null unless the edit was inside one step of the top-level `jobs:`.
std::unique_ptr<StepStandIn> step_stand_in(const Reparsed& r);

}  // namespace amllint::incremental
