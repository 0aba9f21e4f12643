// The whole analysis of one document, then fix-all: no crash, diagnostics inside the text, and
// fix-all never breaks a document that parsed, never grows it absurdly, and leaves nothing to do.
#include <string>

#include "fixes/fix_all.h"
#include "fuzz_support.h"
#include "syntax/yaml_tree.h"

using namespace amllint;

namespace {

bool parses(const Analysis& a) {
  return !a.tree || !a.tree->syntax_error;
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
  Analysis first = analyze(doc, options);
  fuzz::check_diagnostics(doc, first);

  const bool parsed = parses(first);
  // Every fix, unsafe ones too (`--unsafe-fixes`): none may damage the document.
  FixOutcome fixed = fix_all(doc.text(), options, first, FixScope::Unsafe);
  const Document after(fixed.text);
  fuzz::check_diagnostics(after, fixed.analysis);
  if (parsed) FUZZ_CHECK(parses(fixed.analysis), "fix-all broke the YAML:\n" + fixed.text);
  // Fixes quote values, rename keys and spell bindings anew: a few bytes each.
  FUZZ_CHECK(fixed.text.size() <= 2 * doc.size() + 1024,
             std::to_string(doc.size()) + " -> " + std::to_string(fixed.text.size()) + " bytes");
  if (fixed.applied.empty()) FUZZ_CHECK(fixed.text == doc.text(), "text changed without a fix");
  return 0;
}
