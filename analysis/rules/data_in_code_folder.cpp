#include "environment.h"
#include "model/snapshot.h"
#include "rules/rule.h"
#include "rules/rule_sites.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "data-in-code-folder";

constexpr size_t kListed = 3;

// Spark ships these lists from the code folder on purpose: what they name is not stray data.
bool shipped_by_spark(const yaml::Node* owner, const std::string& path) {
  if (!owner || !owner->is_mapping()) return false;
  for (std::string_view key : {"py_files", "jars", "files", "archives"}) {
    const yaml::Node* list = owner->get(key);
    if (!list || !list->is_sequence()) continue;
    for (const yaml::Node* item : list->items) {
      if (!item || !item->is_scalar()) continue;
      std::string_view v = item->value;
      if (v.substr(0, 2) == "./") v.remove_prefix(2);
      // `archives` entries may carry an alias: `data.zip#data`.
      v = v.substr(0, v.find('#'));
      if (v == path) return true;
    }
  }
  return false;
}

class DataInCodeFolder final : public Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const CodeReference& code : local_code_references(ctx.model)) {
      if (!ctx.env.is_directory(code.folder)) continue;
      std::shared_ptr<const SnapshotStats> stats = ctx.env.snapshot(code.folder);
      // Over the limit is the louder finding; the data files are named there too.
      if (!stats || stats->data_files.empty() || stats->over_limit()) continue;
      std::vector<const DataFile*> data;
      for (const DataFile& f : stats->data_files)
        if (!shipped_by_spark(code.owner, f.path)) data.push_back(&f);
      if (data.empty()) continue;
      uint64_t bytes = 0;
      for (const DataFile* f : data) bytes += f->bytes;
      std::string listed;
      for (size_t i = 0; i < data.size() && i < kListed; ++i)
        listed += (i ? ", " : "") + data[i]->path + " (" + format_bytes(data[i]->bytes) + ")";
      size_t unlisted = stats->data_files_total > stats->data_files.size()
                            ? stats->data_files_total - stats->data_files.size()
                            : 0;
      size_t total = data.size() + unlisted;
      if (total > kListed) listed += ", ...";
      ctx.report(kCode, whole_value_range(ctx, *code.node),
                 "the code folder holds " + std::to_string(total) + " data file" +
                     (total == 1 ? "" : "s") + " (" + format_bytes(bytes) +
                     (total > data.size() ? " in those listed" : "") +
                     ") uploaded with every job: " + listed +
                     "; pass data as an input (uri_file/uri_folder) or exclude it in " +
                     "`.amlignore`");
    }
  }
};

}  // namespace

const Rule& data_in_code_folder() {
  static const DataInCodeFolder rule;
  return rule;
}

}  // namespace amllint::rules
