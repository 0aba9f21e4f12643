#include "protocol.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace amlls::lsp {

using nlohmann::json;

void to_json(json& j, const Position& p) {
  j = {{"line", p.line}, {"character", p.character}};
}

namespace {

uint32_t coordinate(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end()) throw ShapeError(std::string("position.") + name + " is missing");
  constexpr uint64_t kMax = UINT32_MAX;
  if (it->is_number_unsigned()) return static_cast<uint32_t>(std::min(it->get<uint64_t>(), kMax));
  if (it->is_number_integer()) {
    int64_t v = it->get<int64_t>();
    if (v >= 0) return static_cast<uint32_t>(std::min<uint64_t>(static_cast<uint64_t>(v), kMax));
  } else if (it->is_number_float()) {
    // JSON does not tell 6 from 6.0, and numbers past 2^64 arrive as doubles.
    double v = it->get<double>();
    if (v >= 0 && v == std::floor(v))
      return v >= static_cast<double>(kMax) ? UINT32_MAX : static_cast<uint32_t>(v);
  }
  throw ShapeError(std::string("position.") + name + " must be a non-negative integer");
}

const json& member_object(const json& j, const char* name, const char* what) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_object())
    throw ShapeError(std::string(what) + "." + name + " must be an object");
  return *it;
}

}  // namespace

void from_json(const json& j, Position& p) {
  if (!j.is_object()) throw ShapeError("a position must be an object");
  p.line = coordinate(j, "line");
  p.character = coordinate(j, "character");
}

void to_json(json& j, const Range& r) {
  j = {{"start", r.start}, {"end", r.end}};
}

void from_json(const json& j, Range& r) {
  if (!j.is_object()) throw ShapeError("a range must be an object");
  r.start = member_object(j, "start", "range").get<Position>();
  r.end = member_object(j, "end", "range").get<Position>();
}

void to_json(json& j, const TextEdit& e) {
  j = {{"range", e.range}, {"newText", e.new_text}};
}

void to_json(json& j, const Location& l) {
  j = {{"uri", l.uri}, {"range", l.range}};
}

void to_json(json& j, const Diagnostic& d) {
  j = {{"range", d.range},
       {"severity", static_cast<int>(d.severity)},
       {"source", "amllint"},
       {"message", d.message}};
  if (!d.code.empty()) j["code"] = d.code;
}

void from_json(const json& j, Diagnostic& d) {
  d.range = j.at("range").get<Range>();
  d.severity = static_cast<DiagnosticSeverity>(j.value("severity", 1));
  if (auto it = j.find("code"); it != j.end() && it->is_string()) d.code = it->get<std::string>();
  d.message = j.value("message", "");
}

void to_json(json& j, const WorkspaceEdit& e) {
  json changes = json::object();
  for (const auto& [uri, edits] : e.changes) changes[uri] = edits;
  j = {{"changes", std::move(changes)}};
}

void to_json(json& j, const CodeAction& a) {
  j = {{"title", a.title}, {"kind", a.kind}, {"edit", a.edit}};
  if (!a.diagnostics.empty()) j["diagnostics"] = a.diagnostics;
  if (a.is_preferred) j["isPreferred"] = true;
}

void to_json(json& j, const DocumentSymbol& s) {
  j = {{"name", s.name},
       {"kind", static_cast<int>(s.kind)},
       {"range", s.range},
       {"selectionRange", s.selection_range}};
  if (!s.detail.empty()) j["detail"] = s.detail;
  if (!s.children.empty()) j["children"] = s.children;
}

void to_json(json& j, const FoldingRange& f) {
  j = {{"startLine", f.start_line}, {"endLine", f.end_line}};
  if (!f.kind.empty()) j["kind"] = f.kind;
}

void to_json(json& j, const DocumentLink& l) {
  j = {{"range", l.range}, {"target", l.target}};
  if (!l.tooltip.empty()) j["tooltip"] = l.tooltip;
}

void to_json(json& j, const Hover& h) {
  j = {{"contents", {{"kind", "markdown"}, {"value", h.markdown}}}};
  if (h.range) j["range"] = *h.range;
}

void to_json(json& j, const CompletionItem& c) {
  j = {{"label", c.label}, {"kind", static_cast<int>(c.kind)}};
  if (!c.detail.empty()) j["detail"] = c.detail;
  if (!c.documentation.empty())
    j["documentation"] = {{"kind", "markdown"}, {"value", c.documentation}};
  if (c.text_edit) j["textEdit"] = *c.text_edit;
  j["insertTextFormat"] = c.snippet ? 2 : 1;
  if (!c.sort_text.empty()) j["sortText"] = c.sort_text;
  if (!c.filter_text.empty()) j["filterText"] = c.filter_text;
}

void to_json(json& j, const CompletionList& c) {
  j = {{"isIncomplete", c.is_incomplete}, {"items", c.items}};
}

}  // namespace amlls::lsp
