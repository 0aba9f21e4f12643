#include "analyze.h"

#include <algorithm>
#include <exception>
#include <iterator>
#include <optional>
#include <tuple>

#include "config/config.h"
#include "config/suppressions.h"
#include "environment.h"
#include "incremental/memo.h"
#include "incremental/model_reuse.h"
#include "incremental/reparse.h"
#include "incremental/rule_reuse.h"
#include "incremental/schema_reuse.h"
#include "incremental/step_interface.h"
#include "model/job_model.h"
#include "rules/rule.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"
#include "validation/file_kind.h"
#include "validation/schema_validate.h"

namespace amllint {
namespace {

// A file that is not text would only produce noise from the YAML parser.
bool encoding_problem(const Document& doc, Analysis& out) {
  const std::string& text = doc.text();
  size_t nul = text.find('\0');
  if (nul != std::string::npos) {
    uint32_t at = static_cast<uint32_t>(nul);
    out.diagnostics.push_back({{at, at + 1},
                               Severity::Error,
                               "invalid-encoding",
                               "the file contains a NUL byte: it looks binary, not YAML text",
                               {}});
    return true;
  }
  int64_t bad = doc.first_invalid_utf8();
  if (bad >= 0) {
    uint32_t at = static_cast<uint32_t>(bad);
    out.diagnostics.push_back({{at, at + 1},
                               Severity::Error,
                               "invalid-encoding",
                               "the file is not valid UTF-8 (YAML specs must be UTF-8)",
                               {}});
    return true;
  }
  return false;
}

// A file that does not parse still deserves its syntax error when it says it is a spec.
bool mentions_azure_ml(std::string_view text) {
  return text.find("azureml") != std::string_view::npos;
}

Environment& default_environment() {
  static std::shared_ptr<Environment> env = make_disk_environment();
  return *env;
}

void check_cancel(const AnalysisOptions& options) {
  if (options.cancel && options.cancel->load(std::memory_order_relaxed)) throw AnalysisCancelled{};
}

// After a syntax error the line in error is set aside, so anything it declared is missing from
// the tree: findings that rest on something being absent (the registry says which) would only
// echo the syntax error.
void drop_absence_findings(std::vector<Diagnostic>& diagnostics) {
  std::erase_if(diagnostics, [](const Diagnostic& d) {
    const RuleInfo* info = find_rule(d.code);
    return info && info->rests_on_absence;
  });
}

// Schema findings inside a range a rule explains with a message of its own (rule.h, supersede).
void drop_superseded(std::vector<Diagnostic>& diagnostics, const std::vector<TextRange>& ranges) {
  static constexpr std::string_view kSchemaCodes[] = {"unknown-key", "invalid-type", "invalid-enum",
                                                      "missing-key", "schema"};
  if (ranges.empty()) return;
  // Ranges by start, each with the farthest end of those up to it: a finding at `at` lies in
  // some range when the farthest end among the ranges starting at or before it is past it.
  std::vector<std::pair<uint32_t, uint32_t>> reach;
  reach.reserve(ranges.size());
  for (const TextRange& r : ranges) reach.emplace_back(r.begin, std::max(r.end, r.begin + 1));
  std::sort(reach.begin(), reach.end());
  for (size_t i = 1; i < reach.size(); ++i)
    reach[i].second = std::max(reach[i].second, reach[i - 1].second);
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    if (std::find(std::begin(kSchemaCodes), std::end(kSchemaCodes), d.code) ==
        std::end(kSchemaCodes))
      return false;
    uint32_t at = d.range.begin;
    auto it = std::upper_bound(reach.begin(), reach.end(), at,
                               [](uint32_t v, const auto& r) { return v < r.first; });
    return it != reach.begin() && std::prev(it)->second > at;
  });
}

// In one order, however they were made, so that a memo is the same whichever way it came.
void order(RuleFindings& f) {
  normalize(f.diagnostics);
  std::sort(f.superseded.begin(), f.superseded.end(), [](const TextRange& a, const TextRange& b) {
    return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
  });
}

}  // namespace

bool is_component_kind(FileKind kind) {
  switch (kind) {
    case FileKind::CommandComponent:
    case FileKind::PipelineComponent:
    case FileKind::ParallelComponent:
    case FileKind::SparkComponent:
    case FileKind::DataTransferComponent: return true;
    default: return false;
  }
}

const char* file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::NotAzureMl: return "not an Azure ML spec";
    case FileKind::CommandJob: return "command job";
    case FileKind::SweepJob: return "sweep job";
    case FileKind::PipelineJob: return "pipeline job";
    case FileKind::AutoMLJob: return "AutoML job";
    case FileKind::SparkJob: return "Spark job";
    case FileKind::CommandComponent: return "command component";
    case FileKind::PipelineComponent: return "pipeline component";
    case FileKind::ParallelComponent: return "parallel component";
    case FileKind::SparkComponent: return "Spark component";
    case FileKind::DataTransferComponent: return "data transfer component";
  }
  return "unknown";
}

Analysis analyze(const Document& doc, const AnalysisOptions& options) {
  Analysis out;
  Environment& env = options.env ? *options.env : default_environment();
  std::shared_ptr<const Config> config =
      options.config ? options.config
                     : (options.path.empty() ? nullptr : env.config_for(options.path));
  if (config && !options.path.empty() && config->ignores(options.path)) {
    out.ignored = true;
    return out;
  }
  if (encoding_problem(doc, out)) return out;

  check_cancel(options);
  // An edit inside one block of the previous text re-parses that block only.
  const AnalysisMemo* memo = options.previous ? options.previous->memo.get() : nullptr;
  std::optional<incremental::Reparsed> reparsed;
  if (memo && options.previous->tree)
    reparsed = incremental::reparse(*options.previous->tree, memo->text, doc);
  std::shared_ptr<yaml::Tree> tree =
      reparsed ? reparsed->tree : std::make_shared<yaml::Tree>(yaml::parse(doc));
  check_cancel(options);
  out.tree = tree;
  out.kind = detect_kind(doc.text(), tree->root);
  if (out.kind == FileKind::NotAzureMl) {
    if (tree->syntax_error && mentions_azure_ml(doc.text())) {
      for (const Diagnostic& d : tree->diagnostics)
        if (d.code == "syntax-error") out.diagnostics.push_back(d);
    }
    return out;
  }
  out.diagnostics = tree->diagnostics;

  std::optional<std::vector<Diagnostic>> schema;
  if (reparsed && memo->kind == out.kind)
    schema = incremental::revalidate(out.kind, *reparsed, memo->schema, memo->schema_raw);
  bool revalidated = schema.has_value();
  if (!schema) schema = validate_schema(out.kind, to_json(tree->root));
  out.diagnostics.insert(out.diagnostics.end(), schema->begin(), schema->end());

  // The model and the rules read files on disk and the configuration too: carry what they
  // found only while neither changed.
  const uint64_t generation = env.generation();
  const bool carry = reparsed && memo->kind == out.kind && memo->env_generation == generation &&
                     memo->config == config && memo->path == options.path;

  check_cancel(options);
  // The steps an edit did not touch keep their part of the model.
  std::unique_ptr<incremental::ModelCarrier> carrier;
  if (carry && options.previous->model)
    carrier = incremental::ModelCarrier::make(*reparsed, *options.previous->tree,
                                              *options.previous->model);
  out.model = build_job_model(doc, tree->root, out.kind, options.path, env, carrier.get());
  RuleContext ctx(doc, *tree, *out.model, env, options.path);
  ctx.config = config.get();
  ctx.cancel = options.cancel;
  // After an edit inside one step, the step-local rules run on that step alone.
  std::optional<RuleFindings> local;
  if (carry) {
    incremental::StepRuleRun run{*reparsed, doc,          out.kind,      options.path,
                                 env,       config.get(), options.cancel};
    local = incremental::rerun_step_rules(run, memo->step_rules);
  }
  const bool rules_rerun = local.has_value();
  if (!local) local = run_rules(ctx, RuleSet::StepLocal);
  order(*local);
  // After an edit inside one step that left what steps show each other as it was, the
  // interface-local rules look at that step only.
  const bool keep_memo = incremental::memo_worthy(doc.text(), *tree);
  const uint64_t interface = carry || keep_memo ? incremental::step_interface(*out.model) : 0;
  std::optional<RuleFindings> across;
  if (carry && memo->step_interface == interface)
    across = incremental::rerun_interface_rules(ctx, *reparsed, memo->interface_rules);
  const bool interface_rules_rerun = across.has_value();
  if (!across) across = run_rules(ctx, RuleSet::InterfaceLocal);
  order(*across);
  RuleFindings whole = run_rules(ctx, RuleSet::Whole);

  std::vector<TextRange> superseded = local->superseded;
  superseded.insert(superseded.end(), across->superseded.begin(), across->superseded.end());
  superseded.insert(superseded.end(), whole.superseded.begin(), whole.superseded.end());
  drop_superseded(out.diagnostics, superseded);
  out.diagnostics.reserve(out.diagnostics.size() + local->diagnostics.size() +
                          across->diagnostics.size() + whole.diagnostics.size());
  out.diagnostics.insert(out.diagnostics.end(), local->diagnostics.begin(),
                         local->diagnostics.end());
  out.diagnostics.insert(out.diagnostics.end(), across->diagnostics.begin(),
                         across->diagnostics.end());
  for (Diagnostic& d : whole.diagnostics) out.diagnostics.push_back(std::move(d));

  if (keep_memo) {
    auto m = std::make_shared<AnalysisMemo>();
    m->text = doc.text();
    m->kind = out.kind;
    // Carried findings had none, and revalidate() refuses fresh ones.
    m->schema_raw = !revalidated && incremental::has_raw_messages(*schema);
    m->schema = std::move(*schema);
    m->step_rules = std::move(*local);
    m->interface_rules = std::move(*across);
    m->step_interface = interface;
    m->interface_rules_rerun = interface_rules_rerun;
    m->env_generation = generation;
    m->config = config;
    m->path = options.path;
    m->steps_carried = carrier ? carrier->carried() : 0;
    m->reparsed = reparsed.has_value();
    m->revalidated = revalidated;
    m->rules_rerun = rules_rerun;
    out.memo = std::move(m);
  }
  if (tree->syntax_error) drop_absence_findings(out.diagnostics);

  apply_suppressions(doc, out.diagnostics);
  if (config) config->apply(out.diagnostics);
  normalize(out.diagnostics);
  // Kept as long as the document is open; most files have a handful.
  if (out.diagnostics.size() < 256) out.diagnostics.shrink_to_fit();
  return out;
}

}  // namespace amllint
