// Local paths that do not exist. Two codes, because `az ml` treats them differently (measured
// with azure-ai-ml 1.34's client-side validation, ../shared/tools/sdk-oracle):
//   missing-referenced-path  (error)   what the CLI resolves while it loads the spec: `code`,
//                            `component`, a sweep step's `trial`, `environment: file:`, an
//                            environment's `conda_file` and `build.path`, `additional_includes`,
//                            a Spark job's or inline Spark step's `entry.file`. A missing one
//                            rejects the file.
//   missing-local-path       (warning) an input's data `path`: accepted, uploaded at submission;
//                            samples create such data with a prep script before submitting.
#include "environment.h"
#include "model/uri.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"
#include "syntax/tree_walk.h"

namespace amllint::rules {
namespace {

constexpr std::string_view kDataCode = "missing-local-path";
constexpr std::string_view kLoadCode = "missing-referenced-path";

// What a local path names, which decides the wording of the message.
enum class Expect { Any, File, Folder };

// A path that does not exist, found in some file's tree.
struct Missing {
  const yaml::Node* value = nullptr;
  std::string key;  // the key that holds it (`code`, `conda_file`, ...)
  Expect expect = Expect::Any;
  bool load = false;    // resolved by `az ml` on load (an error), else input data
  std::string message;  // set for findings with their own wording
};

class MissingLocalPath final : public Rule {
 public:
  // Step-local (rule.h): each finding is one path, or one step's component file.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    if (!ctx.model.root) return;
    std::vector<Missing> found;
    walk(ctx, *ctx.model.root, ctx.model.base_dir, found);
    if (ctx.model.kind == FileKind::SparkJob)
      check_spark_entry(ctx, *ctx.model.root, ctx.model.base_dir, false, found);
    // An inline Spark step's entry is checked too, from the pipeline's folder when the step has
    // no `code` ("jobs.s.component.entry: Entry ... doesn't exist.", measured both ways).
    for (const Step& step : ctx.model.steps)
      if (step.node && step.node->is_mapping() && !step.component && step.type == "spark")
        check_spark_entry(ctx, *step.node, ctx.model.base_dir, true, found);
    for (const Missing& m : found) report(ctx, m);
    check_component_files(ctx, ctx.model, 0);
  }

 private:
  // Every local path under `root` that does not exist, resolved from `base`.
  void walk(const RuleContext& ctx, const yaml::Node& root, const std::string& base,
            std::vector<Missing>& out) const {
    yaml::walk_tree(root, [&](const yaml::Visit& v) {
      if (!v.pair) return true;
      const std::string key = v.pair->key->value.str();
      const yaml::Node& value = v.node;
      if (value.is_scalar()) {
        // `holder` is the key that holds the pair's mapping, `outer` the one above it.
        const yaml::Visit* holder = v.holder();
        const yaml::Visit* outer = holder ? holder->holder() : nullptr;
        check_value(ctx, base, key, holder ? holder->key() : "", outer ? outer->key() : "", value,
                    out);
        return false;
      }
      if (key == "additional_includes" && value.is_sequence()) {
        for (const yaml::Node* item : value.items) {
          if (!item || !item->is_scalar()) continue;
          if (item->value.substr(0, 5) == "file:")  // "Unable to find additional include file:x"
            out.push_back({item, key, Expect::Any, true,
                           "an additional include does not take a `file:` prefix: `az ml` looks "
                           "for a path literally named `" +
                               item->value + "` and rejects the file; write `" +
                               item->value.substr(5) + "`"});
          else
            check_path(ctx, base, *item, key, Expect::Any, true, out);
        }
        return false;
      }
      return !holds_no_fields(key);
    });
  }

  void check_value(const RuleContext& ctx, const std::string& base, const std::string& key,
                   std::string_view holder, std::string_view outer, const yaml::Node& value,
                   std::vector<Missing>& out) const {
    std::string_view v = value.value;
    if (key == "code" || key == "conda_file" || (key == "path" && holder == "build")) {
      // These are plain local paths to the SDK: a `file:` prefix is not stripped (unlike for
      // `component`, `trial` and `environment`), so `code: file:src` names a folder literally
      // called `file:src` ("Can't find directory or file in resolved absolute path:
      // .../file:src", measured; likewise "No such file or directory: .../file:env.yml").
      if (v.substr(0, 5) == "file:") {
        std::string name = holder == "build" ? "build.path" : key;
        out.push_back({&value, name, Expect::Any, true,
                       "`" + name + "` does not take a `file:` prefix: `az ml` looks for a " +
                           "path literally named `" + std::string(v) +
                           "` and rejects the file; write `" + std::string(v.substr(5)) + "`"});
        return;
      }
      // `code` may name a file too (it is uploaded alone), so its wording stays "path".
      Expect expect = key == "code"         ? Expect::Any
                      : key == "conda_file" ? Expect::File
                                            : Expect::Folder;
      check_path(ctx, base, value, holder == "build" ? "build.path" : key, expect, true, out);
    } else if (key == "component" || key == "trial" ||
               (key == "environment" && v.substr(0, 5) == "file:")) {
      check_path(ctx, base, value, key, Expect::File, true, out);
    } else if (key == "path" && is_input(holder, outer)) {
      check_path(ctx, base, value, key, Expect::Any, false, out);
    }
  }

  // `path` of an input: a port under `inputs`, or AutoML's `training_data`,
  // `validation_data`, `test_data`. Only inputs must exist before submitting.
  static bool is_input(std::string_view holder, std::string_view outer) {
    return outer == "inputs" || holder.ends_with("_data");
  }

  // A Spark job checks that `entry.file` exists in its code folder ("Entry ... doesn't
  // exist."); a Spark component does not (measured), so only a job's root and its inline Spark
  // steps are looked at. A job without `code` is not checked (measured: accepted); a step
  // without one resolves the entry from the pipeline's folder (`step_without_code`).
  void check_spark_entry(const RuleContext& ctx, const yaml::Node& root, const std::string& base,
                         bool step_without_code, std::vector<Missing>& out) const {
    const yaml::Node* entry = root.get("entry");
    const yaml::Node* file = entry && entry->is_mapping() ? entry->get("file") : nullptr;
    if (!file || !file->is_scalar()) return;
    const yaml::Node* code = root.get("code");
    std::string folder = code ? local_code_folder(base, code) : step_without_code ? base : "";
    if (folder.empty() || !ctx.env.exists(folder)) return;
    const std::string text = file->value.str();
    Reference ref = parse_reference(text);
    if (text.empty() || ref.kind != ReferenceKind::LocalPath || ref.has_binding ||
        ref.has_placeholder)
      return;
    if (ctx.env.exists(resolve_local(folder, text))) return;
    const std::string where = code ? "the code folder `" + std::string(code->value) + "`"
                                   : std::string("the pipeline's folder (the step has no `code`)");
    out.push_back({file, "entry.file", Expect::File, true,
                   "entry file `" + text + "` is not in " + where +
                       ": `az ml` rejects the job (\"Entry ... doesn't exist\"); the path is "
                       "relative to the code folder"});
  }

  void check_path(const RuleContext& ctx, const std::string& base, const yaml::Node& value,
                  std::string_view key, Expect expect, bool load, std::vector<Missing>& out) const {
    const std::string text = value.value.str();
    if (text.empty() || text.find_first_of("*?<>$") != std::string::npos) return;
    Reference ref = parse_reference(text);
    if (ref.kind != ReferenceKind::LocalPath || ref.has_binding || ref.has_placeholder) return;
    if (ctx.env.exists(resolve_local(base, text))) return;
    out.push_back({&value, std::string(key), expect, load, {}});
  }

  static const char* noun(Expect expect) {
    return expect == Expect::File ? "file" : expect == Expect::Folder ? "folder" : "path";
  }

  void report(RuleContext& ctx, const Missing& m) const {
    std::string message = m.message;
    if (message.empty()) {
      message = std::string("local ") + noun(m.expect) + " `" + m.value->value +
                "` does not exist (relative paths resolve from this file's folder)";
      message += m.load ? ": `az ml` rejects the file when it loads it; correct the path"
                        : "; create it before submitting or correct the path";
    }
    ctx.report(m.load ? kLoadCode : kDataCode, whole_value_range(ctx, *m.value),
               std::move(message));
  }

  // A pipeline loads the component files its steps name, and their code folders, environment
  // files and includes with them: one that is missing rejects the pipeline too (measured:
  // "jobs.train: {'component': {'code': [\"Can't find directory or file ...\"]}}"). Reported
  // once per step, on its `component:` value; the component file gets its own finding when
  // it is linted.
  void check_component_files(RuleContext& ctx, const JobModel& model, int depth) const {
    if (depth > 8) return;
    for (const Step& step : model.steps) {
      if (!step.component || !step.component->is_scalar() || !step.component_file ||
          !step.component_file->model || !step.component_file->model->root)
        continue;
      const JobModel& component = *step.component_file->model;
      std::vector<Missing> found;
      walk(ctx, *component.root, component.base_dir, found);
      std::erase_if(found, [](const Missing& m) { return !m.load; });
      if (!found.empty()) {
        const Missing& m = found.front();
        ctx.report(kLoadCode, whole_value_range(ctx, *step.component),
                   "component file `" + step.component->value + "` names a " + noun(m.expect) +
                       " that does not exist (`" + m.key + ": " + m.value->value +
                       "`, relative to the component file): `az ml` rejects this pipeline when "
                       "it loads the component");
        continue;
      }
      check_component_files(ctx, component, depth + 1);
    }
  }
};

}  // namespace

const Rule& missing_local_path() {
  static const MissingLocalPath rule;
  return rule;
}

}  // namespace amllint::rules
