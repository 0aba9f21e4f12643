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
#include "model/job_model.h"
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

inline void dump_range(const yaml::Node* n, std::ostringstream& out) {
  if (n)
    out << n->range.begin << '-' << n->range.end;
  else
    out << '~';
}

inline void dump(const std::vector<Port>& ports, std::ostringstream& out) {
  for (const Port& p : ports) {
    out << "  port " << p.name << ' ';
    dump_range(p.key, out);
    out << ' ';
    dump_range(p.value, out);
    out << ' ' << p.type << ' ' << p.mode << ' ' << p.optional << p.has_default << p.is_literal
        << '\n';
  }
}

// A model and the models inside it: ports, steps, and every binding with its scope and owner
// (named by the owner's root, which is unique per model).
inline void dump(const JobModel& m, std::ostringstream& out, int depth = 0) {
  if (depth > 8) return;
  out << "model " << static_cast<int>(m.kind) << ' ';
  dump_range(m.root, out);
  out << ' ' << m.base_dir << '\n';
  dump(m.inputs, out);
  dump(m.outputs, out);
  dump(m.search_space, out);
  for (const Step& s : m.steps) {
    out << " step " << s.name << ' ';
    dump_range(s.key, out);
    out << ' ';
    dump_range(s.node, out);
    out << ' ' << s.type << ' ';
    dump_range(s.component, out);
    out << ' ' << s.component_path << ' ' << (s.component_file != nullptr) << '\n';
    dump(s.inputs, out);
    dump(s.outputs, out);
    if (s.inline_model) dump(*s.inline_model, out, depth + 1);
  }
  for (const BoundExpression& e : m.bindings) {
    const Binding& b = e.binding;
    out << " binding " << b.path << ' ' << b.range.begin << '-' << b.range.end << ' '
        << b.path_range.begin << '-' << b.path_range.end << ' ' << b.name_range.begin << '-'
        << b.name_range.end << ' ' << b.step_range.begin << '-' << b.step_range.end << ' '
        << static_cast<int>(b.kind) << ' ' << static_cast<int>(e.scope) << ' ' << e.step << ' '
        << e.pointer << " in ";
    dump_range(e.scalar, out);
    out << " of ";
    dump_range(e.owner ? e.owner->root : nullptr, out);
    for (const BindingSegment& seg : b.segments)
      out << ' ' << seg.range.begin << '-' << seg.range.end;
    out << '\n';
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
  if (a.model) dump(*a.model, out);
  out << "memo " << (a.memo != nullptr) << '\n';
  if (a.memo) {
    dump(a.memo->schema, out);
    out << "step rules\n";
    dump(a.memo->step_rules.diagnostics, out);
    for (const TextRange& r : a.memo->step_rules.superseded)
      out << "superseded " << r.begin << '-' << r.end << '\n';
    out << "rule failed " << a.memo->step_rules.rule_failed << '\n';
    out << "interface " << a.memo->step_interface << "\ninterface rules\n";
    dump(a.memo->interface_rules.diagnostics, out);
    for (const TextRange& r : a.memo->interface_rules.superseded)
      out << "superseded " << r.begin << '-' << r.end << '\n';
    out << "rule failed " << a.memo->interface_rules.rule_failed << '\n';
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
