// Diagnostics, ranges and fixes: the vocabulary every part of amllint speaks.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace amllint {

// A half-open range of byte offsets into a Document's text (BOM already stripped).
struct TextRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return begin == end; }
  bool contains(uint32_t offset) const { return begin <= offset && offset < end; }
  friend bool operator==(const TextRange&, const TextRange&) = default;
};

struct TextEdit {
  TextRange range;
  std::string new_text;
};

// How sure a fix is to keep what the user meant. `amllint --fix` and the editor's
// source.fixAll apply Safe fixes only; Unsafe ones need --unsafe-fixes or a click.
// Policy: Safe = the edit cannot change what the file means to the user (quoting an
// implicit boolean, `$<<x>>` -> `${{x}}`). Unsafe = anything that guesses or removes:
// a did-you-mean of a key, binding name, asset, port or scheme; deleting a `name:` line;
// re-indenting text whose intended structure is only inferred. When in doubt, Unsafe.
enum class Applicability { Safe, Unsafe };

const char* applicability_name(Applicability a);

// A fix states its applicability where it is made: there is no default, so that every new
// fix is a decision (an aggregate `{title, edits}` does not compile).
struct Fix {
  Fix(std::string title, std::vector<TextEdit> edits, Applicability applicability)
      : title(std::move(title)), edits(std::move(edits)), applicability(applicability) {}
  std::string title;
  std::vector<TextEdit> edits;
  Applicability applicability;
  bool safe() const { return applicability == Applicability::Safe; }
};

enum class Severity { Error = 1, Warning = 2, Info = 3 };

const char* severity_name(Severity s);

struct Diagnostic {
  TextRange range;
  Severity severity = Severity::Error;
  std::string code;     // stable rule id, e.g. "unknown-key"
  std::string message;  // one sentence a person can act on
  std::vector<Fix> fixes;
};

// Sorts by position, then code, and drops exact duplicates.
void normalize(std::vector<Diagnostic>& diagnostics);

}  // namespace amllint
