#include "incremental/model_reuse.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <utility>

#include "syntax/yaml_tree.h"

namespace amllint::incremental {

using yaml::Node;

// Nodes by the order they were made in, which is document order in a parsed tree and in a
// spliced one: the store's chunks, each a run of consecutive addresses.
class ModelCarrier::NodeOrder {
 public:
  explicit NodeOrder(const yaml::NodeStore& store) : size_(store.size()) {
    size_t index = 0;
    store.for_each_run([&](const Node* first, size_t count) {
      runs_.push_back({first, index, count});
      index += count;
    });
    by_address_.resize(runs_.size());
    for (size_t i = 0; i < runs_.size(); ++i) by_address_[i] = i;
    std::sort(by_address_.begin(), by_address_.end(), [&](size_t a, size_t b) {
      return std::less<const Node*>()(runs_[a].first, runs_[b].first);
    });
  }
  size_t size() const { return size_; }
  // The index of `n`, or size() when it is not in the store. Lookups come step by step, in
  // document order: the run of the last one is tried first.
  size_t index_of(const Node* n) const {
    if (runs_.empty()) return size_;
    if (auto i = inside(runs_[last_], n)) return *i;
    auto it = std::upper_bound(
        by_address_.begin(), by_address_.end(), n,
        [&](const Node* p, size_t r) { return std::less<const Node*>()(p, runs_[r].first); });
    if (it == by_address_.begin()) return size_;
    auto i = inside(runs_[*std::prev(it)], n);
    if (!i) return size_;
    last_ = *std::prev(it);
    return *i;
  }
  const Node* at(size_t index) const {
    const Run& cached = runs_[last_at_];
    if (index >= cached.index && index < cached.index + cached.count)
      return cached.first + (index - cached.index);
    auto it = std::upper_bound(runs_.begin(), runs_.end(), index,
                               [](size_t i, const Run& r) { return i < r.index; });
    --it;
    last_at_ = static_cast<size_t>(it - runs_.begin());
    return it->first + (index - it->index);
  }

 private:
  struct Run {
    const Node* first;
    size_t index;  // of `first`
    size_t count;
  };
  std::optional<size_t> inside(const Run& r, const Node* n) const {
    if (std::less<const Node*>()(n, r.first)) return std::nullopt;
    const auto bytes = reinterpret_cast<uintptr_t>(n) - reinterpret_cast<uintptr_t>(r.first);
    if (bytes % sizeof(Node) != 0 || bytes / sizeof(Node) >= r.count) return std::nullopt;
    return r.index + bytes / sizeof(Node);
  }

  std::vector<Run> runs_;           // by index
  std::vector<size_t> by_address_;  // runs_ by address
  size_t size_;
  mutable size_t last_ = 0, last_at_ = 0;  // one carrier, one thread
};

// Old nodes outside the re-parsed block to their copies in the new tree, by index; each answer
// is checked (kind and moved range), so a tree not made in document order carries nothing.
struct ModelCarrier::NodeMap {
  const NodeOrder* from = nullptr;
  const NodeOrder* to = nullptr;
  // Owners met so far: the old model's, and the inline models of the step.
  std::vector<std::pair<const JobModel*, const JobModel*>> owners;
  const Reparsed* r = nullptr;
  bool ok = true;

  const Node* node(const Node* o) {
    if (!o) return nullptr;
    size_t i = from->index_of(o);
    const size_t first = r->first_block_node;
    if (i >= from->size() || (i >= first && i < first + r->old_block_nodes)) {
      ok = false;
      return nullptr;
    }
    size_t j = i < first ? i : i - r->old_block_nodes + r->new_block_nodes;
    if (j >= to->size()) {
      ok = false;
      return nullptr;
    }
    const Node* n = to->at(j);
    if (n->kind != o->kind || n->range.begin != r->shift(o->range.begin) ||
        n->range.end != r->shift(o->range.end)) {
      ok = false;
      return nullptr;
    }
    return n;
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

  // Every node outside the block was copied once, in order.
  if (old_tree.nodes.size() < r.old_block_nodes ||
      old_tree.nodes.size() - r.old_block_nodes != r.tree->nodes.size() - r.new_block_nodes)
    return nullptr;
  std::unique_ptr<ModelCarrier> c(new ModelCarrier(r, old_model));
  c->from_ = std::make_unique<NodeOrder>(old_tree.nodes);
  c->to_ = std::make_unique<NodeOrder>(r.tree->nodes);
  c->old_jobs_ = old_jobs->value;
  c->new_jobs_ = new_jobs->value;
  if (r.step) c->edited_ = static_cast<size_t>(r.pair - &new_pairs[0]);
  const size_t n = old_pairs.size();
  c->old_steps_.assign(n, nullptr);
  c->old_bindings_.assign(n, {0, 0});
  c->owners_.resize(n);
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

ModelCarrier::ModelCarrier(const Reparsed& r, const JobModel& old_model) : r_(r), old_(old_model) {}
ModelCarrier::~ModelCarrier() = default;

ModelCarrier::NodeMap ModelCarrier::node_map() const {
  NodeMap map;
  map.from = from_.get();
  map.to = to_.get();
  map.r = &r_;
  return map;
}

std::optional<Step> ModelCarrier::step(size_t index, const JobModel& model) {
  if (index == edited_ || index >= old_steps_.size() || !old_steps_[index]) return std::nullopt;
  const yaml::Pair& o = old_jobs_->pairs[index];
  const yaml::Pair& n = new_jobs_->pairs[index];
  NodeMap map = node_map();
  if (map.node(o.key) != n.key || map.node(o.value) != n.value) return std::nullopt;
  map.owners.emplace_back(&old_, &model);
  Step s = *old_steps_[index];
  map.step(s);
  // The bindings are copied when the builder asks for them, straight into the model; here
  // only whether each finds its scalar and owner.
  for (size_t b = old_bindings_[index].first; b < old_bindings_[index].second; ++b) {
    map.node(old_.bindings[b].scalar);
    map.owner(old_.bindings[b].owner);
  }
  if (!map.ok) return std::nullopt;
  owners_[index] = std::move(map.owners);
  ++carried_;
  return s;
}

void ModelCarrier::bindings(size_t index, std::vector<BoundExpression>& out) {
  NodeMap map = node_map();
  map.owners = std::move(owners_[index]);
  const auto [first, last] = old_bindings_[index];
  out.reserve(std::max(out.size() + (last - first), old_.bindings.size()));
  for (size_t b = first; b < last; ++b) {
    out.push_back(old_.bindings[b]);
    map.binding(out.back());
  }
}

}  // namespace amllint::incremental
