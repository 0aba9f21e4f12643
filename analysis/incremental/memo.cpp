#include "incremental/memo.h"

#include "syntax/yaml_tree.h"

namespace amllint::incremental {

bool memo_worthy(const std::string& text, const yaml::Tree& tree) {
  if (text.size() < min_bytes.load(std::memory_order_relaxed)) return false;
  if (!tree.root || !tree.root->is_mapping() || tree.root->flow || tree.syntax_error ||
      tree.has_aliases || !tree.diagnostics.empty())
    return false;
  if (text.find('\r') != std::string::npos) return false;
  // Tab indentation is read with a width guessed from the whole file.
  for (size_t tab = text.find('\t'); tab != std::string::npos; tab = text.find('\t', tab + 1)) {
    size_t line = text.rfind('\n', tab);
    line = line == std::string::npos ? 0 : line + 1;
    if (text.find_first_not_of(' ', line) == tab) return false;
  }
  return true;
}

}  // namespace amllint::incremental
