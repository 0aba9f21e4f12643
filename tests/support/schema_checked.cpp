#include "schema_checked.h"

#include <gtest/gtest.h>

namespace amllint::testing {

SchemaChecked::SchemaChecked(FileKind kind, std::string text)
    : doc(std::move(text)), tree(yaml::parse(doc)), view(to_json(tree.root)) {
  diagnostics = validate_schema(kind, view);
}

std::string SchemaChecked::text_of(TextRange r) const {
  return doc.text().substr(r.begin, r.end - r.begin);
}

std::string SchemaChecked::dump() const {
  std::string out;
  for (const auto& d : diagnostics)
    out += "[" + d.code + " " + severity_name(d.severity) + "] '" + text_of(d.range) +
           "': " + d.message + "\n";
  return out;
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

}  // namespace amllint::testing
