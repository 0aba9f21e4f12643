// Every LSP feature of amlls at positions picked from the input (inside lines, past their ends,
// past the last line, near 2^32), in both position encodings, on a fuzzed document opened beside
// the sandbox's component. Results must serialise, lie inside the document, and a quick fix,
// fix-all or rename must leave a document that parsed still parsing.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "features/code_actions.h"
#include "features/completion.h"
#include "features/definition.h"
#include "features/diagnostics.h"
#include "features/document_links.h"
#include "features/document_symbols.h"
#include "features/feature_input.h"
#include "features/folding_ranges.h"
#include "features/hover.h"
#include "features/references.h"
#include "features/rename.h"
#include "features/semantic_tokens.h"
#include "fuzz_support.h"
#include "positions.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"

using namespace amllint;
using namespace amlls;
using json = nlohmann::json;

namespace {

constexpr const char* kUri = "file:///fuzz/job.yml";
constexpr const char* kComponentUri = "file:///fuzz/component.yml";

bool parses(const Document& doc) {
  return !yaml::parse(doc).syntax_error;
}

void check_range(const Document& doc, const lsp::Range& r, const std::string& what) {
  std::string where =
      what + " " + json(r).dump() + " in " + std::to_string(doc.line_count()) + " lines";
  FUZZ_CHECK(r.start.line < doc.line_count() && r.end.line < doc.line_count(), where);
  FUZZ_CHECK(r.start.line < r.end.line ||
                 (r.start.line == r.end.line && r.start.character <= r.end.character),
             where);
}

// Applies the edits a workspace edit makes to `uri`; they must not overlap.
std::string apply(const Document& doc, PositionEncoding enc, const lsp::WorkspaceEdit& edit,
                  const std::string& uri) {
  auto it = edit.changes.find(uri);
  if (it == edit.changes.end()) return doc.text();
  std::vector<std::pair<TextRange, std::string>> edits;
  for (const lsp::TextEdit& e : it->second) {
    check_range(doc, e.range, "edit");
    edits.push_back({to_text_range(doc, e.range, enc), e.new_text});
  }
  std::sort(edits.begin(), edits.end(),
            [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
  std::string out;
  uint32_t pos = 0;
  for (const auto& [range, text] : edits) {
    FUZZ_CHECK(range.begin >= pos && range.begin <= range.end && range.end <= doc.size(),
               "overlapping or reversed edits: " + json(edit).dump());
    out.append(doc.text(), pos, range.begin - pos);
    out += text;
    pos = range.end;
  }
  out.append(doc.text(), pos, std::string::npos);
  return out;
}

lsp::Position pick_position(fuzz::Picker& pick, const Document& doc) {
  uint32_t lines = doc.line_count();
  switch (pick.below(8)) {
    case 0: return {pick.below(lines + 3), pick.below(4)};
    case 1: return {lines + pick.below(3), pick.below(100)};
    case 2: return {pick.below(lines), 0xFFFFFFFFu - pick.below(3)};
    case 3: return {0x7FFFFFFFu + pick.below(3), pick.below(10)};
    default: {
      uint32_t line = pick.below(lines);
      uint32_t width = static_cast<uint32_t>(doc.line_text(line).size());
      return {line, pick.below(width + 3)};
    }
  }
}

void run_features(const FeatureInput& in, const std::vector<FeatureInput>& others,
                  fuzz::Picker& pick, bool parsed) {
  const Document& doc = in.doc;
  for (const lsp::Diagnostic& d : lsp_diagnostics(in)) check_range(doc, d.range, "diagnostic");
  for (const lsp::DocumentSymbol& s : document_symbols(in)) {
    json j = s;
    check_range(doc, s.range, "symbol");
  }
  for (const lsp::FoldingRange& f : folding_ranges(in)) {
    FUZZ_CHECK(f.start_line <= f.end_line && f.end_line < doc.line_count(), json(f).dump());
  }
  for (const lsp::DocumentLink& l : document_links(in)) check_range(doc, l.range, "link");
  std::vector<uint32_t> tokens = semantic_tokens(in);
  FUZZ_CHECK(tokens.size() % 5 == 0, "semantic tokens come in fives");

  for (int i = 0; i < 6; ++i) {
    lsp::Position at = pick_position(pick, doc);
    std::string where = " at " + json(at).dump();
    json j = completion(in, at);
    if (auto h = hover(in, at)) {
      j = *h;
      if (h->range) check_range(doc, *h->range, "hover" + where);
    }
    for (const lsp::Location& l : definition(in, at)) j = l;
    for (const lsp::Location& l : references(in, at, i % 2 == 0))
      if (l.uri == kUri) check_range(doc, l.range, "reference" + where);

    RenameRefusal refusal;
    if (auto r = prepare_rename(in, at, others, &refusal))
      check_range(doc, r->range, "prepare rename" + where);
    static const char* kNames[] = {"renamed", "x_2", "", "a b", "${{x}}", "ünï"};
    std::string name = kNames[pick.below(6)];
    if (auto edit = rename(in, at, name, others, &refusal)) {
      j = *edit;
      std::string renamed = apply(doc, in.encoding, *edit, kUri);
      if (parsed)
        FUZZ_CHECK(parses(Document(renamed)),
                   "rename to `" + name + "`" + where + " broke the YAML:\n" + renamed);
    }

    lsp::Position to = pick_position(pick, doc);
    std::vector<std::string> only;
    if (pick.below(3) == 0) only = {"quickfix"};
    for (const lsp::CodeAction& a : code_actions(in, {at, to}, only)) {
      j = a;
      std::string fixed = apply(doc, in.encoding, a.edit, kUri);
      if (parsed)
        FUZZ_CHECK(parses(Document(fixed)),
                   "code action `" + a.title + "` broke the YAML:\n" + fixed);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::sandbox();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const AnalysisOptions options = fuzz::sandbox_options();
  const Document doc(text);
  const Analysis analysis = analyze(doc, options);

  // The sandbox's component, open beside it: rename reaches across documents.
  static const Document component_doc(
      fuzz::sandbox().env->read(fuzz::sandbox().root + "/component.yml").value_or(""));
  AnalysisOptions component_options = options;
  component_options.path = fuzz::sandbox().root + "/component.yml";
  static const Analysis component = analyze(component_doc, component_options);

  fuzz::Picker pick(text);
  const bool parsed = !analysis.tree || !analysis.tree->syntax_error;
  for (PositionEncoding enc : {PositionEncoding::Utf16, PositionEncoding::Utf8}) {
    std::shared_ptr<const JsonView> view;
    std::shared_ptr<const std::string> fixed;
    FeatureInput in{kUri, options.path, doc, analysis, enc, &view, nullptr};
    in.options = &options;
    in.fixed_text_cache = &fixed;
    FeatureInput other{
        kComponentUri, component_options.path, component_doc, component, enc, nullptr, nullptr};
    run_features(in, {other}, pick, parsed);
  }
  return 0;
}
