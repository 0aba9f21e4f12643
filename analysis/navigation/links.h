// Local files a document refers to (`component:`, `code:`, `conda_file:`, local `path:` and
// `model:`), resolved from the file's folder the way the rules resolve them
// (resolve_local, model/uri.h), and only those that exist in the Environment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"
#include "environment.h"

namespace amllint::nav {

struct FileLink {
  TextRange range;   // the value's characters, quotes left out
  std::string path;  // the existing file or folder, normalised
};

// `path` is the analysed file's path; an unsaved buffer (empty path) links nothing.
std::vector<FileLink> file_links(const Analysis& analysis, const std::string& path,
                                 Environment& env);

// The link whose value holds `offset`, if any.
std::optional<FileLink> file_link_at(const Analysis& analysis, const std::string& path,
                                     Environment& env, uint32_t offset);

}  // namespace amllint::nav
