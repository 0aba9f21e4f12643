// Where the cursor is in YAML terms, read from the text around it rather than the tree, so that
// completion works in a half-typed file that does not parse.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "syntax/document.h"

namespace amllint::nav {

struct CursorContext {
  enum class Mode { Key, Value, Expression };
  Mode mode = Mode::Key;
  // JSON pointer tokens of the mapping that holds (or will hold) the key at the cursor.
  std::vector<std::string> path;
  std::string key;             // Value mode: the key whose value is being typed
  std::string partial;         // what is typed so far of the key, value or last expression segment
  uint32_t partial_begin = 0;  // byte offset where `partial` starts (the edit range's start)
  uint32_t column = 0;         // column of the key (Key mode)
  std::set<std::string> siblings;  // keys already written in the same mapping
  // Expression mode: the dotted segments typed after `${{` before the one being typed.
  std::vector<std::string> expression;

  std::string pointer() const;  // RFC 6901, "" for the root
};

CursorContext cursor_context(const Document& doc, uint32_t offset);

// JSON pointer tokens of the mapping that holds the key written at `column` of `line`.
std::vector<std::string> owner_path(const Document& doc, uint32_t line, uint32_t column);

}  // namespace amllint::nav
