// What the cursor is on, in words: the declaration a binding's name resolves to (by the lookup
// the undefined-reference rules use), what an `azureml:`/URI reference is made of, and the
// schema's type, description and allowed values of a key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "analyze.h"
#include "diagnostic.h"
#include "environment.h"

namespace amllint {
struct JsonView;
}

namespace amllint::nav {

struct HoverText {
  std::string markdown;
  TextRange range;
};

// `view` is the typed JSON of `analysis.tree` (typed_view.h). On an `azureml:` name it also says
// where the project declares it, from `path`'s workspace index read through `env` (if given).
std::optional<HoverText> hover_at(const Document& doc, const Analysis& analysis,
                                  const JsonView& view, uint32_t offset,
                                  const std::string& path = {}, Environment* env = nullptr);

}  // namespace amllint::nav
