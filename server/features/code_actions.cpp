#include "code_actions.h"

#include <algorithm>

#include "diagnostics.h"
#include "suppressions.h"

namespace amlls {
namespace {

bool kind_wanted(std::string_view kind, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  for (const auto& o : only) {
    if (kind == o ||
        (kind.size() > o.size() && kind.substr(0, o.size()) == o && kind[o.size()] == '.'))
      return true;
  }
  return false;
}

lsp::WorkspaceEdit workspace_edit(const FeatureInput& in,
                                  const std::vector<amllint::TextEdit>& edits) {
  lsp::WorkspaceEdit we;
  auto& list = we.changes[std::string(in.uri)];
  for (const auto& e : edits) list.push_back({in.range(e.range), e.new_text});
  return we;
}

bool overlaps(amllint::TextRange a, amllint::TextRange b) {
  // Two insertions at one point also conflict: their order would be arbitrary.
  if (a.empty() && b.empty()) return a.begin == b.begin;
  return a.begin < b.end && b.begin < a.end;
}

}  // namespace

std::vector<amllint::TextEdit> safe_fix_edits(const std::vector<amllint::Diagnostic>& diagnostics) {
  std::vector<const amllint::Fix*> fixes;
  // As `amllint --fix`: the first safe fix of each diagnostic, in text order.
  for (const auto& d : diagnostics) {
    for (const auto& f : d.fixes) {
      if (f.safe && !f.edits.empty()) {
        fixes.push_back(&f);
        break;
      }
    }
  }
  std::vector<amllint::TextEdit> accepted;
  for (const amllint::Fix* f : fixes) {
    bool clash = std::any_of(f->edits.begin(), f->edits.end(), [&](const amllint::TextEdit& e) {
      return std::any_of(accepted.begin(), accepted.end(),
                         [&](const amllint::TextEdit& a) { return overlaps(a.range, e.range); });
    });
    if (!clash) accepted.insert(accepted.end(), f->edits.begin(), f->edits.end());
  }
  std::stable_sort(accepted.begin(), accepted.end(),
                   [](const auto& a, const auto& b) { return a.range.begin < b.range.begin; });
  return accepted;
}

std::vector<lsp::CodeAction> code_actions(const FeatureInput& in, lsp::Range range,
                                          const std::vector<std::string>& only) {
  std::vector<lsp::CodeAction> actions;
  if (!in.is_azure_ml()) return actions;
  amllint::TextRange want = to_text_range(in.doc, range, in.encoding);

  if (kind_wanted("quickfix", only)) {
    for (const auto& d : in.analysis.diagnostics) {
      // A cursor touching either end of the diagnostic counts as inside it.
      if (d.range.begin > want.end || want.begin > d.range.end) continue;
      lsp::Diagnostic ld = to_lsp(in, d);
      for (const auto& f : d.fixes) {
        lsp::CodeAction a;
        a.title = f.title;
        a.kind = "quickfix";
        a.diagnostics = {ld};
        a.edit = workspace_edit(in, f.edits);
        a.is_preferred = f.safe && d.fixes.size() == 1;
        actions.push_back(std::move(a));
      }
      if (!d.code.empty()) {
        lsp::CodeAction a;
        a.title = "Disable " + d.code + " for this line";
        a.kind = "quickfix";
        a.diagnostics = {ld};
        a.edit = workspace_edit(in, {amllint::suppression_edit(in.doc, d.range.begin, d.code)});
        actions.push_back(std::move(a));
      }
    }
  }

  if (kind_wanted(kFixAllKind, only)) {
    auto edits = safe_fix_edits(in.analysis.diagnostics);
    if (!edits.empty()) {
      lsp::CodeAction a;
      a.title = "Fix all auto-fixable amllint problems";
      a.kind = kFixAllKind;
      a.edit = workspace_edit(in, edits);
      actions.push_back(std::move(a));
    }
  }
  return actions;
}

}  // namespace amlls
