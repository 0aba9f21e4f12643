// secret-in-file skips scalars that cannot hold a secret before it runs the scanner; these tests
// hold it to exactly what running find_secrets over every long scalar finds, on the corpus, on
// the rule's fixtures and on secrets seeded in many spellings and places.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "environment.h"
#include "model/job_model.h"
#include "model/uri.h"
#include "rules/rule.h"
#include "syntax/yaml_tree.h"
#include "test_support.h"

using namespace amllint;
namespace fs = std::filesystem;

namespace {

using Finding = std::tuple<uint32_t, uint32_t, std::string>;

const Rule& secret_rule() {
  for (const Rule* r : all_rules())
    for (const RuleInfo& info : r->codes())
      if (info.code == "secret-in-file") return *r;
  throw std::runtime_error("no secret-in-file rule");
}

// The rule's findings (range and message) in `text`, and what the scanner finds when it reads
// every scalar of 20 bytes or more, which is what the rule did before it skipped any.
struct Compared {
  std::vector<Finding> rule, scanner;
};

Compared compare(const std::string& text) {
  Document doc(text);
  yaml::Tree tree = yaml::parse(doc);
  JobModel model;
  auto env = make_disk_environment();
  RuleContext ctx(doc, tree, model, *env, "");
  ctx.current_codes = secret_rule().codes();
  secret_rule().check(ctx);
  Compared out;
  for (const Diagnostic& d : ctx.diagnostics)
    out.rule.emplace_back(d.range.begin, d.range.end, d.code);
  for (const yaml::Node& node : tree.nodes) {
    if (!node.is_scalar() || node.value.size() < 20) continue;
    for (const SecretFinding& s : find_secrets(node.value)) {
      TextRange r = ctx.value_range(node, s.range.begin, s.range.end);
      out.scanner.emplace_back(r.begin, r.end, "secret-in-file");
    }
  }
  return out;
}

const std::string kKey =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

// Secrets as they are written, in every case the scanner accepts, and near misses.
std::vector<std::string> seeds() {
  std::vector<std::string> out = {
      "https://acct.blob.core.windows.net/c/"
      "x.csv?sp=r&sv=2022-11-02&sr=b&sig=AbCdEf0123456789%2BxyzXYZabc%3D",
      "?sv=2022-11-02&SIG=AbCdEf0123456789%2BxyzXYZabc%3D",
      "token sIg=AbCdEf0123456789%2BxyzXYZabc%3D",
      "DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=" + kKey +
          ";EndpointSuffix=core.windows.net",
      "defaultendpointsprotocol=https;accountname=devstore;ACCOUNTKEY=" + kKey,
      "--key AccountKey=" + kKey,
      "--key accountkey=" + kKey,
      kKey,
      "storage_key " + kKey + " trailing",
      "integrity: sha512-" + kKey,
      "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;"
      "SharedAccessKey=q3Xb9ZkLmN0pQrStUvWxYz1234567890abcdEFGH=",
      "Endpoint=sb://ns.servicebus.windows.net/;sharedaccesskey=q3Xb9ZkLmN0pQrStUvWxYz1234567890ab",
      "BlobEndpoint=https://a.blob.core.windows.net/;"
      "SharedAccessSignature=sv=2022-11-02&ss=b&sig=AbCdEf0123456789%2BxyzXYZabc%3D",
      "SHAREDACCESSSIGNATURE=sv=2022&SIG=AbCdEf0123456789%2BxyzXYZabc%3D",
      "AccountKey=<your-account-key> and more words here",
      "python train.py --design sig=1 --lr=0.01 --epochs=10",
      "a=b c==d e===f and a long tail of ordinary words",
  };
  return out;
}

// `value` as a plain, double-quoted and single-quoted value, inside a folded command, and as a
// key, in a command job.
std::vector<std::string> documents_with(const std::string& value) {
  std::string escaped;
  for (char c : value) escaped += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  std::string single;
  for (char c : value) single += c == '\'' ? std::string("''") : std::string(1, c);
  const std::string head =
      "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
      "type: command\n"
      "environment: azureml:AzureML-sklearn-1.5@latest\n";
  return {
      head + "command: python x.py\nenvironment_variables:\n  A: \"" + escaped + "\"\n",
      head + "command: python x.py\nenvironment_variables:\n  A: '" + single + "'\n",
      head + "command: >-\n  export X=1 &&\n  python x.py \"" + escaped + "\"\n  --next 2\n",
      head + "command: |\n  echo start\n  " + value + "\n  echo end\n",
      head + "command: python x.py\ntags:\n  \"" + escaped + "\": 1\n",
  };
}

}  // namespace

TEST(SecretScan, SeededSecretsAreFoundAsByTheScanner) {
  size_t found = 0;
  for (const std::string& seed : seeds()) {
    for (const std::string& text : documents_with(seed)) {
      Compared c = compare(text);
      EXPECT_EQ(c.rule, c.scanner) << text;
      found += c.rule.size();
    }
  }
  // Every seed but the four near misses is a secret, in each of its five placements.
  EXPECT_GE(found, (seeds().size() - 4) * 5);
}

TEST(SecretScan, FixturesAndCorpusAgreeWithTheScanner) {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::directory_iterator(amllint::testing::fixtures_dir() / "rules" / "secret-in-file"))
    files.push_back(e.path());
  const size_t fixtures = files.size();
  if (fs::exists(amllint::testing::corpus_dir()))
    for (const auto& e : fs::recursive_directory_iterator(amllint::testing::corpus_dir())) {
      auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(e.path());
    }
  ASSERT_GT(files.size(), fixtures) << "corpus not found at " << amllint::testing::corpus_dir();
  size_t found = 0;
  for (const fs::path& f : files) {
    Compared c = compare(amllint::testing::read_file(f));
    EXPECT_EQ(c.rule, c.scanner) << f;
    found += c.rule.size();
  }
  EXPECT_GT(found, 0u);  // the fixtures hold secrets
}
