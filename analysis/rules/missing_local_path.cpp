#include "environment.h"
#include "rule_sites.h"
#include "rules.h"
#include "uri.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"missing-local-path", Severity::Warning,
     "a local path (code, component, input, conda file) does not exist"},
};

// What a local path names, which decides the wording of the message.
enum class Expect { Any, File, Folder };

class MissingLocalPath final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  void check(RuleContext& ctx) const override {
    if (!ctx.model.root) return;
    walk(ctx, *ctx.model.root, "", "", 0);
  }

 private:
  // `holder` is the key that holds `node`, `outer` the key that holds the mapping of `holder`.
  void walk(RuleContext& ctx, const yaml::Node& node, std::string_view holder,
            std::string_view outer, int depth) const {
    if (depth > 64) return;
    if (node.is_sequence()) {
      for (const yaml::Node* item : node.items)
        if (item) walk(ctx, *item, holder, outer, depth + 1);
      return;
    }
    if (!node.is_mapping()) return;
    for (const yaml::Pair& p : node.pairs) {
      if (p.merged || !p.key || !p.value) continue;
      const std::string& key = p.key->value;
      const yaml::Node& value = *p.value;
      if (value.is_scalar()) {
        check_value(ctx, key, holder, outer, value);
      } else if (key == "additional_includes" && value.is_sequence()) {
        for (const yaml::Node* item : value.items)
          if (item && item->is_scalar()) check_path(ctx, *item, Expect::Any);
      } else if (key != "environment_variables" && key != "tags" && key != "properties" &&
                 key != "search_space" && key != "conf") {
        walk(ctx, value, key, holder, depth + 1);
      }
    }
  }

  void check_value(RuleContext& ctx, const std::string& key, std::string_view holder,
                   std::string_view outer, const yaml::Node& value) const {
    std::string_view v = value.value;
    if (key == "code") {
      check_path(ctx, value, Expect::Any);
    } else if (key == "component" || key == "conda_file") {
      check_path(ctx, value, Expect::File);
    } else if (key == "trial" || (key == "environment" && v.substr(0, 5) == "file:")) {
      check_path(ctx, value, Expect::File);
    } else if (key == "path" && holder == "build") {
      check_path(ctx, value, Expect::Folder);
    } else if (key == "path" && is_input(holder, outer)) {
      check_path(ctx, value, Expect::Any);
    }
  }

  // `path` of an input: a port under `inputs`, or AutoML's `training_data`,
  // `validation_data`, `test_data`. Only inputs must exist before submitting.
  static bool is_input(std::string_view holder, std::string_view outer) {
    return outer == "inputs" || holder.ends_with("_data");
  }

  void check_path(RuleContext& ctx, const yaml::Node& value, Expect expect) const {
    const std::string& text = value.value;
    if (text.empty() || text.find_first_of("*?<>$") != std::string::npos) return;
    Reference ref = parse_reference(text);
    if (ref.kind != ReferenceKind::LocalPath || ref.has_binding || ref.has_placeholder) return;
    std::string resolved = resolve_local(ctx.model.base_dir, text);
    if (ctx.env.exists(resolved)) return;
    const char* what = expect == Expect::File     ? "file"
                       : expect == Expect::Folder ? "folder"
                                                  : "path";
    ctx.report(kCodes[0].code, whole_value_range(ctx, value),
               std::string("local ") + what + " `" + text +
                   "` does not exist (relative paths resolve from this file's folder); create "
                   "it before submitting or correct the path");
  }
};

}  // namespace

const Rule& missing_local_path() {
  static const MissingLocalPath rule;
  return rule;
}

}  // namespace amllint::rules
