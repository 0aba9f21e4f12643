// Classifies the strings a job file uses to point at things: datastore and job-output URIs, asset
// references (`azureml:<n>:<v>`, registry URIs, ARM ids), storage URLs, git code and local paths.
// Also finds secrets (SAS tokens, account keys, connection strings) in any string.
// Ranges are byte offsets into the parsed string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace amllint {

enum class ReferenceKind {
  Empty,
  Binding,            // the whole value is one `${{...}}`
  DatastoreUri,       // azureml://datastores/<datastore>/paths/<path>
  LongDatastoreUri,   // azureml://subscriptions/.../workspaces/<w>/datastores/<ds>/paths/<p>
  WorkspaceAssetUri,  // azureml://subscriptions/.../workspaces/<w>/<type>/<name>/versions/<v>
  JobOutputUri,       // azureml://jobs/<job>/outputs/<output>/paths/<path>
  RegistryAsset,      // azureml://registries/<r>/<type>/<name>[/versions/<v>|/labels/<l>]
  LocationAsset,      // azureml://locations/<loc>/workspaces/<w>/<type>/<name>/versions/<v>
  FeedAsset,          // azureml://feeds/... (internal registry alias)
  ShortAssetUri,      // azureml://models|data/<name>/versions/<v>
  OtherAzuremlUri,    // some other azureml://... form; not checked
  AssetVersion,       // azureml:<name>:<version>
  AssetLabel,         // azureml:<name>@<label>
  AssetName,          // azureml:<name> (compute, datastore, or the default version)
  ArmId,              // azureml:/subscriptions/<s>/resourceGroups/<rg>/providers/...
  BlobHttps,          // https://<account>.blob.core.<cloud>/<container>/<path>
  DfsHttps,           // https://<account>.dfs.core.<cloud>/<filesystem>/<path>
  Http,               // any other http(s) URL
  Wasbs,              // wasb(s)://<container>@<account>.blob.core.<cloud>/<path>
  Abfss,              // abfs(s)://<filesystem>@<account>.dfs.core.<cloud>/<path>
  Adl,                // adl://<account>.azuredatalakestore.net/<path>
  MlflowRun,          // runs:/<run-id>/<path>
  Git,                // git+<url>
  OtherScheme,        // s3://, gs://, ...: not ours to judge
  LocalPath,          // relative or absolute path, `file:` prefix stripped
  Malformed,          // a known prefix whose shape is wrong; see `error`
};

const char* reference_kind_name(ReferenceKind kind);

struct ReferencePart {
  std::string role;  // "datastore", "path", "name", "version", "label", "registry", ...
  std::string value;
  TextRange range;
};

struct Reference {
  ReferenceKind kind = ReferenceKind::Empty;
  std::vector<ReferencePart> parts;
  bool file_prefix = false;      // `file:` was stripped; the LocalPath part excludes it
  bool has_binding = false;      // a `${{...}}` occurs somewhere (parts may hold one)
  bool has_placeholder = false;  // `<...>` fill-in text, e.g. `azureml:<my_model>:<version>`
  // Non-empty for Malformed: what is wrong and the expected shape.
  std::string error;
  TextRange error_range;
  // When the intended text is obvious (`datastore` -> `datastores`, `::` -> `:`): what replaces
  // `error_range`. Empty otherwise.
  std::string replacement;

  bool ok() const { return kind != ReferenceKind::Malformed; }
  // The part with this role, or nullptr.
  const ReferencePart* part(std::string_view role) const;
  std::string_view value(std::string_view role) const;
};

Reference parse_reference(std::string_view text);

// True for kinds that name a remote location or asset, i.e. nothing to look for on disk.
bool is_remote(ReferenceKind kind);

// The file a local path names, as the CLI resolves it: strips `file:` and joins a relative path
// to `base_dir` (the folder of the file that names it); absolute paths stay as they are. The one
// resolution of local paths: the model's component files, the rules' paths, editor links.
std::string resolve_local(const std::string& base_dir, std::string_view ref);

enum class SecretKind { SasToken, AccountKey, ConnectionString };

const char* secret_kind_name(SecretKind kind);

struct SecretFinding {
  SecretKind kind;
  TextRange range;  // the secret itself (the signature, the key, the whole connection string)
};

// Secrets that would be uploaded with the job and shown in its logs. Placeholders such as
// `sig=<token>` or `AccountKey=<key>` are not secrets.
std::vector<SecretFinding> find_secrets(std::string_view text);

}  // namespace amllint
