// gitignore-syntax exclusion rules, as Azure ML applies `.amlignore` / `.gitignore` to a code
// snapshot: comments, negation, anchoring, `**`, directory-only patterns, and ignore files in
// subfolders that apply below their own folder.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace amllint {

struct IgnorePattern {
  std::string glob;       // without the leading '!', the anchoring '/', and the trailing '/'
  std::string base;       // folder of the ignore file, relative to the root ("" or "a/b/")
  bool negated = false;   // `!pattern` re-includes
  bool anchored = false;  // contains a '/' other than a trailing one: matched from `base`
  bool dir_only = false;  // trailing '/'
};

// Matches `path` against a gitignore glob where `*` and `?` stop at '/', `[...]` is a class, and
// `**` spans folders (`**/x`, `x/**`, `a/**/b`).
bool glob_match(std::string_view glob, std::string_view path);

class IgnoreRules {
 public:
  // Adds the patterns of one ignore file found in folder `base` ("" for the root; otherwise a
  // '/'-separated path relative to the root, with or without a trailing '/').
  void add(std::string_view file_text, std::string_view base = "");

  // `path` is relative to the root, '/'-separated. The last matching pattern wins; patterns of
  // deeper ignore files are added later and so take precedence, as in git.
  bool ignored(std::string_view path, bool is_dir) const;

  bool empty() const { return patterns_.empty(); }
  // Forgets patterns added after the first `count` (a walk leaving a subfolder).
  void truncate(size_t count) {
    if (count < patterns_.size()) patterns_.resize(count);
  }
  const std::vector<IgnorePattern>& patterns() const { return patterns_; }

 private:
  std::vector<IgnorePattern> patterns_;
};

// Parses one line of an ignore file; returns false for blanks and comments.
bool parse_ignore_line(std::string_view line, std::string_view base, IgnorePattern& out);

}  // namespace amllint
