// YAML syntax errors in words a user knows. yaml-cpp names parser states ("illegal map value",
// "end of map not found"); these messages name the mistake ("a tab character cannot indent
// YAML", "quote this value: it contains `: `") and, where the intent is plain, offer a fix.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {
class Document;
}

namespace amllint::yaml {

struct SyntaxExplanation {
  std::string message;  // "invalid YAML: ..."
  // Errors of one group are one mistake seen on several lines (tab indentation, a block
  // indented too deep): the parser reports it once. Empty for a mistake of its own.
  std::string group;
  TextRange range;  // what to underline
  // The lines this one mistake spans (the error's line first), when it spans several: every
  // tab-indented line, or a block indented too deep. Recovery mends or sets aside all of them.
  std::vector<uint32_t> lines;
  // Same-length edits that let the parse go on with what the line means (the `: ` of a value
  // read as spaces), so that recovery need not blank the line and lose its key. Empty when the
  // line has to be set aside. (Tab indentation is re-read at a tab width by the parser.)
  std::vector<TextEdit> mend;
  // The line the mistake is on when that is above the line yaml-cpp stopped at (a key without
  // its `:` swallows the lines below it); recovery sets that line aside. -1: the error's line.
  int64_t culprit_line = -1;
  // A fix when the intent is plain; never safe (the text does not parse, so it is a guess).
  std::vector<TextEdit> edits;
  std::string fix_title;
};

// `src` is the text being parsed: offsets and lines as in `doc` (recovery blanks lines in place,
// line endings are normalised in place). `offset` is where yaml-cpp stopped and `yaml_message`
// what it said.
SyntaxExplanation explain_syntax_error(const Document& doc, std::string_view src, uint32_t offset,
                                       std::string_view yaml_message);

// The edits that replace the tabs in the indentation of `line` by two spaces each.
std::vector<TextEdit> tab_indent_edits(const Document& doc, std::string_view src, uint32_t line);

}  // namespace amllint::yaml
