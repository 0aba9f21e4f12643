#include "unified_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace amllint::cli {
namespace {

// Lines keep their terminators so that a changed line end (or a missing final newline) shows.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

enum class Op { Keep, Delete, Insert };

// Myers' greedy O(ND) shortest edit script. Fixes change little, so D stays small; past
// `max_d` the middle is reported as one replacement, still a correct (if larger) diff.
std::vector<Op> edit_script(const std::vector<std::string_view>& a,
                            const std::vector<std::string_view>& b, size_t lo_a, size_t hi_a,
                            size_t lo_b, size_t hi_b) {
  const long n = static_cast<long>(hi_a - lo_a), m = static_cast<long>(hi_b - lo_b);
  const long max_d = std::min<long>(n + m, 2000);
  const long offset = max_d + 1;
  std::vector<long> v(2 * offset + 1, 0);
  std::vector<std::vector<long>> trace;
  long found_d = -1;
  for (long d = 0; d <= max_d && found_d < 0; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                   ? v[offset + k + 1]
                   : v[offset + k - 1] + 1;
      long y = x - k;
      while (x < n && y < m && a[lo_a + x] == b[lo_b + y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
  }
  std::vector<Op> ops;
  if (found_d < 0) {
    ops.assign(static_cast<size_t>(n), Op::Delete);
    ops.insert(ops.end(), static_cast<size_t>(m), Op::Insert);
    return ops;
  }
  // Walk the trace back from (n, m), collecting the script in reverse.
  long x = n, y = m;
  for (long d = found_d; d > 0; --d) {
    const std::vector<long>& pv = trace[static_cast<size_t>(d)];
    long k = x - y;
    long prev_k = (k == -d || (k != d && pv[offset + k - 1] < pv[offset + k + 1])) ? k + 1 : k - 1;
    long prev_x = pv[offset + prev_k];
    long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) ops.push_back(Op::Keep), --x, --y;
    ops.push_back(x == prev_x ? Op::Insert : Op::Delete);
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) ops.push_back(Op::Keep), --x, --y;
  std::reverse(ops.begin(), ops.end());
  return ops;
}

void append_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view label,
                         int context) {
  if (before == after) return {};
  const auto a = split_lines(before), b = split_lines(after);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;

  std::vector<Op> ops(prefix, Op::Keep);
  auto middle = edit_script(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix);
  ops.insert(ops.end(), middle.begin(), middle.end());
  ops.insert(ops.end(), suffix, Op::Keep);

  // Positions in a and b before each op, to cut hunks.
  std::vector<size_t> ia(ops.size() + 1), ib(ops.size() + 1);
  for (size_t i = 0; i < ops.size(); ++i) {
    ia[i + 1] = ia[i] + (ops[i] != Op::Insert);
    ib[i + 1] = ib[i] + (ops[i] != Op::Delete);
  }

  std::string out = fmt::format("--- {}\n+++ {}\n", label, label);
  const size_t ctx = static_cast<size_t>(context);
  size_t i = 0;
  while (i < ops.size()) {
    if (ops[i] == Op::Keep) {
      ++i;
      continue;
    }
    // A hunk runs from `ctx` lines before the first change to `ctx` lines after the last change
    // that is no more than 2*ctx unchanged lines from the next.
    size_t start = i >= ctx ? i - ctx : 0;
    while (start < i && ops[start] != Op::Keep) ++start;
    size_t end = i;
    for (;;) {
      while (end < ops.size() && ops[end] != Op::Keep) ++end;
      size_t keep_run = end;
      while (keep_run < ops.size() && ops[keep_run] == Op::Keep) ++keep_run;
      if (keep_run < ops.size() && keep_run - end <= 2 * ctx) {
        end = keep_run;
        continue;
      }
      end = std::min(end + ctx, ops.size());
      break;
    }
    const size_t len_a = ia[end] - ia[start], len_b = ib[end] - ib[start];
    // An empty side is numbered by the line before it, as diff(1) does.
    out += fmt::format("@@ -{},{} +{},{} @@\n", len_a ? ia[start] + 1 : ia[start], len_a,
                       len_b ? ib[start] + 1 : ib[start], len_b);
    for (size_t j = start; j < end; ++j) {
      switch (ops[j]) {
        case Op::Keep: append_line(out, ' ', a[ia[j]]); break;
        case Op::Delete: append_line(out, '-', a[ia[j]]); break;
        case Op::Insert: append_line(out, '+', b[ib[j]]); break;
      }
    }
    i = end;
  }
  return out;
}

}  // namespace amllint::cli
