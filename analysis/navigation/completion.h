// What may be typed at a cursor: keys the schema allows in the mapping being written, values of a
// closed set, and, after `${{`, the names in scope. Names in bindings are looked up with
// `lookup_for` (model/binding_scope.h), the lookup of the undefined-reference rules, so that
// every name offered is one the rules accept (tests/unit/navigation_agreement_test.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"
#include "environment.h"

namespace amllint {
struct JsonView;
}

namespace amllint::nav {

struct CompletionItem {
  enum class Kind {
    Key,    // a schema key (its `new_text` is a snippet)
    Value,  // a value of a closed set
    Scope,  // `inputs`, `parent`, `jobs`, ...: a segment that is followed by a name
    Name,   // an input, output or search-space parameter
    Step,   // a pipeline step
    Asset,  // an `azureml:` name
  };
  std::string label;
  Kind kind = Kind::Key;
  TextRange replace;  // what the item replaces: the part already typed
  std::string new_text;
  bool snippet = false;  // `new_text` uses LSP snippet syntax
  std::string detail;
  std::string documentation;  // markdown
  std::string sort_text;
  std::string filter_text;
};

// `view` is the typed JSON of `analysis.tree` (typed_view.h). After `azureml:` the names come
// from the workspace index of `path`'s project read through `env` (navigation/assets.h); with
// no `env` only curated names are offered.
std::vector<CompletionItem> complete(const Document& doc, const Analysis& analysis,
                                     const JsonView& view, uint32_t offset,
                                     const std::string& path = {}, Environment* env = nullptr);

// The names that complete a binding's next segment at `offset`, once `typed` segments are
// written after `${{` (`{"parent", "jobs", "train", "outputs"}`).
std::vector<CompletionItem> binding_completions(const Document& doc, const Analysis& analysis,
                                                uint32_t offset,
                                                const std::vector<std::string>& typed);

}  // namespace amllint::nav
