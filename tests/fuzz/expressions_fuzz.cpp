// Binding expressions (`${{...}}`, `$[[...]]`, `$<<...>>`) and POSIX shell words on any text:
// every range lies inside the text and the structures point at what exists.
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "model/expressions.h"
#include "model/shell_words.h"

using namespace amllint;
using fuzz::check_range;

namespace {

void check_bindings(std::string_view text) {
  BindingScan scan = scan_bindings(text);
  if (!scan.bindings.empty() || !scan.issues.empty())
    FUZZ_CHECK(may_contain_binding(text), "the pre-check skips a text with bindings");
  for (const Binding& b : scan.bindings) {
    check_range(b.range, text.size(), "binding");
    check_range(b.path_range, text.size(), "binding path");
    FUZZ_CHECK(b.range.begin <= b.path_range.begin && b.path_range.end <= b.range.end,
               "path outside its binding");
    if (b.kind != BindingKind::Unknown && b.kind != BindingKind::ParentJob && !b.name.empty())
      check_range(b.name_range, text.size(), "binding name");
    if (!b.step.empty()) check_range(b.step_range, text.size(), "binding step");
    for (const BindingSegment& s : b.segments) check_range(s.range, text.size(), "segment");
    if (b.in_optional_block())
      FUZZ_CHECK(static_cast<size_t>(b.optional_block) < scan.optional_blocks.size(),
                 "optional block index");
    (void)binding_kind_name(b.kind);
    Binding copy = b;
    classify_binding(copy);
  }
  for (const OptionalBlock& o : scan.optional_blocks) {
    check_range(o.range, text.size(), "optional block");
    check_range(o.inner, text.size(), "optional block inside");
    for (size_t i : o.bindings) FUZZ_CHECK(i < scan.bindings.size(), "optional block binding");
  }
  for (const BindingIssue& i : scan.issues) {
    check_range(i.range, text.size(), "binding issue");
    FUZZ_CHECK(!i.message.empty(), "binding issue without a message");
  }
}

void check_shell(std::string_view text) {
  ShellParse parse = parse_shell(text);
  for (const ShellToken& t : parse.tokens) {
    check_range(t.range, text.size(), "shell token");
    FUZZ_CHECK(t.text == text.substr(t.range.begin, t.range.end - t.range.begin),
               "token text is not its range");
  }
  for (const SimpleCommand& c : parse.commands) {
    check_range(c.range, text.size(), "shell command");
    for (size_t w : c.words) FUZZ_CHECK(w < parse.tokens.size(), "command word index");
    FUZZ_CHECK(c.program <= c.words.size(), "program index");
    (void)parse.argv(c);
  }
  FUZZ_CHECK(parse.longest_and_chain() <= parse.commands.size(), "&& chain longer than commands");
  for (const ShellIssue& i : parse.issues) check_range(i.range, text.size(), "shell issue");
  for (const PackageInstall& p : find_package_installs(parse)) {
    check_range(p.range, text.size(), "package install");
    FUZZ_CHECK(p.command < parse.commands.size(), "package install command");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_bindings(text);
  check_shell(text);
  return 0;
}
