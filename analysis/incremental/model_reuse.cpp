#include "incremental/model_reuse.h"

#include <algorithm>
#include <utility>

#include "syntax/yaml_tree.h"

namespace amllint::incremental {

using yaml::Node;

// The nodes of one old step and their copies in the new tree, sorted by old node.
struct ModelCarrier::NodeMap {
  explicit NodeMap(std::vector<std::pair<const Node*, const Node*>>& buffer) : pairs(buffer) {
    pairs.clear();
  }
  std::vector<std::pair<const Node*, const Node*>>& pairs;
  // Owners met so far: the old model's, and the inline models of the step.
  std::vector<std::pair<const JobModel*, const JobModel*>> owners;
  const Reparsed* r = nullptr;
  bool ok = true;

  // Walks both trees at once; false when their shapes differ.
  bool pair_up(const Node* o, const Node* n) {
    if (!o || !n) return o == n;
    if (o->kind != n->kind || o->pairs.size() != n->pairs.size() ||
        o->items.size() != n->items.size() || o->value != n->value)
      return false;
    pairs.emplace_back(o, n);
    for (size_t i = 0; i < o->pairs.size(); ++i)
      if (!pair_up(o->pairs[i].key, n->pairs[i].key) ||
          !pair_up(o->pairs[i].value, n->pairs[i].value))
        return false;
    for (size_t i = 0; i < o->items.size(); ++i)
      if (!pair_up(o->items[i], n->items[i])) return false;
    return true;
  }
  // Nodes are made in document order, mostly into one chunk: often sorted already.
  void sort() {
    if (!std::is_sorted(pairs.begin(), pairs.end())) std::sort(pairs.begin(), pairs.end());
  }

  const Node* node(const Node* o) {
    if (!o) return nullptr;
    auto it = std::lower_bound(pairs.begin(), pairs.end(), std::make_pair(o, (const Node*)nullptr));
    if (it == pairs.end() || it->first != o) {
      ok = false;
      return nullptr;
    }
    return it->second;
  }
  const JobModel* owner(const JobModel* o) {
    for (const auto& [from, to] : owners)
      if (from == o) return to;
    ok = false;
    return nullptr;
  }
  TextRange range(TextRange t) const { return {r->shift(t.begin), r->shift(t.end)}; }

  void ports(std::vector<Port>& ps) {
    for (Port& p : ps) {
      p.key = node(p.key);
      p.value = node(p.value);
    }
  }
  void binding(BoundExpression& e) {
    Binding& b = e.binding;
    b.range = range(b.range);
    b.path_range = range(b.path_range);
    b.name_range = range(b.name_range);
    b.step_range = range(b.step_range);
    for (BindingSegment& s : b.segments) s.range = range(s.range);
    e.scalar = node(e.scalar);
    e.owner = owner(e.owner);
  }
  std::shared_ptr<const JobModel> model(const JobModel& old) {
    auto m = std::make_shared<JobModel>(old);
    owners.emplace_back(&old, m.get());
    m->root = node(m->root);
    ports(m->inputs);
    ports(m->outputs);
    ports(m->search_space);
    for (Step& s : m->steps) step(s);
    for (BoundExpression& e : m->bindings) binding(e);
    return m;
  }
  void step(Step& s) {
    s.key = node(s.key);
    s.node = node(s.node);
    s.component = node(s.component);
    ports(s.inputs);
    ports(s.outputs);
    if (s.inline_model) s.inline_model = model(*s.inline_model);
  }
};

std::unique_ptr<ModelCarrier> ModelCarrier::make(const Reparsed& r, const yaml::Tree& old_tree,
                                                 const JobModel& old_model) {
  if (!old_tree.root || !r.tree->root || old_model.root != old_tree.root) return nullptr;
  const yaml::Pair* old_jobs = old_tree.root->find_pair("jobs");
  const yaml::Pair* new_jobs = r.tree->root->find_pair("jobs");
  if (!old_jobs || !new_jobs || !old_jobs->value || !new_jobs->value ||
      !old_jobs->value->is_mapping() || !new_jobs->value->is_mapping())
    return nullptr;
  // An edit in `jobs:` outside one step may have changed any of them.
  if (!r.step && r.pair && r.pair->key == new_jobs->key) return nullptr;
  const auto& old_pairs = old_jobs->value->pairs;
  const auto& new_pairs = new_jobs->value->pairs;
  if (old_pairs.size() != new_pairs.size() || old_pairs.size() == 0) return nullptr;

  std::unique_ptr<ModelCarrier> c(new ModelCarrier(r, old_model));
  c->old_jobs_ = old_jobs->value;
  c->new_jobs_ = new_jobs->value;
  if (r.step) c->edited_ = static_cast<size_t>(r.pair - &new_pairs[0]);
  const size_t n = old_pairs.size();
  c->old_steps_.assign(n, nullptr);
  c->old_bindings_.assign(n, {0, 0});
  c->staged_.resize(n);
  // Steps were read from the pairs in order (skipping keys that are no scalar).
  size_t next = 0;
  for (const Step& s : old_model.steps) {
    while (next < n && old_pairs[next].key != s.key) ++next;
    if (next == n) return nullptr;
    c->old_steps_[next++] = &s;
  }
  // Bindings of a step lie in its span and were recorded one step after another.
  std::vector<TextRange> spans;
  for (size_t i = 0; i < n; ++i) {
    const yaml::Pair& p = old_pairs[i];
    spans.push_back({p.key->range.begin, p.value ? p.value->range.end : p.key->range.end});
  }
  for (size_t b = 0; b < old_model.bindings.size(); ++b) {
    const BoundExpression& e = old_model.bindings[b];
    if (!e.scalar) continue;
    uint32_t at = e.scalar->range.begin;
    auto it = std::upper_bound(spans.begin(), spans.end(), at,
                               [](uint32_t v, const TextRange& s) { return v < s.begin; });
    if (it == spans.begin()) continue;
    size_t i = static_cast<size_t>(it - spans.begin()) - 1;
    if (at >= spans[i].end) continue;
    auto& group = c->old_bindings_[i];
    if (group.first == group.second)
      group = {b, b + 1};
    else if (group.second == b)
      group.second = b + 1;
    else
      return nullptr;  // not one run per step: read everything again
  }
  return c;
}

std::optional<Step> ModelCarrier::step(size_t index, const JobModel& model) {
  if (index == edited_ || index >= old_steps_.size() || !old_steps_[index]) return std::nullopt;
  const yaml::Pair& o = old_jobs_->pairs[index];
  const yaml::Pair& n = new_jobs_->pairs[index];
  NodeMap map(buffer_);
  map.r = &r_;
  if (!map.pair_up(o.key, n.key) || !map.pair_up(o.value, n.value)) return std::nullopt;
  map.sort();
  map.owners.emplace_back(&old_, &model);
  Step s = *old_steps_[index];
  map.step(s);
  std::vector<BoundExpression> moved(old_.bindings.begin() + old_bindings_[index].first,
                                     old_.bindings.begin() + old_bindings_[index].second);
  for (BoundExpression& e : moved) map.binding(e);
  if (!map.ok) return std::nullopt;
  staged_[index] = std::move(moved);
  ++carried_;
  return s;
}

void ModelCarrier::bindings(size_t index, std::vector<BoundExpression>& out) {
  for (BoundExpression& e : staged_[index]) out.push_back(std::move(e));
  staged_[index].clear();
}

}  // namespace amllint::incremental
