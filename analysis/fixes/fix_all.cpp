#include "fixes/fix_all.h"

#include <algorithm>
#include <set>

#include "syntax/yaml_tree.h"

namespace amllint {
namespace {

bool touches(const TextRange& a, const TextRange& b) {
  return (a.begin < b.end && b.begin < a.end) || a.begin == b.begin;
}

bool parses(const Analysis& analysis) {
  return !analysis.tree || !analysis.tree->syntax_error;
}

constexpr int kMaxPasses = 10;

// Identifies a fix across passes, where its offsets move: its title and what it replaces.
std::string fix_identity(std::string_view text, const Fix& fix) {
  std::string id = fix.title;
  for (const TextEdit& e : fix.edits) {
    id += '\0';
    id += text.substr(std::min<size_t>(e.range.begin, text.size()),
                      e.range.end > e.range.begin ? e.range.end - e.range.begin : 0);
    id += '\0';
    id += e.new_text;
  }
  return id;
}

}  // namespace

std::vector<const Fix*> choose_fixes(const std::vector<Diagnostic>& diagnostics, FixScope scope) {
  std::vector<const Fix*> chosen;
  std::vector<TextRange> taken;
  for (const Diagnostic& d : diagnostics) {
    // A safe fix first: where a diagnostic offers both, the one that keeps the meaning wins.
    auto it = std::find_if(d.fixes.begin(), d.fixes.end(), [](const Fix& f) { return f.safe(); });
    if (it == d.fixes.end() && scope == Applicability::Unsafe) it = d.fixes.begin();
    if (it == d.fixes.end() || it->edits.empty()) continue;
    bool clash = false;
    for (size_t i = 0; i < it->edits.size() && !clash; ++i) {
      const TextRange& r = it->edits[i].range;
      if (r.begin > r.end) clash = true;
      for (const TextRange& t : taken) clash = clash || touches(r, t);
      for (size_t j = 0; j < i; ++j) clash = clash || touches(r, it->edits[j].range);
    }
    if (clash) continue;
    for (const TextEdit& e : it->edits) taken.push_back(e.range);
    chosen.push_back(&*it);
  }
  return chosen;
}

std::string apply_fixes(std::string_view text, const std::vector<const Fix*>& fixes) {
  std::vector<const TextEdit*> edits;
  for (const Fix* f : fixes)
    for (const TextEdit& e : f->edits) edits.push_back(&e);
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit* a, const TextEdit* b) { return a->range.begin < b->range.begin; });
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  for (const TextEdit* e : edits) {
    const size_t begin = std::min<size_t>(e->range.begin, text.size());
    const size_t end = std::min<size_t>(e->range.end, text.size());
    out.append(text.substr(pos, begin - pos));
    out += e->new_text;
    pos = end;
  }
  out.append(text.substr(pos));
  return out;
}

FixOutcome fix_all(const std::string& text, const AnalysisOptions& options, Analysis first,
                   FixScope scope) {
  FixOutcome out{text, {}, {}, std::move(first)};
  std::set<std::string> refused;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    auto fixes = choose_fixes(out.analysis.diagnostics, scope);
    // A fix refused once stays refused; offering it again must not loop.
    std::erase_if(fixes,
                  [&](const Fix* f) { return refused.count(fix_identity(out.text, *f)) > 0; });
    if (fixes.empty()) break;

    std::string candidate = apply_fixes(out.text, fixes);
    Analysis analysis = analyze(Document(candidate), options);
    if (parses(analysis)) {
      for (const Fix* f : fixes) out.applied.push_back(f->title);
    } else {
      // Find the culprits: add the fixes one at a time, always applied to the text of this pass
      // so that every offset stays valid.
      std::vector<const Fix*> kept;
      candidate = out.text;
      for (const Fix* f : fixes) {
        kept.push_back(f);
        std::string attempt = apply_fixes(out.text, kept);
        if (parses(analyze(Document(attempt), options))) {
          candidate = std::move(attempt);
        } else {
          kept.pop_back();
          refused.insert(fix_identity(out.text, *f));
          out.refused.push_back(f->title);
        }
      }
      if (kept.empty()) break;
      for (const Fix* f : kept) out.applied.push_back(f->title);
      analysis = analyze(Document(candidate), options);
    }
    if (candidate == out.text) break;
    out.text = std::move(candidate);
    out.analysis = std::move(analysis);
  }
  return out;
}

FixCounts count_fixable(const std::vector<Diagnostic>& diagnostics) {
  FixCounts counts;
  for (const Diagnostic& d : diagnostics) {
    if (d.fixes.empty()) continue;
    bool safe = std::any_of(d.fixes.begin(), d.fixes.end(), [](const Fix& f) { return f.safe(); });
    ++(safe ? counts.safe : counts.unsafe_only);
  }
  return counts;
}

}  // namespace amllint
