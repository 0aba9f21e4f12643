// What SARIF says about a rule: its name and summary (from the core's rule catalogue), its
// description and help (from its page, docs/rules/<code>.md, compiled in) and help link.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace amllint::cli {

// "unknown-key" -> "UnknownKey", the SARIF `name` convention.
std::string rule_name(std::string_view code);
// The catalogue's one-line summary; for a code it lacks, the code in words ("Unknown key.").
std::string rule_summary(std::string_view code);
// The first paragraph of the page's "What it catches" section as plain text; the summary for
// a code without a page.
std::string rule_full_description(std::string_view code);
// The whole page: as markdown, and as plain text (no markup, code blocks indented). A code
// without a page gets its summary.
std::string rule_help_markdown(std::string_view code);
std::string rule_help_text(std::string_view code);
// The rule's help link. `url` unset: the page under docs/rules/ of the project's homepage at
// this version's tag; with `{code}` in it: that URL with the code filled in; otherwise a base
// that `<code>.md` is appended to; empty: no link (returns "").
std::string rule_help_uri(std::string_view code, const std::optional<std::string>& url = {});

// Markdown to plain text, for the SARIF `text` fields: headings, emphasis and code marks go,
// fenced code is indented by four spaces.
std::string markdown_to_text(std::string_view markdown);

}  // namespace amllint::cli
