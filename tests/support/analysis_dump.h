// Everything a caller can see of an analysis, written out as one string, so that two analyses
// of the same text can be compared whole: the tree node by node (kinds, styles, values, tags,
// every range, weights), the diagnostics with their fixes, and the memo a later edit reuses.
// Shared by the incremental analysis test and fuzz harness.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "analyze.h"
#include "incremental/memo.h"
#include "syntax/yaml_tree.h"

namespace amllint::testing {

inline void dump(const yaml::Node* n, std::ostringstream& out) {
  if (!n) {
    out << "~";
    return;
  }
  out << static_cast<int>(n->kind) << '/' << static_cast<int>(n->style) << '/' << n->flow << '/'
      << n->weight << '@' << n->range.begin << '-' << n->range.end << '!' << n->tag << '='
      << n->value << '{';
  for (const yaml::Pair& p : n->pairs) {
    out << (p.merged ? "m" : "") << '(';
    dump(p.key, out);
    out << ':';
    dump(p.value, out);
    out << ')';
  }
  out << '[';
  for (const yaml::Node* item : n->items) {
    dump(item, out);
    out << ',';
  }
  out << "]}";
}

inline void dump(const std::vector<Diagnostic>& ds, std::ostringstream& out) {
  for (const Diagnostic& d : ds) {
    out << d.range.begin << '-' << d.range.end << ' ' << severity_name(d.severity) << ' ' << d.code
        << ' ' << d.message << '\n';
    for (const Fix& f : d.fixes) {
      out << "  fix " << f.title << ' ' << applicability_name(f.applicability) << '\n';
      for (const TextEdit& e : f.edits)
        out << "    " << e.range.begin << '-' << e.range.end << ' ' << e.new_text << '\n';
    }
  }
}

// Everything a caller can see of an analysis, in one string to compare.
inline std::string dump(const Analysis& a) {
  std::ostringstream out;
  out << "kind " << static_cast<int>(a.kind) << " ignored " << a.ignored << '\n';
  if (a.tree) {
    dump(a.tree->root, out);
    out << "\nsyntax_error " << a.tree->syntax_error << " aliases " << a.tree->has_aliases
        << " tree diagnostics " << a.tree->diagnostics.size() << '\n';
  }
  dump(a.diagnostics, out);
  out << "memo " << (a.memo != nullptr) << '\n';
  if (a.memo) {
    dump(a.memo->schema, out);
    out << "step rules\n";
    dump(a.memo->step_rules.diagnostics, out);
    for (const TextRange& r : a.memo->step_rules.superseded)
      out << "superseded " << r.begin << '-' << r.end << '\n';
    out << "rule failed " << a.memo->step_rules.rule_failed << '\n';
  }
  return out.str();
}

// Where two dumps first differ, with a little context, to read the finding at once.
inline std::string dump_difference(const std::string& got, const std::string& want) {
  size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  size_t from = i < 300 ? 0 : i - 300;
  return "--- incremental (from byte " + std::to_string(from) + ")\n" + got.substr(from, 900) +
         "\n--- full\n" + want.substr(from, 900);
}

}  // namespace amllint::testing
