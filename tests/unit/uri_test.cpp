#include "model/uri.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include "model/expressions.h"

namespace amllint {
namespace {

std::string_view slice(std::string_view text, TextRange r) {
  return text.substr(r.begin, r.end - r.begin);
}

TEST(Uri, DatastoreUri) {
  Reference r =
      parse_reference("azureml://datastores/workspaceblobstore/paths/example-data/iris.csv");
  EXPECT_EQ(r.kind, ReferenceKind::DatastoreUri);
  EXPECT_EQ(r.value("datastore"), "workspaceblobstore");
  EXPECT_EQ(r.value("path"), "example-data/iris.csv");
  EXPECT_TRUE(is_remote(r.kind));
}

TEST(Uri, DatastoreUriWithOutputMacros) {
  std::string_view text =
      "azureml://datastores/${{default_datastore}}/paths/azureml/${{name}}/${{output_name}}.jsonl";
  Reference r = parse_reference(text);
  EXPECT_EQ(r.kind, ReferenceKind::DatastoreUri);
  EXPECT_TRUE(r.has_binding);
  EXPECT_EQ(r.value("datastore"), "${{default_datastore}}");
  EXPECT_EQ(slice(text, r.part("path")->range), "azureml/${{name}}/${{output_name}}.jsonl");
}

TEST(Uri, DatastoreUriMalformed) {
  Reference no_paths = parse_reference("azureml://datastores/workspaceblobstore/data/iris.csv");
  EXPECT_EQ(no_paths.kind, ReferenceKind::Malformed);
  EXPECT_NE(no_paths.error.find("expected azureml://datastores/<datastore>/paths/<path>"),
            std::string::npos);
  EXPECT_EQ(slice("azureml://datastores/workspaceblobstore/data/iris.csv", no_paths.error_range),
            "data");

  EXPECT_EQ(parse_reference("azureml://datastores/ws").kind, ReferenceKind::Malformed);
  EXPECT_EQ(parse_reference("azureml://datastores//paths/x").kind, ReferenceKind::Malformed);
  EXPECT_EQ(parse_reference("azureml://").kind, ReferenceKind::Malformed);
}

TEST(Uri, DatastoreRootAndRunHistory) {
  EXPECT_EQ(parse_reference("azureml://datastores/ws/paths/").kind, ReferenceKind::DatastoreUri);
  EXPECT_EQ(parse_reference("azureml://datastores/ws/ExperimentRun/dcid.abc/outputs").kind,
            ReferenceKind::DatastoreUri);
}

TEST(Uri, LongDatastoreUri) {
  Reference r = parse_reference(
      "azureml://subscriptions/0000-11/resourcegroups/rg-ml/workspaces/ws1/datastores/blob/paths/a/"
      "b.csv");
  EXPECT_EQ(r.kind, ReferenceKind::LongDatastoreUri);
  EXPECT_EQ(r.value("subscription"), "0000-11");
  EXPECT_EQ(r.value("resource_group"), "rg-ml");
  EXPECT_EQ(r.value("workspace"), "ws1");
  EXPECT_EQ(r.value("datastore"), "blob");
  EXPECT_EQ(r.value("path"), "a/b.csv");
  // The SDK accepts resourceGroups spelled either way.
  EXPECT_EQ(parse_reference(
                "azureml://subscriptions/s/resourceGroups/rg/workspaces/w/datastores/d/paths/p")
                .kind,
            ReferenceKind::LongDatastoreUri);
  EXPECT_EQ(parse_reference(
                "azureml://subscriptions/s/resourcegroups/rg/workspaces/w/models/m/versions/3")
                .kind,
            ReferenceKind::WorkspaceAssetUri);
  Reference bad = parse_reference("azureml://subscriptions/s/workspaces/w/datastores/d/paths/p");
  EXPECT_EQ(bad.kind, ReferenceKind::Malformed);
  EXPECT_NE(bad.error.find("resourcegroups/<group>"), std::string::npos);
}

TEST(Uri, JobOutputUri) {
  Reference r = parse_reference("azureml://jobs/quirky_rain_1234/outputs/artifacts/paths/model/");
  EXPECT_EQ(r.kind, ReferenceKind::JobOutputUri);
  EXPECT_EQ(r.value("job"), "quirky_rain_1234");
  EXPECT_EQ(r.value("output"), "artifacts");
  EXPECT_EQ(r.value("path"), "model/");
  EXPECT_EQ(parse_reference("azureml://jobs/j/outputs/o").kind, ReferenceKind::JobOutputUri);
  Reference bad = parse_reference("azureml://jobs/j/model/paths/x");
  EXPECT_EQ(bad.kind, ReferenceKind::Malformed);
  EXPECT_NE(bad.error.find("azureml://jobs/<job>/outputs/<output>/paths/<path>"),
            std::string::npos);
  EXPECT_EQ(parse_reference("azureml://jobs/j/outputs/o/files/x").kind, ReferenceKind::Malformed);
}

TEST(Uri, RegistryAssets) {
  Reference label =
      parse_reference("azureml://registries/azureml/environments/sklearn-1.5/labels/latest");
  EXPECT_EQ(label.kind, ReferenceKind::RegistryAsset);
  EXPECT_EQ(label.value("registry"), "azureml");
  EXPECT_EQ(label.value("type"), "environments");
  EXPECT_EQ(label.value("name"), "sklearn-1.5");
  EXPECT_EQ(label.value("label"), "latest");
  Reference version =
      parse_reference("azureml://registries/azureml/components/compute_metrics/versions/0.0.26");
  EXPECT_EQ(version.value("version"), "0.0.26");
  // The corpus uses a registry component without a version (the default one is taken).
  Reference bare =
      parse_reference("azureml://registries/azureml/components/automl_many_models_training");
  EXPECT_EQ(bare.kind, ReferenceKind::RegistryAsset);
  EXPECT_EQ(bare.part("version"), nullptr);
  Reference bad = parse_reference("azureml://registries/azureml/components/x/version/1");
  EXPECT_EQ(bad.kind, ReferenceKind::Malformed);
  EXPECT_NE(bad.error.find("/versions/<version>"), std::string::npos);
  EXPECT_EQ(parse_reference("azureml://registries/azureml/components").kind,
            ReferenceKind::Malformed);
  EXPECT_EQ(parse_reference("azureml://registries/r/models/m/labels/").kind,
            ReferenceKind::Malformed);
}

TEST(Uri, LocationsFeedsAndShortAssetIds) {
  Reference loc =
      parse_reference("azureml://locations/eastus/workspaces/abc-123/models/m/versions/1");
  EXPECT_EQ(loc.kind, ReferenceKind::LocationAsset);
  EXPECT_EQ(loc.value("location"), "eastus");
  EXPECT_EQ(loc.value("version"), "1");
  EXPECT_EQ(parse_reference("azureml://locations/eastus/models/m").kind, ReferenceKind::Malformed);
  EXPECT_EQ(parse_reference("azureml://feeds/azureml/components/c/versions/1").kind,
            ReferenceKind::FeedAsset);
  EXPECT_EQ(parse_reference("azureml://models/m/versions/2").kind, ReferenceKind::ShortAssetUri);
  EXPECT_EQ(parse_reference("azureml://data/d/versions/2").kind, ReferenceKind::ShortAssetUri);
  // Forms we do not know are left alone rather than reported.
  EXPECT_EQ(parse_reference("azureml://resourcegroups/rg/workspaces/w/models/m/versions/1").kind,
            ReferenceKind::OtherAzuremlUri);
}

TEST(Uri, ShortAssetReferences) {
  Reference v =
      parse_reference("azureml:nccltests_azureml:openmpi4.1.0-cuda11.1-cudnn8-ubuntu18.04");
  EXPECT_EQ(v.kind, ReferenceKind::AssetVersion);
  EXPECT_EQ(v.value("name"), "nccltests_azureml");
  EXPECT_EQ(v.value("version"), "openmpi4.1.0-cuda11.1-cudnn8-ubuntu18.04");
  Reference l = parse_reference("azureml:AzureML-sklearn-1.5@latest");
  EXPECT_EQ(l.kind, ReferenceKind::AssetLabel);
  EXPECT_EQ(l.value("label"), "latest");
  EXPECT_EQ(parse_reference("azureml:AzureML-AutoML@prod").value("label"), "prod");
  Reference n = parse_reference("azureml:cpu-cluster");
  EXPECT_EQ(n.kind, ReferenceKind::AssetName);
  EXPECT_EQ(n.value("name"), "cpu-cluster");
  EXPECT_EQ(slice("azureml:cpu-cluster", n.part("name")->range), "cpu-cluster");
  Reference placeholder = parse_reference("azureml:<my_model>:<version>");
  EXPECT_EQ(placeholder.kind, ReferenceKind::AssetVersion);
  EXPECT_TRUE(placeholder.has_placeholder);
}

TEST(Uri, ShortAssetMalformed) {
  for (const char* text : {"azureml:", "azureml::1", "azureml:name:", "azureml:@latest",
                           "azureml:name@", "azureml:a/b:1"}) {
    Reference r = parse_reference(text);
    EXPECT_EQ(r.kind, ReferenceKind::Malformed) << text;
    EXPECT_NE(r.error.find("azureml:<name>:<version>"), std::string::npos) << text;
  }
}

// The SDK passes these on unparsed (azure-ai-ml 1.34 accepts them client-side, measured with
// the oracle); the service cannot resolve them.
TEST(Uri, ServiceRejectedShortAssets) {
  Reference twice = parse_reference("azureml:iris::1");
  EXPECT_EQ(twice.kind, ReferenceKind::Malformed);
  EXPECT_EQ(slice("azureml:iris::1", twice.error_range), "::");
  EXPECT_EQ(twice.replacement, ":");
  EXPECT_NE(twice.error.find("azureml:iris:1"), std::string::npos);
  Reference three = parse_reference("azureml:a:b:c");
  EXPECT_EQ(three.kind, ReferenceKind::Malformed);
  EXPECT_EQ(slice("azureml:a:b:c", three.error_range), ":c");
  EXPECT_NE(three.error.find("azureml:<name>:<version>"), std::string::npos);
  // A colon after a label is not a second version separator the service would split on either.
  EXPECT_EQ(parse_reference("azureml:name@latest").kind, ReferenceKind::AssetLabel);
  EXPECT_EQ(parse_reference("azureml:name:${{parent.inputs.v}}").kind, ReferenceKind::AssetVersion);
}

TEST(Uri, UnknownAzuremlHeads) {
  std::string_view singular = "azureml://datastore/workspaceblobstore/paths/iris/";
  Reference r = parse_reference(singular);
  EXPECT_EQ(r.kind, ReferenceKind::Malformed);
  EXPECT_EQ(slice(singular, r.error_range), "datastore");
  EXPECT_EQ(r.replacement, "datastores");
  EXPECT_NE(r.error.find("did you mean `azureml://datastores/`"), std::string::npos);
  EXPECT_EQ(parse_reference("azureml://registrie/azureml/models/m/versions/1").replacement,
            "registries");
  Reference unknown = parse_reference("azureml://experiments/x/runs/y");
  EXPECT_EQ(unknown.kind, ReferenceKind::Malformed);
  EXPECT_TRUE(unknown.replacement.empty());
  EXPECT_NE(unknown.error.find("azureml://datastores/..."), std::string::npos);
  // Placeholders and bindings in the head are filled in before submission.
  EXPECT_TRUE(parse_reference("azureml://${{parent.inputs.uri}}/x").ok());
  EXPECT_TRUE(parse_reference("azureml://<your-uri>").ok());
  EXPECT_TRUE(parse_reference("azureml://workspace/w/indexes/i/versions/1").ok());
}

TEST(Uri, MisspeltSchemes) {
  Reference htps = parse_reference("htps://example.com/data.csv");
  EXPECT_EQ(htps.kind, ReferenceKind::Malformed);
  EXPECT_EQ(htps.replacement, "https");
  EXPECT_EQ(slice("htps://example.com/data.csv", htps.error_range), "htps");
  EXPECT_EQ(parse_reference("azure-ml://datastores/x/paths/y").replacement, "azureml");
  EXPECT_EQ(parse_reference("wasbss://c@a.blob.core.windows.net/p").replacement, "wasbs");
  // Real schemes of other systems, even when one letter away from ours.
  for (const char* other : {"s3://bucket/key", "gs://bucket/key", "dbfs://x/y", "hdfs://nn/x",
                            "adls://a/b", "ftp://host/x", "sftp://host/x"})
    EXPECT_EQ(parse_reference(other).kind, ReferenceKind::OtherScheme) << other;
}

TEST(Uri, ArmIds) {
  Reference r = parse_reference(
      "azureml:/subscriptions/sub/resourceGroups/rg/providers/Microsoft.MachineLearningServices/"
      "workspaces/ws/"
      "environments/my-env/versions/3");
  EXPECT_EQ(r.kind, ReferenceKind::ArmId);
  EXPECT_EQ(r.value("workspace"), "ws");
  EXPECT_EQ(r.value("type"), "environments");
  EXPECT_EQ(r.value("name"), "my-env");
  EXPECT_EQ(r.value("version"), "3");
  EXPECT_EQ(parse_reference("azureml:/subscriptions/sub/resourceGroups/rg/providers/"
                            "Microsoft.MachineLearningServices/workspaces/ws/computes/gpu")
                .kind,
            ReferenceKind::ArmId);
  Reference bad = parse_reference("azureml:/subscriptions/sub/providers/x");
  EXPECT_EQ(bad.kind, ReferenceKind::Malformed);
  EXPECT_NE(bad.error.find("azureml:/subscriptions/<subscription>/resourceGroups/<group>"),
            std::string::npos);
}

TEST(Uri, StorageUrls) {
  Reference blob =
      parse_reference("https://azuremlexamples.blob.core.windows.net/datasets/iris.csv");
  EXPECT_EQ(blob.kind, ReferenceKind::BlobHttps);
  EXPECT_EQ(blob.value("account"), "azuremlexamples");
  EXPECT_EQ(blob.value("container"), "datasets");
  EXPECT_EQ(blob.value("path"), "iris.csv");
  Reference dfs = parse_reference("https://acct.dfs.core.windows.net/fs/dir/x.parquet");
  EXPECT_EQ(dfs.kind, ReferenceKind::DfsHttps);
  EXPECT_EQ(dfs.value("filesystem"), "fs");
  EXPECT_EQ(parse_reference("https://www.robots.ox.ac.uk/~vgg/data/pets/data/images.tar.gz").kind,
            ReferenceKind::Http);
  EXPECT_EQ(parse_reference("http://example.com").kind, ReferenceKind::Http);
  EXPECT_EQ(parse_reference("https://").kind, ReferenceKind::Malformed);

  Reference wasbs =
      parse_reference("wasbs://datasets@azuremlexamples.blob.core.windows.net/iris.csv");
  EXPECT_EQ(wasbs.kind, ReferenceKind::Wasbs);
  EXPECT_EQ(wasbs.value("container"), "datasets");
  EXPECT_EQ(wasbs.value("account"), "azuremlexamples");
  EXPECT_EQ(wasbs.value("path"), "iris.csv");
  Reference wasbs_bad =
      parse_reference("wasbs://azuremlexamples.blob.core.windows.net/datasets/iris.csv");
  EXPECT_EQ(wasbs_bad.kind, ReferenceKind::Malformed);
  EXPECT_NE(wasbs_bad.error.find("wasbs://<container>@<account>"), std::string::npos);

  Reference abfss = parse_reference("abfss://fs@acct.dfs.core.windows.net/raw/");
  EXPECT_EQ(abfss.kind, ReferenceKind::Abfss);
  EXPECT_EQ(abfss.value("filesystem"), "fs");
  EXPECT_EQ(parse_reference("abfss://acct.dfs.core.windows.net/raw").kind,
            ReferenceKind::Malformed);

  Reference adl = parse_reference("adl://myadls.azuredatalakestore.net/folder/file.csv");
  EXPECT_EQ(adl.kind, ReferenceKind::Adl);
  EXPECT_EQ(adl.value("account"), "myadls");
  EXPECT_EQ(parse_reference("adl://").kind, ReferenceKind::Malformed);
}

TEST(Uri, MlflowGitFileAndLocal) {
  Reference runs = parse_reference("runs:/a1b2c3/model");
  EXPECT_EQ(runs.kind, ReferenceKind::MlflowRun);
  EXPECT_EQ(runs.value("run"), "a1b2c3");
  EXPECT_EQ(runs.value("path"), "model");
  EXPECT_EQ(parse_reference("runs:/<run-id>/<path-to-model>").kind, ReferenceKind::MlflowRun);
  Reference bad_runs = parse_reference("runs:/abc");
  EXPECT_EQ(bad_runs.kind, ReferenceKind::Malformed);
  EXPECT_NE(bad_runs.error.find("runs:/<run-id>/<path>"), std::string::npos);

  Reference git = parse_reference("git+https://github.com/Azure/azureml-examples");
  EXPECT_EQ(git.kind, ReferenceKind::Git);
  EXPECT_EQ(git.value("url"), "https://github.com/Azure/azureml-examples");
  EXPECT_EQ(parse_reference("git+").kind, ReferenceKind::Malformed);

  Reference file = parse_reference("file:./components/component_infer.yaml");
  EXPECT_EQ(file.kind, ReferenceKind::LocalPath);
  EXPECT_TRUE(file.file_prefix);
  EXPECT_EQ(file.value("path"), "./components/component_infer.yaml");
  EXPECT_EQ(parse_reference("file:").kind, ReferenceKind::Malformed);

  for (const char* local :
       {"src", "./data/iris.csv", "../../data", "/abs/path", "C:\\data\\x.csv", "train.py"}) {
    Reference r = parse_reference(local);
    EXPECT_EQ(r.kind, ReferenceKind::LocalPath) << local;
    EXPECT_FALSE(r.file_prefix);
    EXPECT_FALSE(is_remote(r.kind));
  }
  EXPECT_EQ(parse_reference("s3://bucket/key").kind, ReferenceKind::OtherScheme);
  EXPECT_EQ(parse_reference("").kind, ReferenceKind::Empty);
  EXPECT_EQ(parse_reference("${{parent.inputs.compute}}").kind, ReferenceKind::Binding);
  EXPECT_EQ(parse_reference("${{a}}/${{b}}").kind, ReferenceKind::LocalPath);
}

TEST(Uri, KindNamesAreDistinct) {
  EXPECT_STREQ(reference_kind_name(ReferenceKind::DatastoreUri), "datastore_uri");
  EXPECT_STREQ(reference_kind_name(ReferenceKind::Malformed), "malformed");
}

TEST(Secrets, SasTokenInUrl) {
  std::string_view text =
      "https://acct.blob.core.windows.net/c/"
      "x.csv?sp=r&st=2024-01-01T00:00:00Z&se=2024-02-01T00:00:00Z"
      "&spr=https&sv=2022-11-02&sr=b&sig=AbCdEf0123456789%2BxyzXYZabc%3D";
  auto found = find_secrets(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, SecretKind::SasToken);
  EXPECT_EQ(slice(text, found[0].range), "AbCdEf0123456789%2BxyzXYZabc%3D");
}

TEST(Secrets, AccountKeyAndConnectionString) {
  const std::string key =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  ASSERT_EQ(key.size(), 88u);
  std::string conn = "DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=" + key +
                     ";EndpointSuffix=core.windows.net";
  std::string text = "export AZURE_STORAGE_CONNECTION_STRING=\"" + conn + "\" && python x.py";
  auto found = find_secrets(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, SecretKind::ConnectionString);
  EXPECT_EQ(slice(text, found[0].range), conn);

  std::string bare = "--key AccountKey=" + key;
  auto key_only = find_secrets(bare);
  ASSERT_EQ(key_only.size(), 1u);
  EXPECT_EQ(key_only[0].kind, SecretKind::AccountKey);
  EXPECT_EQ(slice(bare, key_only[0].range), key);

  std::string loose = "storage_key: " + key;
  auto loose_found = find_secrets(loose);
  ASSERT_EQ(loose_found.size(), 1u);
  EXPECT_EQ(loose_found[0].kind, SecretKind::AccountKey);
  EXPECT_EQ(slice(loose, loose_found[0].range), key);
}

TEST(Secrets, Sha512DigestIsNotAnAccountKey) {
  const std::string digest =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  EXPECT_TRUE(find_secrets("integrity: sha512-" + digest).empty());
  EXPECT_EQ(find_secrets("key: " + digest).size(), 1u);
}

TEST(Secrets, ServiceBusConnectionString) {
  std::string text =
      "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
      "SharedAccessKey=q3Xb9ZkLmN0pQrStUvWxYz1234567890abcdEFGH=";
  auto found = find_secrets(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, SecretKind::ConnectionString);
}

TEST(Secrets, PlaceholdersAndOrdinaryTextAreNotSecrets) {
  for (const char* text :
       {"https://acct.blob.core.windows.net/c/x.csv", "AccountKey=<your-account-key>", "?sig=<SAS>",
        "--signature sig=abc", "python train.py --design sig=1",
        "azureml://datastores/ws/paths/a/b", "AccountKey=${{inputs.key}}",
        "aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8="
        "="}) {
    EXPECT_TRUE(find_secrets(text).empty()) << text;
  }
}

// Every string value in the corpus of valid files must classify without error, hold no binding
// issues, and contain no secret.
TEST(Uri, CorpusValuesAreValid) {
  namespace fs = std::filesystem;
  fs::path corpus = fs::path(AMLLINT_SHARED_DIR) / "corpus" / "azureml-examples";
  if (!fs::exists(corpus)) GTEST_SKIP() << "corpus not found at " << corpus;
  size_t references = 0;
  size_t bindings = 0;
  size_t files = 0;
  size_t raw_opens = 0;
  std::function<void(const YAML::Node&, const std::string&)> visit = [&](const YAML::Node& node,
                                                                         const std::string& where) {
    if (node.IsMap()) {
      for (const auto& kv : node) visit(kv.second, where + "/" + kv.first.as<std::string>(""));
    } else if (node.IsSequence()) {
      for (const auto& item : node) visit(item, where + "[]");
    } else if (node.IsScalar()) {
      std::string value = node.Scalar();
      BindingScan scan = scan_bindings(value);
      EXPECT_TRUE(scan.issues.empty()) << where << ": " << value;
      bindings += scan.bindings.size();
      size_t opens = 0;
      for (size_t at = value.find("${{"); at != std::string::npos; at = value.find("${{", at + 1))
        ++opens;
      EXPECT_EQ(scan.bindings.size(), opens) << where << ": " << value;
      for (const Binding& b : scan.bindings)
        EXPECT_NE(b.kind, BindingKind::Unknown) << where << ": " << value;
      EXPECT_TRUE(find_secrets(value).empty()) << where << ": " << value;
      bool looks_like_reference = value.find("://") != std::string::npos ||
                                  value.starts_with("azureml:") || value.starts_with("file:") ||
                                  value.starts_with("runs:/") || value.starts_with("git+");
      if (looks_like_reference && value.find_first_of(" \n") == std::string::npos) {
        ++references;
        Reference r = parse_reference(value);
        EXPECT_TRUE(r.ok()) << where << ": " << value << ": " << r.error;
      }
    }
  };
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    std::string ext = entry.path().extension().string();
    if (ext != ".yml" && ext != ".yaml") continue;
    YAML::Node root;
    try {
      root = YAML::LoadFile(entry.path().string());
    } catch (const YAML::Exception&) {
      continue;  // the corpus holds one Jinja template that is not YAML
    }
    ++files;
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (size_t at = text.find("${{"); at != std::string::npos; at = text.find("${{", at + 1))
      ++raw_opens;
    visit(root, entry.path().string());
  }
  EXPECT_GT(files, 90u);
  EXPECT_GT(references, 100u);
  EXPECT_EQ(bindings, raw_opens);  // every `${{` of the corpus files is inside a value
}

}  // namespace
}  // namespace amllint
