#include <string_view>

#include "model/uri.h"
#include "rules/rule.h"
#include "syntax/yaml_tree.h"

namespace amllint::rules {
namespace {

// Its row, with severity and summary: rules/registry.cpp.
constexpr std::string_view kCode = "secret-in-file";

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether find_secrets could find anything in `s`. Everything it looks for has an `=` right
// after `key` (`AccountKey=`, `SharedAccessKey=`), `ure` (`SharedAccessSignature=`) or `sig`
// (`sig=`), in any case, or ends in `==` (a bare account key). Most scalars have no such `=`,
// and one search for `=` is much cheaper than the scanner's case-insensitive searches and its
// walk over every base64 run (4% of a batch when every long scalar went through it).
bool may_hold_secret(std::string_view s) {
  for (size_t at = s.find('='); at != std::string_view::npos; at = s.find('=', at + 1)) {
    if (at + 1 < s.size() && s[at + 1] == '=') return true;
    if (at < 3) continue;
    const char word[3] = {ascii_lower(s[at - 3]), ascii_lower(s[at - 2]), ascii_lower(s[at - 1])};
    const std::string_view before(word, 3);
    if (before == "key" || before == "ure" || before == "sig") return true;
  }
  return false;
}

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
  // Every scalar, keys included: that is what is sent to the service and shown with the job.
  void check(RuleContext& ctx) const override {
    for (const yaml::Node& node : ctx.tree.nodes) {
      if (!node.is_scalar() || node.value.size() < 20 || !may_hold_secret(node.value)) continue;
      for (const SecretFinding& s : find_secrets(node.value)) {
        ctx.report(kCode, ctx.value_range(node, s.range.begin, s.range.end),
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
