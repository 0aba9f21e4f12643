// The safe-fix loop lives in the core (analysis/fix_all.h), shared with the editor's fix-all;
// these names keep the CLI's spelling.
#pragma once

#include "fixes/fix_all.h"

namespace amllint::cli {

using amllint::apply_fixes;
using amllint::choose_safe_fixes;
using amllint::FixOutcome;

inline FixOutcome fix_document(const std::string& text, const AnalysisOptions& options,
                               Analysis first) {
  return fix_all(text, options, std::move(first));
}

}  // namespace amllint::cli
