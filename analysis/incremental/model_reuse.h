// The job model after a re-parsed block (reparse.h): the steps of the top-level `jobs:` that the
// edit did not touch, and their bindings, are the previous model's, moved into the new tree;
// only the edited step and the top level are read again. The splicer copied every node outside
// the block in document order, so an old node's copy is found by its index; a pointer that finds
// no counterpart of its kind and moved range reads the step again instead.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "incremental/reparse.h"
#include "model/job_model.h"

namespace amllint::incremental {

class ModelCarrier final : public StepReuse {
 public:
  // Null when nothing can be carried: the edit was in `jobs:` but not inside one step, or the
  // old and new `jobs:` differ in shape.
  static std::unique_ptr<ModelCarrier> make(const Reparsed& r, const yaml::Tree& old_tree,
                                            const JobModel& old_model);

  ~ModelCarrier() override;

  std::optional<Step> step(size_t index, const JobModel& model) override;
  void bindings(size_t index, std::vector<BoundExpression>& out) override;

  // Pairs ever carried, for tests and benchmarks.
  size_t carried() const { return carried_; }

 private:
  struct NodeMap;
  class NodeOrder;
  ModelCarrier(const Reparsed& r, const JobModel& old_model);
  NodeMap node_map() const;  // from the old tree's nodes to the new one's

  const Reparsed& r_;
  const JobModel& old_;
  const yaml::Node* old_jobs_ = nullptr;
  const yaml::Node* new_jobs_ = nullptr;
  size_t edited_ = static_cast<size_t>(-1);  // the re-parsed step's pair, if any
  std::vector<const Step*> old_steps_;       // per pair of `jobs:`, its old step or null
  // Per pair, the old top-level bindings inside it: [first, last) of old_.bindings.
  std::vector<std::pair<size_t, size_t>> old_bindings_;
  // Per pair taken, the old models its bindings name and their copies.
  std::vector<std::vector<std::pair<const JobModel*, const JobModel*>>> owners_;
  std::unique_ptr<NodeOrder> from_, to_;  // the old and the new tree's nodes
  size_t carried_ = 0;
};

}  // namespace amllint::incremental
