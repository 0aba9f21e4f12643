// The shape of a file for an editor: an outline of its keys (inputs, outputs, parameters and
// steps marked as such) and the line spans that fold (block mappings, sequences and block
// scalars that span lines, and runs of comment lines).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"

namespace amllint::nav {

struct Symbol {
  enum class Kind { Property, Field, Variable, Class, Array, Object };
  std::string name;
  std::string detail;  // a scalar's value (shortened) or a mapping's `type`
  Kind kind = Kind::Property;
  TextRange range;      // the key and its value
  TextRange selection;  // the key (or the whole item of a sequence)
  std::vector<Symbol> children;
};
std::vector<Symbol> outline(const Analysis& analysis);

struct Fold {
  uint32_t first_line = 0;
  uint32_t last_line = 0;
  bool comment = false;
};
std::vector<Fold> folds(const Document& doc, const Analysis& analysis);

}  // namespace amllint::nav
