// file:// URIs <-> filesystem paths (RFC 8089 as VS Code and Neovim write them).
#pragma once

#include <string>
#include <string_view>

namespace amlls {

// The local path of a file URI, or empty for other schemes (untitled:, etc.).
std::string uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view absolute_path);

}  // namespace amlls
