#include "rules.h"
#include "uri.h"
#include "yaml_tree.h"

namespace amllint::rules {
namespace {

constexpr RuleInfo kCodes[] = {
    {"secret-in-file", Severity::Error,
     "a SAS token, storage account key or connection string is written in the file"},
};

std::string describe(SecretKind kind) {
  switch (kind) {
    case SecretKind::SasToken: return "a SAS token signature (`sig=`)";
    case SecretKind::AccountKey: return "a storage account key";
    case SecretKind::ConnectionString: return "a storage connection string with its key";
  }
  return "a secret";
}

class SecretInFile final : public Rule {
 public:
  std::span<const RuleInfo> codes() const override { return kCodes; }

  // Every scalar, keys included: that is what is sent to the service and shown with the job.
  void check(RuleContext& ctx) const override {
    for (const yaml::Node& node : ctx.tree.nodes) {
      if (!node.is_scalar() || node.value.size() < 20) continue;
      for (const SecretFinding& s : find_secrets(node.value)) {
        ctx.report(kCodes[0].code, ctx.value_range(node, s.range.begin, s.range.end),
                   "this is " + describe(s.kind) +
                       ": it is sent with the job, visible to everyone who can read the job " +
                       "and its logs, and kept in source control; revoke it, then use a " +
                       "datastore with identity-based access or a workspace connection instead");
      }
    }
  }
};

}  // namespace

const Rule& secret_in_file() {
  static const SecretInFile rule;
  return rule;
}

}  // namespace amllint::rules
