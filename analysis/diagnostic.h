// Diagnostics, ranges and fixes: the vocabulary every part of amllint speaks.
#pragma once

#include <cstdint>
#include <string>
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

struct Fix {
  std::string title;
  std::vector<TextEdit> edits;
  // A safe fix keeps the meaning the user intended; only safe fixes are applied by "fix all".
  bool safe = true;
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
