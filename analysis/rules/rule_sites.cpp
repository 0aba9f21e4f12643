#include "rules/rule_sites.h"

#include <cctype>
#include <cstdio>

#include "model/step_walk.h"
#include "model/uri.h"
#include "rules/rule.h"
#include "suggest.h"

namespace amllint::rules {
namespace {

// The last results of a function of a text, by text, on this thread. Long texts are not kept
// (a hostile file's megabyte scalars must not pile up here); they are rarely read twice anyway.
template <class T>
class RecentByText {
 public:
  template <class Make>
  std::shared_ptr<const T> get(std::string_view text, Make make) {
    for (const Entry& e : entries_)
      if (e.text == text) return e.value;
    auto value = std::make_shared<const T>(make(text));
    if (text.size() > kMaxTextBytes) return value;
    if (entries_.size() < kEntries) {
      entries_.push_back({std::string(text), value});
    } else {
      entries_[next_] = {std::string(text), value};
      next_ = (next_ + 1) % kEntries;
    }
    return value;
  }

 private:
  static constexpr size_t kEntries = 8;
  static constexpr size_t kMaxTextBytes = 4096;
  struct Entry {
    std::string text;
    std::shared_ptr<const T> value;
  };
  std::vector<Entry> entries_;
  size_t next_ = 0;
};

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

// The command site of a model that is no pipeline; `in_pipeline` when it is a step's.
void add_model_site(const JobModel& model, bool in_pipeline, std::vector<CommandSite>& out) {
  switch (model.kind) {
    case FileKind::CommandJob:
    case FileKind::CommandComponent: add_site(model.root, model.base_dir, in_pipeline, out); break;
    case FileKind::SweepJob:
      add_site(model.root->get("trial"), model.base_dir, in_pipeline, out);
      break;
    default: break;
  }
}

bool is_pipeline(FileKind kind) {
  return kind == FileKind::PipelineJob || kind == FileKind::PipelineComponent;
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
  if (!model.root) return out;
  if (!is_pipeline(model.kind)) {
    add_model_site(model, false, out);
    return out;
  }
  walk_steps(model, [&](const Step& step, const JobModel& pipeline, int) {
    if (!step.node || !step.node->is_mapping()) return;
    if (step.type == "sweep")
      add_site(step.node->get("trial"), pipeline.base_dir, true, out);
    else if (step.inline_model)
      add_model_site(*step.inline_model, true, out);  // inline pipelines: walk_steps enters them
  });
  return out;
}

namespace {

// `owner` is the mapping that holds `code:`; each local folder once.
void add_code(const yaml::Node* owner, const std::string& base_dir,
              std::vector<CodeReference>& out) {
  if (!owner || !owner->is_mapping()) return;
  const yaml::Node* code = owner->get("code");
  std::string folder = local_code_folder(base_dir, code);
  if (folder.empty()) return;
  for (const CodeReference& r : out)
    if (r.folder == folder) return;
  out.push_back({code, folder, owner});
}

// The `code:` of a model that is no pipeline.
void add_model_code(const JobModel& model, std::vector<CodeReference>& out) {
  if (!model.root || !model.root->is_mapping()) return;
  switch (model.kind) {
    case FileKind::CommandJob:
    case FileKind::CommandComponent:
    case FileKind::SparkJob:
    case FileKind::SparkComponent: add_code(model.root, model.base_dir, out); break;
    case FileKind::SweepJob: add_code(model.root->get("trial"), model.base_dir, out); break;
    case FileKind::ParallelComponent: add_code(model.root->get("task"), model.base_dir, out); break;
    default: break;
  }
}

}  // namespace

std::vector<CodeReference> local_code_references(const JobModel& model) {
  std::vector<CodeReference> out;
  if (!model.root || !model.root->is_mapping()) return out;
  if (!is_pipeline(model.kind)) {
    add_model_code(model, out);
    return out;
  }
  walk_steps(model, [&](const Step& step, const JobModel& pipeline, int) {
    if (!step.node || !step.node->is_mapping()) return;
    if (step.inline_model) {
      add_model_code(*step.inline_model, out);  // inline pipelines: walk_steps enters them
    } else if (const yaml::Node* trial = step.node->get("trial"); trial && trial->is_mapping()) {
      add_code(trial, pipeline.base_dir, out);
    } else if (step.type == "parallel" || step.type == "spark") {
      const yaml::Node* task = step.node->get("task");
      add_code(task && task->is_mapping() ? task : step.node, pipeline.base_dir, out);
    }
  });
  return out;
}

std::vector<const yaml::Node*> sweep_sites(const JobModel& model) {
  std::vector<const yaml::Node*> out;
  if (model.kind == FileKind::SweepJob && model.root && model.root->is_mapping())
    out.push_back(model.root);
  walk_steps(model, [&](const Step& step, const JobModel&, int) {
    if (step.type == "sweep" && step.node && step.node->is_mapping()) out.push_back(step.node);
  });
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

bool is_free_text_section(std::string_view key) {
  return key == "tags" || key == "properties" || key == "environment_variables" || key == "conf";
}

bool holds_no_fields(std::string_view key) {
  return is_free_text_section(key) || key == "search_space";
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

std::shared_ptr<const ShellParse> shell_parse_of(std::string_view command) {
  thread_local RecentByText<ShellParse> recent;
  return recent.get(command, [](std::string_view text) { return parse_shell(text); });
}

std::shared_ptr<const BindingScan> binding_scan_of(std::string_view value) {
  thread_local RecentByText<BindingScan> recent;
  return recent.get(value, [](std::string_view text) { return scan_bindings(text); });
}

}  // namespace amllint::rules
