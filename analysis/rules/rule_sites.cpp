#include "rules/rule_sites.h"

#include <cctype>
#include <cstdio>
#include <filesystem>

#include "model/uri.h"
#include "rules/rule.h"
#include "suggest.h"

namespace amllint::rules {
namespace {

namespace fs = std::filesystem;

void add_site(const yaml::Node* holder, const std::string& base_dir, bool step,
              std::vector<CommandSite>& out) {
  if (!holder || !holder->is_mapping()) return;
  CommandSite site;
  site.holder = holder;
  const yaml::Node* command = holder->get("command");
  site.command = command && command->is_scalar() ? command : nullptr;
  site.code = holder->get("code");
  site.base_dir = base_dir;
  site.pipeline_step = step;
  out.push_back(site);
}

void collect(const JobModel& model, bool in_pipeline, std::vector<CommandSite>& out, int depth) {
  if (!model.root || depth > 16) return;
  switch (model.kind) {
    case FileKind::CommandJob:
    case FileKind::CommandComponent: add_site(model.root, model.base_dir, in_pipeline, out); return;
    case FileKind::SweepJob:
      add_site(model.root->get("trial"), model.base_dir, in_pipeline, out);
      return;
    case FileKind::PipelineJob:
    case FileKind::PipelineComponent:
      for (const Step& step : model.steps) {
        if (!step.node || !step.node->is_mapping()) continue;
        if (step.type == "sweep") {
          add_site(step.node->get("trial"), model.base_dir, true, out);
        } else if (step.inline_model) {
          collect(*step.inline_model, true, out, depth + 1);
        }
      }
      return;
    default: return;
  }
}

}  // namespace

bool is_job(FileKind kind) {
  switch (kind) {
    case FileKind::CommandJob:
    case FileKind::SweepJob:
    case FileKind::PipelineJob:
    case FileKind::AutoMLJob:
    case FileKind::SparkJob: return true;
    default: return false;
  }
}

std::vector<CommandSite> command_sites(const JobModel& model) {
  std::vector<CommandSite> out;
  collect(model, false, out, 0);
  return out;
}

namespace {

void collect_code(const JobModel& model, std::vector<CodeReference>& out, int depth) {
  if (!model.root || !model.root->is_mapping() || depth > 16) return;
  // `owner` is the mapping that holds `code:`.
  auto add = [&](const yaml::Node* owner) {
    if (!owner || !owner->is_mapping()) return;
    const yaml::Node* code = owner->get("code");
    std::string folder = local_code_folder(model.base_dir, code);
    if (folder.empty()) return;
    for (const CodeReference& r : out)
      if (r.folder == folder) return;
    out.push_back({code, folder, owner});
  };
  switch (model.kind) {
    case FileKind::CommandJob:
    case FileKind::CommandComponent:
    case FileKind::SparkJob:
    case FileKind::SparkComponent: add(model.root); break;
    case FileKind::SweepJob: add(model.root->get("trial")); break;
    case FileKind::ParallelComponent: add(model.root->get("task")); break;
    case FileKind::PipelineJob:
    case FileKind::PipelineComponent:
      for (const Step& step : model.steps) {
        if (!step.node || !step.node->is_mapping()) continue;
        if (step.inline_model) {
          collect_code(*step.inline_model, out, depth + 1);
        } else if (const yaml::Node* trial = step.node->get("trial");
                   trial && trial->is_mapping()) {
          add(trial);
        } else if (step.type == "parallel" || step.type == "spark") {
          const yaml::Node* task = step.node->get("task");
          add(task && task->is_mapping() ? task : step.node);
        }
      }
      break;
    default: break;
  }
}

}  // namespace

std::vector<CodeReference> local_code_references(const JobModel& model) {
  std::vector<CodeReference> out;
  collect_code(model, out, 0);
  return out;
}

std::vector<const yaml::Node*> sweep_sites(const JobModel& model) {
  std::vector<const yaml::Node*> out;
  if (model.kind == FileKind::SweepJob && model.root && model.root->is_mapping())
    out.push_back(model.root);
  for (const Step& step : model.steps) {
    if (step.type == "sweep" && step.node && step.node->is_mapping()) out.push_back(step.node);
    if (step.inline_model && step.inline_model->kind == FileKind::PipelineComponent)
      for (const yaml::Node* n : sweep_sites(*step.inline_model)) out.push_back(n);
  }
  return out;
}

std::string sampling_algorithm(const yaml::Node& sweep, const yaml::Node** where) {
  const yaml::Node* algo = sweep.get("sampling_algorithm");
  if (algo && algo->is_mapping()) algo = algo->get("type");
  if (!algo || !algo->is_scalar()) return {};
  if (where) *where = algo;
  std::string name;
  for (char c : algo->value) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::optional<long long> integer_value(const yaml::Node* node) {
  if (!node || !node->is_scalar()) return std::nullopt;
  yaml::ResolvedScalar r = yaml::resolve(*node);
  if (r.type != yaml::ScalarType::Int) return std::nullopt;
  return r.integer;
}

std::string resolve_local(const std::string& base_dir, std::string_view ref) {
  if (ref.substr(0, 5) == "file:") ref.remove_prefix(5);
  fs::path p{std::string(ref)};
  if (p.is_absolute()) return p.lexically_normal().string();
  return (fs::path(base_dir.empty() ? "." : base_dir) / p).lexically_normal().string();
}

std::string local_code_folder(const std::string& base_dir, const yaml::Node* code) {
  if (!code || !code->is_scalar()) return {};
  Reference ref = parse_reference(code->value);
  if (ref.kind != ReferenceKind::LocalPath || ref.has_binding || ref.has_placeholder) return {};
  std::string folder = resolve_local(base_dir, code->value);
  // `lexically_normal` keeps a trailing separator for `src/`; the snapshot cache keys on folders.
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  return folder;
}

std::string format_bytes(uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  const char* units[] = {"KB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes) / 1024;
  int u = 0;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  return buf;
}

TextRange whole_value_range(const RuleContext& ctx, const yaml::Node& scalar) {
  return ctx.value_range(scalar, 0, static_cast<uint32_t>(scalar.value.size()));
}

bool sets_key_or_misspelling(const yaml::Node& map, std::string_view key) {
  const yaml::Node* value = map.get(key);
  if (value && !value->is_null() && !value->text().empty()) return true;
  const std::vector<std::string> wanted = {std::string(key)};
  for (const yaml::Pair& p : map.pairs)
    if (p.key && p.key->is_scalar() && p.key->value != key &&
        !closest_name(p.key->value, wanted).empty())
      return true;
  return false;
}

}  // namespace amllint::rules
