#include "model/expressions.h"

#include <cctype>

namespace amllint {
namespace {

constexpr std::string_view kOpen = "${{";
constexpr std::string_view kClose = "}}";
constexpr std::string_view kAngleOpen = "$<<";
constexpr std::string_view kAngleClose = ">>";
constexpr std::string_view kOptionalOpen = "$[[";
constexpr std::string_view kOptionalClose = "]]";

TextRange make_range(size_t begin, size_t end) {
  return TextRange{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t line_end(std::string_view text, size_t from) {
  size_t nl = text.find('\n', from);
  return nl == std::string_view::npos ? text.size() : nl;
}

std::string join_segments(const std::vector<BindingSegment>& segments, size_t first) {
  std::string out;
  for (size_t i = first; i < segments.size(); ++i) {
    if (i > first) out += '.';
    out += segments[i].text;
  }
  return out;
}

void set_name_from(Binding& b, size_t first) {
  b.name = join_segments(b.segments, first);
  b.name_range = make_range(b.segments[first].range.begin, b.segments.back().range.end);
}

void classify_jobs(Binding& b, size_t jobs_index) {
  const auto& s = b.segments;
  size_t n = s.size() - jobs_index;  // segments from "jobs" on
  if (n < 2) return;
  b.step = s[jobs_index + 1].text;
  b.step_range = s[jobs_index + 1].range;
  if (n == 2) {
    b.kind = BindingKind::ParentJob;
  } else if (n >= 4 && s[jobs_index + 2].text == "outputs") {
    b.kind = BindingKind::ParentJobOutput;
    set_name_from(b, jobs_index + 3);
  }
}

// Splits `path` (starting at `offset` in the scanned string) on dots. Returns false when a segment
// is empty, which the service cannot resolve.
bool split_path(std::string_view path, size_t offset, std::vector<BindingSegment>& out) {
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    size_t end = dot == std::string_view::npos ? path.size() : dot;
    if (end == start) return false;
    out.push_back(
        {std::string(path.substr(start, end - start)), make_range(offset + start, offset + end)});
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

struct Scanner {
  std::string_view text;
  BindingScan result;
  int current_block = -1;
  size_t block_end = 0;

  void issue(BindingIssueKind kind, size_t begin, size_t end, std::string message) {
    result.issues.push_back({kind, make_range(begin, end), std::move(message)});
  }

  // Parses one `open ... close` expression at `at`. Returns the offset to continue from.
  size_t expression(size_t at, std::string_view open, std::string_view close, bool angle) {
    size_t inner_begin = at + open.size();
    size_t close_at = text.find(close, inner_begin);
    size_t next_open = text.find(open, inner_begin);
    if (close_at == std::string_view::npos ||
        (next_open != std::string_view::npos && next_open < close_at)) {
      // `$<<` is ordinary shell text (here-strings) far more often than a binding.
      if (!angle) {
        issue(BindingIssueKind::Unclosed, at, line_end(text, at),
              "binding expression is not closed: expected '}}'");
      }
      return inner_begin;
    }
    size_t end = close_at + close.size();
    size_t path_begin = inner_begin;
    size_t path_end = close_at;
    while (path_begin < path_end && is_space(text[path_begin])) ++path_begin;
    while (path_end > path_begin && is_space(text[path_end - 1])) --path_end;
    std::string_view path = text.substr(path_begin, path_end - path_begin);
    if (path.empty()) {
      if (!angle) issue(BindingIssueKind::Empty, at, end, "empty binding expression");
      return end;
    }
    for (char c : path) {
      if (is_space(c)) {
        if (!angle) {
          issue(BindingIssueKind::Malformed, at, end,
                "a binding holds one dotted name such as '${{inputs.x}}'; spaces inside it are not "
                "resolved");
        }
        return end;
      }
    }
    Binding b;
    b.range = make_range(at, end);
    b.path_range = make_range(path_begin, path_end);
    b.path = std::string(path);
    if (!split_path(path, path_begin, b.segments)) {
      issue(BindingIssueKind::Malformed, at, end,
            "binding '" + b.path + "' has an empty name between dots");
      return end;
    }
    classify_binding(b);
    b.legacy_angle = angle;
    if (angle) b.replacement = "${{" + b.path + "}}";
    if (current_block >= 0 && at < block_end) {
      b.optional_block = current_block;
      result.optional_blocks[current_block].bindings.push_back(result.bindings.size());
    }
    result.bindings.push_back(std::move(b));
    return end;
  }

  size_t optional_block(size_t at) {
    size_t inner_begin = at + kOptionalOpen.size();
    size_t close_at = text.find(kOptionalClose, inner_begin);
    if (close_at == std::string_view::npos) {
      issue(BindingIssueKind::UnclosedOptional, at, line_end(text, at),
            "optional block is not closed: expected ']]'");
      return inner_begin;
    }
    OptionalBlock block;
    block.range = make_range(at, close_at + kOptionalClose.size());
    block.inner = make_range(inner_begin, close_at);
    current_block = static_cast<int>(result.optional_blocks.size());
    block_end = block.range.end;
    result.optional_blocks.push_back(std::move(block));
    return inner_begin;
  }

  void run() {
    size_t i = 0;
    while (i < text.size()) {
      if (current_block >= 0 && i >= block_end) {
        finish_block();
      }
      size_t dollar = text.find('$', i);
      if (dollar == std::string_view::npos) break;
      if (current_block >= 0 && dollar >= block_end) {
        finish_block();
      }
      std::string_view rest = text.substr(dollar);
      if (rest.starts_with(kOpen)) {
        i = expression(dollar, kOpen, kClose, false);
      } else if (rest.starts_with(kAngleOpen)) {
        i = expression(dollar, kAngleOpen, kAngleClose, true);
      } else if (rest.starts_with(kOptionalOpen) && current_block < 0) {
        i = optional_block(dollar);
      } else {
        i = dollar + 1;
      }
    }
    if (current_block >= 0) finish_block();
  }

  void finish_block() {
    const OptionalBlock& block = result.optional_blocks[current_block];
    if (block.bindings.empty()) {
      issue(BindingIssueKind::EmptyOptional, block.range.begin, block.range.end,
            "optional block '$[[...]]' contains no binding to make it optional");
    }
    current_block = -1;
  }
};

}  // namespace

const char* binding_kind_name(BindingKind kind) {
  switch (kind) {
    case BindingKind::Input: return "input";
    case BindingKind::Output: return "output";
    case BindingKind::ParentInput: return "parent_input";
    case BindingKind::ParentOutput: return "parent_output";
    case BindingKind::ParentJob: return "parent_job";
    case BindingKind::ParentJobOutput: return "parent_job_output";
    case BindingKind::SearchSpace: return "search_space";
    case BindingKind::Macro: return "macro";
    case BindingKind::Unknown: return "unknown";
  }
  return "unknown";
}

void classify_binding(Binding& b) {
  b.kind = BindingKind::Unknown;
  b.name.clear();
  b.step.clear();
  b.name_range = {};
  b.step_range = {};
  b.implicit_parent = false;
  const auto& s = b.segments;
  if (s.empty()) return;
  const std::string& head = s[0].text;
  if (s.size() == 1) {
    if (head == "name" || head == "output_name" || head == "default_datastore") {
      b.kind = BindingKind::Macro;
      b.name = head;
      b.name_range = s[0].range;
    }
    return;
  }
  if (head == "inputs" || head == "outputs" || head == "search_space") {
    b.kind = head == "inputs"    ? BindingKind::Input
             : head == "outputs" ? BindingKind::Output
                                 : BindingKind::SearchSpace;
    set_name_from(b, 1);
  } else if (head == "parent") {
    const std::string& second = s[1].text;
    if ((second == "inputs" || second == "outputs") && s.size() >= 3) {
      b.kind = second == "inputs" ? BindingKind::ParentInput : BindingKind::ParentOutput;
      set_name_from(b, 2);
    } else if (second == "jobs") {
      classify_jobs(b, 1);
    }
  } else if (head == "jobs") {
    classify_jobs(b, 0);
    b.implicit_parent = b.kind != BindingKind::Unknown;
  }
}

bool may_contain_binding(std::string_view text) {
  for (size_t at = text.find('$'); at != std::string_view::npos; at = text.find('$', at + 1)) {
    std::string_view rest = text.substr(at);
    if (rest.starts_with(kOpen) || rest.starts_with(kAngleOpen) ||
        rest.starts_with(kOptionalOpen)) {
      return true;
    }
  }
  return false;
}

std::vector<BraceBinding> find_brace_bindings(std::string_view text) {
  std::vector<BraceBinding> out;
  for (size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    // `{{` is the inside of `${{...}}` (or a template): never the single-brace form.
    if ((at > 0 && text[at - 1] == '{') || (at + 1 < text.size() && text[at + 1] == '{')) continue;
    std::string_view rest = text.substr(at + 1);
    std::string_view head;
    for (std::string_view h : {"inputs.", "outputs.", "search_space."})
      if (rest.starts_with(h)) head = h.substr(0, h.size() - 1);
    if (head.empty()) continue;
    // A dotted name and nothing else: `{inputs.x for x in y}` in inline Python is not one.
    size_t end = head.size() + 1;
    size_t name_begin = end;
    while (end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[end])) ||
                                 rest[end] == '_' || rest[end] == '.' || rest[end] == '-'))
      ++end;
    if (end == name_begin || end >= rest.size() || rest[end] != '}') continue;
    if (end + 1 < rest.size() && rest[end + 1] == '}') continue;
    if (rest[end - 1] == '.') continue;
    BraceBinding b;
    b.dollar = at > 0 && text[at - 1] == '$';
    b.range = make_range(b.dollar ? at - 1 : at, at + 1 + end + 1);
    b.head = std::string(head);
    b.path = std::string(rest.substr(0, end));
    out.push_back(std::move(b));
  }
  return out;
}

BindingScan scan_bindings(std::string_view text) {
  Scanner scanner{text, {}, -1, 0};
  if (may_contain_binding(text)) scanner.run();
  return std::move(scanner.result);
}

}  // namespace amllint
