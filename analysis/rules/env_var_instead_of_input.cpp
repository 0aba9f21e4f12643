#include "environment.h"
#include "model/snapshot.h"
#include "model/uri.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "env-var-instead-of-input";

// Locations of data that an input would mount or download, with lineage; through an
// environment variable the job gets only a string.
bool is_data_location(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::DatastoreUri:
    case ReferenceKind::LongDatastoreUri:
    case ReferenceKind::JobOutputUri:
    case ReferenceKind::BlobHttps:
    case ReferenceKind::DfsHttps:
    case ReferenceKind::Wasbs:
    case ReferenceKind::Abfss:
    case ReferenceKind::Adl: return true;
    default: return false;
  }
}

std::string input_name_for(std::string_view variable) {
  std::string name;
  for (char c : variable) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

class EnvVarInsteadOfInput final : public Rule {
 public:
  // Step-local (rule.h): each command site is judged on its own variables and code folder.
  bool step_local() const override { return true; }
  void check(RuleContext& ctx) const override {
    for (const CommandSite& site : command_sites(ctx.model)) {
      const yaml::Node* vars = site.holder->get("environment_variables");
      if (!vars || !vars->is_mapping()) continue;
      const std::string code = local_code_folder(site.base_dir, site.code);
      for (const yaml::Pair& p : vars->pairs) {
        if (!p.key || !p.value || !p.value->is_scalar() || p.value->value.empty()) continue;
        const std::string value = p.value->value.str();
        if (value.find('$') != std::string::npos) continue;  // expansions, bindings
        Reference ref = parse_reference(value);
        if (ref.has_placeholder) continue;
        const std::string input = input_name_for(p.key->value);
        if (is_data_location(ref.kind)) {
          ctx.report(kCode, whole_value_range(ctx, *p.value),
                     "environment variable `" + p.key->value + "` carries a data location (" +
                         reference_kind_name(ref.kind) +
                         "): the service neither mounts it nor records it as the job's input; " +
                         "declare it under `inputs` (e.g. `" + input +
                         ": {type: uri_folder, path: ...}`) and pass `${{inputs." + input +
                         "}}` in the command");
          continue;
        }
        if (ref.kind != ReferenceKind::LocalPath || !is_local_file_reference(value)) continue;
        // A path that exists beside the YAML but not in the uploaded code folder names nothing
        // inside the container.
        std::string beside = resolve_local(site.base_dir, value);
        if (!ctx.env.exists(beside)) continue;
        if (!code.empty() && ctx.env.exists(resolve_local(code, value))) continue;
        ctx.report(kCode, whole_value_range(ctx, *p.value),
                   "environment variable `" + p.key->value + "` names the local path `" + value +
                       "`, which is not uploaded with the job" +
                       (code.empty() ? std::string() : " (it is outside the code folder)") +
                       "; declare it under `inputs` (e.g. `" + input +
                       ": {type: " + (ctx.env.is_directory(beside) ? "uri_folder" : "uri_file") +
                       ", path: " + value + "}`) and pass `${{inputs." + input +
                       "}}` in the command");
      }
    }
  }

 private:
  // Plain words (`INFO`, `train`) also parse as local paths; only a path-shaped value or a
  // data file name is taken as a path.
  static bool is_local_file_reference(const std::string& value) {
    if (value.find(' ') != std::string::npos || value.front() == '/') return false;
    // The service creates `outputs/` and `logs/` in the container's working folder.
    std::string_view v(value);
    if (v.substr(0, 2) == "./") v.remove_prefix(2);
    if (v.substr(0, 7) == "outputs" || v.substr(0, 4) == "logs") return false;
    return value.find('/') != std::string::npos || is_data_like_name(value);
  }
};

}  // namespace

const Rule& env_var_instead_of_input() {
  static const EnvVarInsteadOfInput rule;
  return rule;
}

}  // namespace amllint::rules
