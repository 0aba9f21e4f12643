#include "navigation/cursor_context.h"

#include <algorithm>

#include "syntax/json_view.h"

namespace amllint::nav {
namespace {

// One line as block YAML sees it.
struct LineShape {
  bool content = false;  // not blank, not a comment
  uint32_t indent = 0;
  int dash = -1;        // column of a leading `- `
  int key_column = -1;  // column of a `key:` on the line (after the dash, if any)
  std::string key;
};

LineShape shape(std::string_view line) {
  LineShape s;
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || line[i] == '#') return s;
  s.content = true;
  s.indent = static_cast<uint32_t>(i);
  if (line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ')) {
    s.dash = static_cast<int>(i);
    size_t j = line.find_first_not_of(' ', i + 1);
    if (j == std::string_view::npos) return s;
    i = j;
  }
  // A key ends at the first `:` followed by a space or the line end, outside quotes.
  char quote = 0;
  for (size_t j = i; j < line.size(); ++j) {
    char c = line[j];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if ((c == '"' || c == '\'') && j == i) {
      quote = c;
      continue;
    }
    if (c == '#' && j > i && line[j - 1] == ' ') return s;
    if (c == '{' || c == '[') return s;
    if (c == ':' && (j + 1 == line.size() || line[j + 1] == ' ' || line[j + 1] == '\t')) {
      std::string_view key = line.substr(i, j - i);
      while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
      if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') &&
          key.back() == key.front())
        key = key.substr(1, key.size() - 2);
      s.key_column = static_cast<int>(i);
      s.key = std::string(key);
      return s;
    }
  }
  return s;
}

// The index of the item whose dash is at `dash_column` on `line`, and the line of the key that
// owns the sequence (-1 when the sequence is the root).
std::pair<size_t, int> sequence_position(const Document& doc, uint32_t line, uint32_t dash_column) {
  size_t index = 0;
  for (int l = static_cast<int>(line) - 1; l >= 0; --l) {
    LineShape s = shape(doc.line_text(static_cast<uint32_t>(l)));
    if (!s.content) continue;
    if (s.dash == static_cast<int>(dash_column)) {
      ++index;
      continue;
    }
    if (s.indent > dash_column) continue;  // inside an earlier item
    // A key at the dash's column or left of it owns the sequence (`key:\n- a` is allowed).
    return {index, s.key_column >= 0 ? l : -2};
  }
  return {index, -1};
}

}  // namespace

std::vector<std::string> owner_path(const Document& doc, uint32_t line, uint32_t column) {
  std::vector<std::string> path;  // built leaf-first
  // The cursor's own line may open a sequence item that holds the key.
  LineShape self = shape(doc.line_text(line));
  int l = static_cast<int>(line);
  bool check_self_dash = self.dash >= 0 && static_cast<uint32_t>(self.dash) < column;
  while (true) {
    int found = -1;
    LineShape s;
    if (check_self_dash) {
      found = l;
      s = self;
      check_self_dash = false;
    } else {
      for (int k = l - 1; k >= 0; --k) {
        LineShape c = shape(doc.line_text(static_cast<uint32_t>(k)));
        if (!c.content) continue;
        bool dash_owns = c.dash >= 0 && static_cast<uint32_t>(c.dash) < column;
        bool key_owns = c.key_column >= 0 && static_cast<uint32_t>(c.key_column) < column;
        if (dash_owns || key_owns) {
          found = k;
          s = c;
          break;
        }
        if (c.indent < column) break;  // a line left of us that is no key: nothing owns us
      }
    }
    if (found < 0) break;
    if (s.key_column >= 0 && static_cast<uint32_t>(s.key_column) < column) {
      path.push_back(s.key);
      column = static_cast<uint32_t>(s.key_column);
      // The key may itself sit in a sequence item (`- name: x`): the dash owns it next.
      self = s;
      check_self_dash = s.dash >= 0;
      l = found;
      continue;
    }
    // A sequence item holds us.
    auto [index, owner] =
        sequence_position(doc, static_cast<uint32_t>(found), static_cast<uint32_t>(s.dash));
    path.push_back(std::to_string(index));
    if (owner < 0) break;
    LineShape o = shape(doc.line_text(static_cast<uint32_t>(owner)));
    path.push_back(o.key);
    column = static_cast<uint32_t>(o.key_column);
    self = o;
    check_self_dash = o.dash >= 0;
    l = owner;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::string CursorContext::pointer() const {
  std::string p;
  for (const auto& t : path) p += "/" + escape_pointer_token(t);
  return p;
}

CursorContext cursor_context(const Document& doc, uint32_t offset) {
  CursorContext ctx;
  uint32_t line = doc.line_of(offset);
  uint32_t start = doc.line_start(line);
  std::string_view before = std::string_view(doc.text()).substr(start, offset - start);

  // Inside an unclosed `${{`: complete the dotted path.
  size_t open = before.rfind("${{");
  if (open != std::string_view::npos && before.find("}}", open) == std::string_view::npos) {
    ctx.mode = CursorContext::Mode::Expression;
    std::string_view expr = before.substr(open + 3);
    size_t first = expr.find_first_not_of(' ');
    expr = first == std::string_view::npos ? std::string_view() : expr.substr(first);
    size_t dot;
    while ((dot = expr.find('.')) != std::string_view::npos) {
      ctx.expression.emplace_back(expr.substr(0, dot));
      expr.remove_prefix(dot + 1);
    }
    ctx.partial = std::string(expr);
    ctx.partial_begin = offset - static_cast<uint32_t>(expr.size());
  }

  LineShape s = shape(before);
  if (ctx.mode != CursorContext::Mode::Expression && s.key_column >= 0) {
    ctx.mode = CursorContext::Mode::Value;
    ctx.key = s.key;
    size_t colon = before.find(':', static_cast<size_t>(s.key_column) + s.key.size());
    size_t v = before.find_first_not_of(' ', colon + 1);
    if (v == std::string_view::npos) v = before.size();
    ctx.partial = std::string(before.substr(v));
    ctx.partial_begin = start + static_cast<uint32_t>(v);
  }
  if (ctx.mode == CursorContext::Mode::Key) {
    size_t word = before.find_first_not_of(' ');
    if (word != std::string_view::npos && before[word] == '-' &&
        (word + 1 == before.size() || before[word + 1] == ' ')) {
      word = before.find_first_not_of(' ', word + 1);
    }
    if (word == std::string_view::npos) word = before.size();
    ctx.partial = std::string(before.substr(word));
    ctx.partial_begin = start + static_cast<uint32_t>(word);
  }
  ctx.column = ctx.mode == CursorContext::Mode::Key
                   ? static_cast<uint32_t>(ctx.partial_begin - start)
                   : static_cast<uint32_t>(std::max(s.key_column, 0));
  ctx.path = owner_path(doc, line, ctx.column);

  // Keys already present at the key's column in the same block, above and below. A dash two
  // columns left of the key starts a sequence item: upwards it is our item's first line,
  // downwards the next item.
  auto scan = [&](int from, int step) {
    for (int l = from; l >= 0 && l < static_cast<int>(doc.line_count()); l += step) {
      LineShape c = shape(doc.line_text(static_cast<uint32_t>(l)));
      if (!c.content) continue;
      bool item_start = c.dash >= 0 && c.dash + 2 == static_cast<int>(ctx.column);
      if (step > 0 && item_start) break;
      if (c.key_column == static_cast<int>(ctx.column)) {
        ctx.siblings.insert(c.key);
        if (item_start) break;
        continue;
      }
      if (c.indent < ctx.column) break;
    }
  };
  LineShape here = shape(doc.line_text(line));
  if (!(here.dash >= 0 && here.dash + 2 == static_cast<int>(ctx.column)))
    scan(static_cast<int>(line) - 1, -1);
  scan(static_cast<int>(line) + 1, +1);
  ctx.siblings.erase(ctx.key);
  return ctx;
}

}  // namespace amllint::nav
