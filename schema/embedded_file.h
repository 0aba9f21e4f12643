// A file compiled into the binaries (schemas, rule documentation): nothing is read at run time.
#pragma once

#include <string_view>

namespace amllint {

struct EmbeddedFile {
  std::string_view name;  // file name without folders, e.g. "command_job.json"
  std::string_view text;
};

}  // namespace amllint
