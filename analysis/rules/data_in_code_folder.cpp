#include "environment.h"
#include "rule_sites.h"
#include "rules.h"
#include "snapshot.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"data-in-code-folder", Severity::Info,
     "the `code` folder holds data files that are uploaded with every job"},
};

constexpr size_t kListed = 3;

class DataInCodeFolder final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  void check(RuleContext& ctx) const override {
    for (const CodeReference& code : local_code_references(ctx.model)) {
      if (!ctx.env.is_directory(code.folder)) continue;
      std::shared_ptr<const SnapshotStats> stats = ctx.env.snapshot(code.folder);
      // Over the limit is the louder finding; the data files are named there too.
      if (!stats || stats->data_files.empty() || stats->over_limit()) continue;
      uint64_t bytes = 0;
      for (const DataFile& f : stats->data_files) bytes += f.bytes;
      std::string listed;
      for (size_t i = 0; i < stats->data_files.size() && i < kListed; ++i) {
        const DataFile& f = stats->data_files[i];
        listed += (i ? ", " : "") + f.path + " (" + format_bytes(f.bytes) + ")";
      }
      size_t total = std::max(stats->data_files_total, stats->data_files.size());
      if (total > kListed) listed += ", ...";
      ctx.report(kCodes[0].code, whole_value_range(ctx, *code.node),
                 "the code folder holds " + std::to_string(total) + " data file" +
                     (total == 1 ? "" : "s") + " (" + format_bytes(bytes) +
                     (total > stats->data_files.size() ? " in those listed" : "") +
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
