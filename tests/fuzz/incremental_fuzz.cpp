// Incremental analysis must be invisible (AnalysisOptions::previous): after an edit, the
// analysis that reuses the one before gives what a full analysis of the edited text gives, the
// same tree node for node and offset for offset, and the same diagnostics and fixes. The unit
// test (tests/unit/incremental_test.cpp) makes random edits from a fixed list of pieces; here
// libFuzzer chooses where the edits fall and what they insert.
//
// Input: a count byte, then that many edits (1 to 3), then the base text:
//
//   [n] { [offset lo] [offset hi] [erase] [insert length L] [L bytes inserted] } ... base
//
// Each edit erases `erase` bytes at `offset` (both taken modulo what the text has) and inserts
// the L bytes there. The edits are chained as in an editor: each analysis reuses the
// incremental one before it.
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../support/analysis_dump.h"
#include "fuzz_support.h"
#include "incremental/memo.h"
#include "syntax/yaml_tree.h"

using namespace amllint;
using amllint::testing::dump;

namespace {

struct Edit {
  size_t offset = 0;
  size_t erase = 0;
  std::string insert;
};

std::string edited(const std::string& text, const Edit& e) {
  size_t at = e.offset % (text.size() + 1);
  size_t erase = std::min(e.erase, text.size() - at);
  std::string out = text;
  out.replace(at, erase, e.insert);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::sandbox();
  // Small inputs take the incremental path too: the fuzzer's texts are mostly short.
  incremental::min_bytes = 0;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  size_t pos = 0;
  const size_t count = 1 + data[pos++] % 3;
  std::vector<Edit> edits;
  for (size_t i = 0; i < count; ++i) {
    if (size - pos < 4) return 0;
    Edit e;
    e.offset = data[pos] | (size_t{data[pos + 1]} << 8);
    e.erase = data[pos + 2];
    const size_t length = data[pos + 3];
    pos += 4;
    if (size - pos < length) return 0;
    e.insert.assign(reinterpret_cast<const char*>(data + pos), length);
    pos += length;
    edits.push_back(std::move(e));
  }
  std::string text(reinterpret_cast<const char*>(data + pos), size - pos);

  const AnalysisOptions full = fuzz::sandbox_options();
  auto previous = std::make_shared<const Analysis>(analyze(Document(text), full));
  for (size_t i = 0; i < edits.size(); ++i) {
    const std::string next = edited(text, edits[i]);
    const Document doc(next);
    AnalysisOptions reuse = full;
    reuse.previous = previous;
    auto incremental = std::make_shared<const Analysis>(analyze(doc, reuse));
    fuzz::check_diagnostics(doc, *incremental);
    const std::string got = dump(*incremental);
    const std::string want = dump(analyze(doc, full));
    FUZZ_CHECK(got == want, "edit " + std::to_string(i) + " (reparsed " +
                                std::to_string(incremental->memo && incremental->memo->reparsed) +
                                "), before:\n" + text + "\n--- after:\n" + next + "\n" +
                                amllint::testing::dump_difference(got, want));
    previous = std::move(incremental);
    text = next;
  }
  return 0;
}
