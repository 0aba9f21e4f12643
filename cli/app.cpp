#include "app.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <optional>
#include <thread>

#include "discover.h"
#include "environment.h"
#include "external/shellcheck.h"
#include "graph_command.h"
#include "lint_environment.h"
#include "lint_job.h"
#include "options.h"
#include "ordered_pool.h"
#include "reporter.h"
#include "rules/rule.h"
#include "terminal.h"

namespace amllint::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
  std::vector<double> analysis_us;  // per file that was read
};

void print_stats(const Stats& stats, size_t files, Clock::duration wall, unsigned threads) {
  const double wall_s = std::chrono::duration<double>(wall).count();
  std::vector<double> times = stats.analysis_us;
  std::sort(times.begin(), times.end());
  double sum = 0;
  for (double t : times) sum += t;
  const double mean = times.empty() ? 0 : sum / static_cast<double>(times.size());
  const double median = times.empty() ? 0 : times[times.size() / 2];
  const double max = times.empty() ? 0 : times.back();
  fmt::print(stderr,
             "amllint: {} files in {:.1f} ms wall on {} threads: {:.0f} files/s, {:.1f} µs/file; "
             "analysis per file: {:.1f} µs mean, {:.1f} µs median, {:.1f} µs max\n",
             files, wall_s * 1e3, threads, wall_s > 0 ? static_cast<double>(files) / wall_s : 0,
             files ? wall_s * 1e6 / static_cast<double>(files) : 0, mean, median, max);
}

std::string join_titles(const std::vector<std::string>& titles) {
  std::string out;
  for (const std::string& t : titles) out += (out.empty() ? "" : "; ") + t;
  return out;
}

}  // namespace

int run(const std::vector<std::string>& args) {
  // A subcommand; a file named `graph` is still linted as ./graph.
  if (!args.empty() && args[0] == "graph") return run_graph({args.begin() + 1, args.end()});
  const auto start = Clock::now();
  ParseResult parsed = parse_options(args);
  if (!parsed.error.empty()) {
    fmt::print(stderr, "amllint: {}\nTry 'amllint --help' for more information.\n", parsed.error);
    return kExitTrouble;
  }
  const Options& o = parsed.options;
  if (o.help) {
    fmt::print("{}", usage_text());
    return kExitClean;
  }
  if (o.version) {
    fmt::print("amllint {}\n", AMLLINT_VERSION);
    return kExitClean;
  }
  if (o.list_rules) {
    for (const RuleInfo& r : rule_catalogue())
      fmt::print("{:<32} {:<8} {}\n", r.code, severity_name(r.severity), r.summary);
    return kExitClean;
  }
  if (!o.explain.empty()) {
    std::string_view page = rule_documentation(o.explain);
    if (page.empty()) {
      fmt::print(stderr, "amllint: no rule `{}`; see amllint --list-rules\n", printable(o.explain));
      return kExitTrouble;
    }
    fmt::print("{}", page);
    // Whether the rule can run on this machine is not something the page can know.
    if (o.explain == "shellcheck")
      fmt::print("\n{}\n", shellcheck_availability(*make_disk_environment()));
    return kExitClean;
  }

  LintSettings settings;
  if (!o.config.empty()) {
    if (std::string error = load_config(o.config, settings.config); !error.empty()) {
      fmt::print(stderr, "amllint: {}\n", printable(error));
      return kExitTrouble;
    }
  }

  Discovery discovery = discover(o.paths, o.stdin_filename);
  RunSummary summary;
  summary.files = discovery.files.size();
  for (const std::string& e : discovery.errors) {
    fmt::print(stderr, "amllint: {}\n", printable(e));
    summary.problems.push_back(e);
  }

  settings.quiet = o.quiet;
  settings.env = make_lint_environment();
  settings.fix = o.fix ? FixMode::Write : o.diff ? FixMode::Diff : FixMode::None;
  settings.fix_scope = o.unsafe_fixes ? FixScope::Unsafe : FixScope::Safe;
  summary.unsafe_fixes = o.unsafe_fixes;
  const unsigned threads = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());

  auto reporter = make_reporter(
      o.format, stdout,
      report_settings(o, use_color(STDOUT_FILENO, o.no_color), std::getenv("GITHUB_WORKSPACE")));
  std::vector<std::optional<FileResult>> results(discovery.files.size());
  Stats stats;
  bool any_diff = false;

  run_in_order(
      discovery.files.size(), threads,
      [&](size_t i) {
        try {
          results[i] = lint_input(discovery.files[i], settings);
        } catch (const std::exception& e) {
          // A bug in one file's analysis must not cost the user the rest of the run.
          results[i].emplace();
          results[i]->input = discovery.files[i];
          results[i]->io_error = std::string("internal error: ") + e.what();
        }
      },
      [&](size_t i) {
        FileResult& r = *results[i];
        const std::string path = printable(r.input.path);
        if (!r.io_error.empty()) {
          fmt::print(stderr, "amllint: {}: {}\n", path, printable(r.io_error));
          summary.problems.push_back(r.input.path + ": " + r.io_error);
        }
        if (r.doc)
          stats.analysis_us.push_back(
              std::chrono::duration<double, std::micro>(r.analysis_time).count());
        summary.errors += r.errors;
        summary.warnings += r.warnings;
        summary.infos += r.infos;
        summary.fixable.safe += r.fixable.safe;
        summary.fixable.unsafe_only += r.fixable.unsafe_only;
        if (settings.fix == FixMode::Diff) {
          any_diff = any_diff || !r.diff.empty();
          std::fflush(stderr);
          fmt::print("{}", r.diff);
        } else {
          reporter->file(r);
        }
        if (settings.fix == FixMode::Write && !r.fixes_applied.empty())
          fmt::print(stderr, "amllint: {}: fixed {} problem{}: {}\n", path, r.fixes_applied.size(),
                     r.fixes_applied.size() == 1 ? "" : "s",
                     printable(join_titles(r.fixes_applied)));
        if (!r.fixes_refused.empty())
          fmt::print(stderr, "amllint: {}: not applied, the YAML would not parse: {}\n", path,
                     printable(join_titles(r.fixes_refused)));
        results[i].reset();  // keep memory flat on large corpora
      });

  if (settings.fix != FixMode::Diff) {
    reporter->finish(summary);
  } else if (summary.fixable.unsafe_only > 0 && !o.unsafe_fixes) {
    // The diff shows safe fixes only: say what else --unsafe-fixes would change.
    fmt::print(stderr, "amllint: {} hidden fix{} can be enabled with --unsafe-fixes\n",
               summary.fixable.unsafe_only, summary.fixable.unsafe_only == 1 ? "" : "es");
  }
  std::fflush(stdout);
  if (o.stats) print_stats(stats, discovery.files.size(), Clock::now() - start, threads);

  if (!summary.problems.empty()) return kExitTrouble;
  if (settings.fix == FixMode::Diff) return any_diff ? kExitFindings : kExitClean;
  if (summary.errors > 0) return kExitFindings;
  if (o.max_warnings && summary.warnings > static_cast<size_t>(*o.max_warnings)) {
    fmt::print(stderr, "amllint: {} warnings, more than --max-warnings {}\n", summary.warnings,
               *o.max_warnings);
    return kExitFindings;
  }
  return kExitClean;
}

}  // namespace amllint::cli
