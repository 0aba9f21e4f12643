// The YAML tree builder on any bytes: every node lies inside the text, children inside their
// parent, and the innermost-node lookup stops.
#include <string>
#include <unordered_set>

#include "fuzz_support.h"
#include "syntax/document.h"
#include "syntax/yaml_tree.h"

using namespace amllint;

namespace {

void check_node(const Document& doc, const yaml::Node* n,
                std::unordered_set<const yaml::Node*>& seen,
                std::unordered_set<const yaml::Node*>& path, int depth) {
  if (!n) return;
  FUZZ_CHECK(depth < 100000, "tree deeper than the text");
  std::string where = "node [" + std::to_string(n->range.begin) + ", " +
                      std::to_string(n->range.end) + ") of " + std::to_string(doc.size());
  FUZZ_CHECK(n->range.begin <= n->range.end && n->range.end <= doc.size(), where);
  // Every walk over the tree (typed view, rules, editor features) assumes it has no cycle.
  FUZZ_CHECK(!path.count(n), where + ": the tree holds a cycle (an alias inside its anchor?)");
  // An alias adds its anchor's node again: each node is checked once.
  if (!seen.insert(n).second) return;
  path.insert(n);
  for (const yaml::Pair& p : n->pairs) {
    FUZZ_CHECK(p.key != nullptr, where + ": a pair without a key");
    check_node(doc, p.key, seen, path, depth + 1);
    check_node(doc, p.value, seen, path, depth + 1);
  }
  for (const yaml::Node* c : n->items) check_node(doc, c, seen, path, depth + 1);
  path.erase(n);
  if (n->is_scalar()) (void)yaml::resolve(*n);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Document doc(std::string(reinterpret_cast<const char*>(data), size));
  const yaml::Tree tree = yaml::parse(doc);
  std::unordered_set<const yaml::Node*> seen, path;
  check_node(doc, tree.root, seen, path, 0);
  for (const Diagnostic& d : tree.diagnostics) {
    FUZZ_CHECK(d.range.begin <= d.range.end && d.range.end <= doc.size(), d.message);
    FUZZ_CHECK(!d.message.empty(), d.code);
    if (d.code == "syntax-error") FUZZ_CHECK(tree.syntax_error, d.message);
  }
  for (uint32_t line : tree.blanked_lines) FUZZ_CHECK(line < doc.line_count(), "blanked line");
  fuzz::Picker pick(doc.text());
  for (int i = 0; i < 8; ++i) {
    uint32_t offset = pick.below(doc.size() + 2);
    auto path = yaml::path_to(tree, offset);
    FUZZ_CHECK(path.size() <= tree.nodes.size(), "path longer than the tree");
  }
  // The scalar typing PyYAML applies, on the raw text too.
  (void)yaml::resolve_plain(doc.text().substr(0, 64));
  return 0;
}
