// The strings a job uses to point at things, on any text: asset references and URIs, secrets,
// `.amlignore` globs (checked against the plain recursive matcher on short inputs), the CLI's
// path globs, and `.amllint.yaml`.
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/ignore_rules.h"
#include "fuzz_support.h"
#include "glob.h"
#include "model/uri.h"
#include "reference_glob.h"

using namespace amllint;
using fuzz::check_range;

namespace {

void check_reference(std::string_view text) {
  Reference r = parse_reference(text);
  (void)reference_kind_name(r.kind);
  (void)is_remote(r.kind);
  for (const ReferencePart& p : r.parts) {
    check_range(p.range, text.size(), "part " + p.role);
    FUZZ_CHECK(p.value == text.substr(p.range.begin, p.range.end - p.range.begin),
               "part " + p.role + " is not its range");
    FUZZ_CHECK(r.part(p.role) != nullptr, "part lookup");
  }
  if (r.kind == ReferenceKind::Malformed) {
    FUZZ_CHECK(!r.error.empty(), "a malformed reference without a reason");
    check_range(r.error_range, text.size(), "error");
  }
  for (const SecretFinding& s : find_secrets(text)) {
    check_range(s.range, text.size(), secret_kind_name(s.kind));
  }
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// The first line is a glob, the others paths; the whole text is also an ignore file.
void check_globs(std::string_view text) {
  std::vector<std::string_view> lines = lines_of(text);
  std::string_view glob = lines[0];
  IgnoreRules rules;
  rules.add(text, "sub");
  for (size_t i = 1; i < lines.size() && i < 64; ++i) {
    std::string_view path = lines[i];
    bool linear = glob_match(glob, path);
    if (glob.size() <= 12 && path.size() <= 16)
      FUZZ_CHECK(linear == reference::glob_match(glob, path),
                 "glob `" + std::string(glob) + "` on `" + std::string(path) +
                     "`: " + (linear ? "matches" : "does not match"));
    (void)rules.ignored("sub/" + std::string(path), i % 2 == 0);
    (void)cli::glob_match(glob, path);
  }
  (void)cli::has_wildcards(glob);
  cli::GlobParts parts = cli::split_glob(glob);
  FUZZ_CHECK(parts.base.size() + parts.rest.size() <= glob.size() + 1, "split_glob grew");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_reference(text);
  check_globs(text);
  Config c = parse_config(text, "/project/.amllint.yaml");
  std::vector<Diagnostic> diagnostics = {{{0, 1}, Severity::Error, "unknown-key", "x", {}}};
  c.apply(diagnostics);
  (void)c.ignores("/project/generated/x.yml");
  return 0;
}
