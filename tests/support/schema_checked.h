// A text checked against the schema of one kind, for tests of the validation stage alone.
#pragma once

#include <string>
#include <vector>

#include "syntax/document.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"
#include "validation/schema_validate.h"

namespace amllint::testing {

struct SchemaChecked {
  Document doc;
  yaml::Tree tree;
  JsonView view;
  std::vector<Diagnostic> diagnostics;
  SchemaChecked(FileKind kind, std::string text);
  std::string text_of(TextRange r) const;
  // One line per diagnostic, "[code severity] 'text': message", for failure messages.
  std::string dump() const;
};

// `text` with the first `from` replaced by `to`; a test fails if `from` is not in it.
std::string with(std::string text, const std::string& from, const std::string& to);

}  // namespace amllint::testing
