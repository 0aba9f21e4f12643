#include "incremental/carry.h"

namespace amllint::incremental {

bool carry(TextRange& range, const Reparsed& r) {
  const TextRange& b = r.old_block;
  if (range.end <= b.begin && range.begin < b.begin) return true;
  if (range.begin >= b.end) {
    range = {r.shift(range.begin), r.shift(range.end)};
    return true;
  }
  if (range.begin < b.begin && range.end >= b.end) {
    range.end = r.shift(range.end);
    return true;
  }
  return false;
}

bool carry(Diagnostic& d, const Reparsed& r) {
  if (!carry(d.range, r)) return false;
  for (Fix& f : d.fixes)
    for (TextEdit& e : f.edits)
      if (!carry(e.range, r)) return false;
  return true;
}

std::unique_ptr<StepStandIn> step_stand_in(const Reparsed& r) {
  if (!r.step || !r.pair) return nullptr;
  const yaml::Node* root = r.tree->root;
  const yaml::Pair* jobs = root->find_pair("jobs");
  if (!jobs || !jobs->value->is_mapping()) return nullptr;
  auto s = std::make_unique<StepStandIn>();
  s->root = *root;
  s->jobs = *jobs->value;
  s->step = *r.pair;
  s->jobs.pairs = yaml::NodeList<yaml::Pair>(&s->step, 1);
  s->root_pairs.assign(root->pairs.begin(), root->pairs.end());
  for (yaml::Pair& p : s->root_pairs)
    if (p.key == jobs->key) p.value = &s->jobs;
  s->root.pairs = yaml::NodeList<yaml::Pair>(s->root_pairs.data(), s->root_pairs.size());
  return s;
}

}  // namespace amllint::incremental
