#include "code_actions.h"

#include <algorithm>

#include "config/suppressions.h"
#include "diagnostics.h"
#include "fixes/fix_all.h"

namespace amlls {

bool kind_wanted(std::string_view kind, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  for (const auto& o : only) {
    if (kind == o ||
        (kind.size() > o.size() && kind.substr(0, o.size()) == o && kind[o.size()] == '.'))
      return true;
  }
  return false;
}

namespace {

lsp::WorkspaceEdit workspace_edit(const FeatureInput& in,
                                  const std::vector<amllint::TextEdit>& edits) {
  lsp::WorkspaceEdit we;
  auto& list = we.changes[std::string(in.uri)];
  for (const auto& e : edits) list.push_back({in.range(e.range), e.new_text});
  return we;
}

// One edit that turns `before` into `after`: the span between their common prefix and suffix.
amllint::TextEdit difference(std::string_view before, std::string_view after) {
  size_t prefix = 0;
  while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix])
    ++prefix;
  size_t suffix = 0;
  while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  // Keep whole UTF-8 characters on both sides of the edit so that positions stay exact.
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  while (prefix > 0 && ((prefix < before.size() && continuation(before[prefix])) ||
                        (prefix < after.size() && continuation(after[prefix]))))
    --prefix;
  while (suffix > 0 && (continuation(before[before.size() - suffix]) ||
                        continuation(after[after.size() - suffix])))
    --suffix;
  return {{static_cast<uint32_t>(prefix), static_cast<uint32_t>(before.size() - suffix)},
          std::string(after.substr(prefix, after.size() - suffix - prefix))};
}

}  // namespace

std::shared_ptr<const std::string> fixed_text(const FeatureInput& in) {
  // Most documents have nothing to fix: find that out without analysing anything.
  if (amllint::choose_safe_fixes(in.analysis.diagnostics).empty()) return nullptr;
  std::shared_ptr<const std::string> local;
  auto& slot = in.fixed_text_cache ? *in.fixed_text_cache : local;
  if (!slot) {
    if (!in.may_analyse) return nullptr;
    // Each pass re-analyses the fixed text, so this runs once per analysis, on request.
    static const amllint::AnalysisOptions kDefaults;
    amllint::FixOutcome out =
        amllint::fix_all(in.doc.text(), in.options ? *in.options : kDefaults, in.analysis);
    slot = std::make_shared<const std::string>(std::move(out.text));
  }
  return *slot == in.doc.text() ? nullptr : slot;
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
        a.is_preferred = f.safe() && d.fixes.size() == 1;
        actions.push_back(std::move(a));
      }
      auto suppression = d.code.empty() ? std::nullopt
                                        : amllint::suppression_edit(in.doc, in.analysis.tree.get(),
                                                                    d.range.begin, d.code);
      if (suppression) {
        lsp::CodeAction a;
        a.title = "Disable " + d.code + " for this line";
        a.kind = "quickfix";
        a.diagnostics = {ld};
        a.edit = workspace_edit(in, {*suppression});
        actions.push_back(std::move(a));
      }
    }
  }

  if (kind_wanted(kFixAllKind, only)) {
    if (auto fixed = fixed_text(in)) {
      lsp::CodeAction a;
      a.title = "Fix all auto-fixable amllint problems";
      a.kind = kFixAllKind;
      a.edit = workspace_edit(in, {difference(in.doc.text(), *fixed)});
      actions.push_back(std::move(a));
    }
  }
  return actions;
}

}  // namespace amlls
