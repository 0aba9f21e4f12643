#include "model/uri.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "model/normal_path.h"
#include "suggest.h"

namespace amllint {
namespace {

TextRange make_range(size_t begin, size_t end) {
  return TextRange{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
}

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

// Secret scanning runs this over every file's whole text: jump between candidate first
// characters instead of comparing at every offset.
size_t ifind(std::string_view text, std::string_view needle, size_t from = 0) {
  if (needle.empty()) return from <= text.size() ? from : std::string_view::npos;
  if (needle.size() > text.size()) return std::string_view::npos;
  const char first[3] = {lower(needle[0]),
                         static_cast<char>(std::toupper(static_cast<unsigned char>(needle[0]))), 0};
  const size_t last = text.size() - needle.size();
  for (size_t i = text.find_first_of(first, from); i != std::string_view::npos && i <= last;
       i = text.find_first_of(first, i + 1)) {
    if (iequals(text.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

struct Segment {
  std::string_view text;
  size_t offset;  // in the whole string
};

// Splits text[from..] on '/'; the last segment may be empty (trailing slash).
std::vector<Segment> split_slashes(std::string_view text, size_t from) {
  std::vector<Segment> out;
  size_t start = from;
  while (true) {
    size_t slash = text.find('/', start);
    size_t end = slash == std::string_view::npos ? text.size() : slash;
    out.push_back({text.substr(start, end - start), start});
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

class Builder {
 public:
  explicit Builder(std::string_view text) : text_(text) {}

  Reference& ref() { return ref_; }

  void add(std::string role, size_t begin, size_t end) {
    ref_.parts.push_back(
        {std::move(role), std::string(text_.substr(begin, end - begin)), make_range(begin, end)});
  }
  void add(std::string role, const Segment& s) {
    add(std::move(role), s.offset, s.offset + s.text.size());
  }
  // Everything from `begin` to the end of the string.
  void add_rest(std::string role, size_t begin) { add(std::move(role), begin, text_.size()); }

  Reference malformed(std::string message, size_t begin = 0, size_t end = std::string_view::npos) {
    return malformed_with_fix(std::move(message), {}, begin, end);
  }
  Reference malformed_with_fix(std::string message, std::string replacement, size_t begin,
                               size_t end) {
    ref_.replacement = std::move(replacement);
    ref_.kind = ReferenceKind::Malformed;
    ref_.error = std::move(message);
    ref_.error_range = make_range(begin, std::min(end, text_.size()));
    return std::move(ref_);
  }

  Reference done(ReferenceKind kind) {
    ref_.kind = kind;
    return std::move(ref_);
  }

 private:
  std::string_view text_;
  Reference ref_;
};

constexpr const char* kDatastoreShape = "expected azureml://datastores/<datastore>/paths/<path>";
constexpr const char* kJobShape = "expected azureml://jobs/<job>/outputs/<output>/paths/<path>";
constexpr const char* kLongShape =
    "expected azureml://subscriptions/<subscription>/resourcegroups/<group>/workspaces/<workspace>/"
    "datastores/<datastore>/paths/<path>";
constexpr const char* kRegistryShape =
    "expected azureml://registries/<registry>/<type>/<name>/versions/<version> or "
    "azureml://registries/<registry>/<type>/<name>/labels/<label>";
constexpr const char* kLocationShape =
    "expected "
    "azureml://locations/<location>/workspaces/<workspace>/<type>/<name>/versions/<version>";
constexpr const char* kAssetShape =
    "expected azureml:<name>, azureml:<name>:<version> or azureml:<name>@<label>";
constexpr const char* kArmShape =
    "expected azureml:/subscriptions/<subscription>/resourceGroups/<group>/providers/"
    "Microsoft.MachineLearningServices/workspaces/<workspace>/<type>/<name>";

// The first segments of the `azureml://` forms the service resolves (SDK constants/_common.py).
const std::vector<std::string> kAzuremlHeads = {
    "datastores", "jobs", "subscriptions", "registries", "locations", "feeds", "models", "data"};

bool all_nonempty(const std::vector<Segment>& segs, std::initializer_list<size_t> indices) {
  for (size_t i : indices) {
    if (i >= segs.size() || segs[i].text.empty()) return false;
  }
  return true;
}

// `<version>` or `<label>` selector after a name: versions/<v> or labels/<l>. Returns false if the
// selector is present but broken.
bool add_selector(Builder& b, const std::vector<Segment>& segs, size_t at) {
  if (at >= segs.size() || (at + 1 == segs.size() && segs[at].text.empty())) return true;
  bool versions = iequals(segs[at].text, "versions");
  bool labels = iequals(segs[at].text, "labels");
  if ((!versions && !labels) || !all_nonempty(segs, {at + 1})) return false;
  b.add(versions ? "version" : "label", segs[at + 1]);
  return true;
}

Reference parse_azureml_uri(std::string_view text, Builder& b) {
  const size_t body = std::string_view("azureml://").size();
  auto segs = split_slashes(text, body);
  std::string_view head = segs[0].text;
  if (head.empty()) {
    return b.malformed("empty azureml:// URI; " + std::string(kDatastoreShape));
  }
  if (iequals(head, "datastores")) {
    if (!all_nonempty(segs, {1}) || segs.size() < 3) return b.malformed(kDatastoreShape);
    b.add("datastore", segs[1]);
    if (iequals(segs[2].text, "paths")) {
      b.add_rest("path", segs[2].offset + segs[2].text.size() + (segs.size() > 3 ? 1 : 0));
      return b.done(ReferenceKind::DatastoreUri);
    }
    // Run-history outputs: azureml://datastores/<ds>/ExperimentRun/...
    if (segs[2].text == "ExperimentRun") {
      b.add_rest("path", segs[2].offset);
      return b.done(ReferenceKind::DatastoreUri);
    }
    return b.malformed(std::string(kDatastoreShape) + " ('paths' is missing after the datastore)",
                       segs[2].offset, segs[2].offset + segs[2].text.size());
  }
  if (iequals(head, "jobs")) {
    if (!all_nonempty(segs, {1, 2, 3}) || !iequals(segs[2].text, "outputs")) {
      return b.malformed(kJobShape);
    }
    b.add("job", segs[1]);
    b.add("output", segs[3]);
    if (segs.size() > 4 && !(segs.size() == 5 && segs[4].text.empty())) {
      if (!iequals(segs[4].text, "paths")) {
        return b.malformed(kJobShape, segs[4].offset, segs[4].offset + segs[4].text.size());
      }
      b.add_rest("path", segs[4].offset + segs[4].text.size() + (segs.size() > 5 ? 1 : 0));
    }
    return b.done(ReferenceKind::JobOutputUri);
  }
  if (iequals(head, "subscriptions")) {
    if (!all_nonempty(segs, {1, 2, 3, 4, 5, 6}) || !istarts_with(segs[2].text, "resourcegroup") ||
        !iequals(segs[4].text, "workspaces")) {
      return b.malformed(kLongShape);
    }
    b.add("subscription", segs[1]);
    b.add("resource_group", segs[3]);
    b.add("workspace", segs[5]);
    if (iequals(segs[6].text, "datastores")) {
      if (!all_nonempty(segs, {7, 8}) || !iequals(segs[8].text, "paths"))
        return b.malformed(kLongShape);
      b.add("datastore", segs[7]);
      b.add_rest("path", segs[8].offset + segs[8].text.size() + (segs.size() > 9 ? 1 : 0));
      return b.done(ReferenceKind::LongDatastoreUri);
    }
    if (!all_nonempty(segs, {7})) return b.malformed(kLongShape);
    b.add("type", segs[6]);
    b.add("name", segs[7]);
    if (!add_selector(b, segs, 8)) return b.malformed(kLongShape);
    return b.done(ReferenceKind::WorkspaceAssetUri);
  }
  if (iequals(head, "registries")) {
    if (!all_nonempty(segs, {1, 2, 3})) return b.malformed(kRegistryShape);
    b.add("registry", segs[1]);
    b.add("type", segs[2]);
    b.add("name", segs[3]);
    // Without a selector the service takes the default version (used in the corpus).
    if (!add_selector(b, segs, 4)) {
      return b.malformed(kRegistryShape, segs[4].offset, text.size());
    }
    return b.done(ReferenceKind::RegistryAsset);
  }
  if (iequals(head, "locations")) {
    if (!all_nonempty(segs, {1, 2, 3, 4, 5}) || !iequals(segs[2].text, "workspaces")) {
      return b.malformed(kLocationShape);
    }
    b.add("location", segs[1]);
    b.add("workspace", segs[3]);
    b.add("type", segs[4]);
    b.add("name", segs[5]);
    if (!add_selector(b, segs, 6)) return b.malformed(kLocationShape);
    return b.done(ReferenceKind::LocationAsset);
  }
  if (iequals(head, "feeds")) {
    if (!all_nonempty(segs, {1})) return b.malformed("expected azureml://feeds/<feed>/...");
    b.add("feed", segs[1]);
    return b.done(ReferenceKind::FeedAsset);
  }
  if (iequals(head, "models") || iequals(head, "data")) {
    std::string shape = "expected azureml://" + std::string(head) + "/<name>/versions/<version>";
    if (!all_nonempty(segs, {1})) return b.malformed(shape);
    b.add("type", segs[0]);
    b.add("name", segs[1]);
    if (!add_selector(b, segs, 2)) return b.malformed(shape);
    return b.done(ReferenceKind::ShortAssetUri);
  }
  // Forms the SDK knows but that are not checked here: asset ids under a resource group
  // (ASSET_ID_RESOURCE_REGEX_FORMAT) and index ids of the assets API.
  if (iequals(head, "resourcegroups") || iequals(head, "workspace"))
    return b.done(ReferenceKind::OtherAzuremlUri);
  // A head that is a binding or a fill-in placeholder is resolved (or edited) before submission.
  if (head.find("${{") != std::string_view::npos || head.find('<') != std::string_view::npos)
    return b.done(ReferenceKind::OtherAzuremlUri);
  // Any other head names nothing the service resolves: the SDK passes the string on unparsed and
  // the service rejects it when it resolves the input, code or asset.
  const size_t head_end = segs[0].offset + head.size();
  std::string close = closest_name(head, kAzuremlHeads);
  if (!close.empty()) {
    return b.malformed_with_fix("`azureml://" + std::string(head) +
                                    "/` is not a form the service knows; did you mean "
                                    "`azureml://" +
                                    close + "/`?",
                                close, segs[0].offset, head_end);
  }
  return b.malformed("`azureml://" + std::string(head) +
                         "/` is not a form the service knows; expected azureml://datastores/..., "
                         "azureml://jobs/..., azureml://registries/... or "
                         "azureml://subscriptions/...",
                     segs[0].offset, head_end);
}

Reference parse_arm_id(std::string_view text, size_t at, Builder& b) {
  // at points at "/subscriptions/..."
  auto segs = split_slashes(text, at + 1);
  if (!all_nonempty(segs, {0, 1, 2, 3}) || !iequals(segs[0].text, "subscriptions") ||
      !istarts_with(segs[2].text, "resourcegroup")) {
    return b.malformed(kArmShape);
  }
  b.add("subscription", segs[1]);
  b.add("resource_group", segs[3]);
  if (segs.size() > 5 && iequals(segs[4].text, "providers")) {
    b.add("provider", segs[5]);
    if (segs.size() > 7 && iequals(segs[6].text, "workspaces") && !segs[7].text.empty()) {
      b.add("workspace", segs[7]);
      if (all_nonempty(segs, {8, 9})) {
        b.add("type", segs[8]);
        b.add("name", segs[9]);
        if (!add_selector(b, segs, 10)) return b.malformed(kArmShape);
      }
    }
  }
  return b.done(ReferenceKind::ArmId);
}

Reference parse_short_asset(std::string_view text, size_t at, Builder& b) {
  std::string_view body = text.substr(at);
  if (body.empty()) return b.malformed(std::string("empty asset reference; ") + kAssetShape);
  size_t slash = body.find('/');
  if (slash != std::string_view::npos) {
    return b.malformed(std::string("an asset name cannot contain '/'; ") + kAssetShape, at + slash,
                       at + slash + 1);
  }
  size_t colon = body.find(':');
  size_t at_sign = body.find('@');
  if (colon != std::string_view::npos && (at_sign == std::string_view::npos || colon < at_sign)) {
    if (colon == 0) return b.malformed(std::string("missing asset name; ") + kAssetShape);
    if (colon + 1 == body.size()) {
      return b.malformed(std::string("missing version after ':'; ") + kAssetShape, at + colon,
                         at + colon + 1);
    }
    // A version never holds ':'. The SDK passes `name::1` and `a:b:c` on unparsed; the service
    // then looks up an asset version that cannot exist.
    size_t second = body.find(':', colon + 1);
    if (second == colon + 1) {
      return b.malformed_with_fix(
          "`::` has one ':' too many; write azureml:" + std::string(body.substr(0, colon)) + ":" +
              std::string(body.substr(colon + 2)),
          ":", at + colon, at + colon + 2);
    }
    if (second != std::string_view::npos) {
      return b.malformed(
          std::string("a reference has one ':', between name and version; ") + kAssetShape,
          at + second, text.size());
    }
    b.add("name", at, at + colon);
    b.add_rest("version", at + colon + 1);
    return b.done(ReferenceKind::AssetVersion);
  }
  if (at_sign != std::string_view::npos) {
    if (at_sign == 0) return b.malformed(std::string("missing asset name; ") + kAssetShape);
    if (at_sign + 1 == body.size()) {
      return b.malformed(std::string("missing label after '@'; ") + kAssetShape, at + at_sign,
                         at + at_sign + 1);
    }
    b.add("name", at, at + at_sign);
    b.add_rest("label", at + at_sign + 1);
    return b.done(ReferenceKind::AssetLabel);
  }
  b.add_rest("name", at);
  return b.done(ReferenceKind::AssetName);
}

// `<container>@<account>.<host>/<path>` after a wasbs:// or abfss:// scheme.
Reference parse_storage_authority(std::string_view text, size_t at, Builder& b, ReferenceKind kind,
                                  const char* shape, const char* container_role) {
  size_t slash = text.find('/', at);
  size_t host_end = slash == std::string_view::npos ? text.size() : slash;
  std::string_view authority = text.substr(at, host_end - at);
  size_t at_sign = authority.find('@');
  if (at_sign == std::string_view::npos || at_sign == 0 || at_sign + 1 == authority.size()) {
    return b.malformed(shape, at, host_end);
  }
  b.add(container_role, at, at + at_sign);
  size_t host = at + at_sign + 1;
  size_t dot = text.find('.', host);
  size_t account_end = (dot == std::string_view::npos || dot > host_end) ? host_end : dot;
  b.add("account", host, account_end);
  b.add("host", host, host_end);
  if (slash != std::string_view::npos) b.add_rest("path", slash + 1);
  return b.done(kind);
}

Reference parse_http(std::string_view text, size_t at, Builder& b) {
  size_t host_end = text.find_first_of("/?#", at);
  if (host_end == std::string_view::npos) host_end = text.size();
  if (host_end == at) return b.malformed("expected http(s)://<host>/<path>");
  std::string_view host = text.substr(at, host_end - at);
  ReferenceKind kind = ReferenceKind::Http;
  if (ifind(host, ".blob.core.") != std::string_view::npos) kind = ReferenceKind::BlobHttps;
  if (ifind(host, ".dfs.core.") != std::string_view::npos) kind = ReferenceKind::DfsHttps;
  b.add("host", at, host_end);
  if (kind != ReferenceKind::Http) {
    b.add("account", at, at + host.find('.'));
    if (host_end < text.size() && text[host_end] == '/') {
      size_t container_end = text.find_first_of("/?#", host_end + 1);
      if (container_end == std::string_view::npos) container_end = text.size();
      b.add(kind == ReferenceKind::BlobHttps ? "container" : "filesystem", host_end + 1,
            container_end);
      if (container_end < text.size() && text[container_end] == '/') {
        size_t path_end = text.find_first_of("?#", container_end + 1);
        b.add("path", container_end + 1,
              path_end == std::string_view::npos ? text.size() : path_end);
      }
    }
  } else if (host_end < text.size()) {
    b.add_rest("path", host_end);
  }
  return b.done(kind);
}

bool has_other_scheme(std::string_view text) {
  size_t colon = text.find("://");
  if (colon == std::string_view::npos || colon < 2)
    return false;  // `C://` is a drive, not a scheme
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
      return false;
  }
  return true;
}

// Schemes the service reads. A scheme one typo away from one of them (`htps`, `azure-ml`) is a
// typo: the SDK passes it on and the service rejects the path.
const std::vector<std::string> kKnownSchemes = {"http", "https", "wasb", "wasbs",
                                                "abfs", "abfss", "adl",  "azureml"};

// Real schemes of other systems that are one edit away from one of ours: not typos.
bool is_foreign_scheme(std::string_view scheme) {
  for (std::string_view s : {"dbfs", "adls", "hdfs", "s3", "s3a", "s3n", "gs", "gcs", "ftp", "ftps",
                             "sftp", "ssh", "oss", "hf", "webhdfs", "swebhdfs"})
    if (iequals(scheme, s)) return true;
  return false;
}

bool is_whole_binding(std::string_view text) {
  if (!text.starts_with("${{") || !text.ends_with("}}")) return false;
  return text.find("}}") == text.size() - 2;
}

}  // namespace

const char* reference_kind_name(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::Empty: return "empty";
    case ReferenceKind::Binding: return "binding";
    case ReferenceKind::DatastoreUri: return "datastore_uri";
    case ReferenceKind::LongDatastoreUri: return "long_datastore_uri";
    case ReferenceKind::WorkspaceAssetUri: return "workspace_asset_uri";
    case ReferenceKind::JobOutputUri: return "job_output_uri";
    case ReferenceKind::RegistryAsset: return "registry_asset";
    case ReferenceKind::LocationAsset: return "location_asset";
    case ReferenceKind::FeedAsset: return "feed_asset";
    case ReferenceKind::ShortAssetUri: return "short_asset_uri";
    case ReferenceKind::OtherAzuremlUri: return "other_azureml_uri";
    case ReferenceKind::AssetVersion: return "asset_version";
    case ReferenceKind::AssetLabel: return "asset_label";
    case ReferenceKind::AssetName: return "asset_name";
    case ReferenceKind::ArmId: return "arm_id";
    case ReferenceKind::BlobHttps: return "blob_https";
    case ReferenceKind::DfsHttps: return "dfs_https";
    case ReferenceKind::Http: return "http";
    case ReferenceKind::Wasbs: return "wasbs";
    case ReferenceKind::Abfss: return "abfss";
    case ReferenceKind::Adl: return "adl";
    case ReferenceKind::MlflowRun: return "mlflow_run";
    case ReferenceKind::Git: return "git";
    case ReferenceKind::OtherScheme: return "other_scheme";
    case ReferenceKind::LocalPath: return "local_path";
    case ReferenceKind::Malformed: return "malformed";
  }
  return "unknown";
}

const ReferencePart* Reference::part(std::string_view role) const {
  for (const auto& p : parts) {
    if (p.role == role) return &p;
  }
  return nullptr;
}

std::string_view Reference::value(std::string_view role) const {
  const ReferencePart* p = part(role);
  return p ? std::string_view(p->value) : std::string_view();
}

bool is_remote(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::Empty:
    case ReferenceKind::Binding:
    case ReferenceKind::LocalPath:
    case ReferenceKind::Malformed: return false;
    default: return true;
  }
}

Reference parse_reference(std::string_view text) {
  Builder b(text);
  Reference& r = b.ref();
  r.has_binding = text.find("${{") != std::string_view::npos;
  size_t lt = text.find('<');
  r.has_placeholder = lt != std::string_view::npos && text.find('>', lt) != std::string_view::npos;
  if (text.empty()) return b.done(ReferenceKind::Empty);
  if (is_whole_binding(text)) return b.done(ReferenceKind::Binding);

  if (istarts_with(text, "azureml://")) return parse_azureml_uri(text, b);
  if (istarts_with(text, "azureml:/"))
    return parse_arm_id(text, std::string_view("azureml:").size(), b);
  if (istarts_with(text, "azureml:"))
    return parse_short_asset(text, std::string_view("azureml:").size(), b);
  if (istarts_with(text, "https://")) return parse_http(text, 8, b);
  if (istarts_with(text, "http://")) return parse_http(text, 7, b);
  if (istarts_with(text, "wasbs://") || istarts_with(text, "wasb://")) {
    return parse_storage_authority(
        text, text.find("://") + 3, b, ReferenceKind::Wasbs,
        "expected wasbs://<container>@<account>.blob.core.windows.net/<path>", "container");
  }
  if (istarts_with(text, "abfss://") || istarts_with(text, "abfs://")) {
    return parse_storage_authority(
        text, text.find("://") + 3, b, ReferenceKind::Abfss,
        "expected abfss://<filesystem>@<account>.dfs.core.windows.net/<path>", "filesystem");
  }
  if (istarts_with(text, "adl://")) {
    size_t host = 6;
    size_t slash = text.find('/', host);
    size_t host_end = slash == std::string_view::npos ? text.size() : slash;
    if (host_end == host)
      return b.malformed("expected adl://<account>.azuredatalakestore.net/<path>");
    size_t dot = text.find('.', host);
    b.add("account", host, dot == std::string_view::npos || dot > host_end ? host_end : dot);
    b.add("host", host, host_end);
    if (slash != std::string_view::npos) b.add_rest("path", slash + 1);
    return b.done(ReferenceKind::Adl);
  }
  if (istarts_with(text, "runs:/")) {
    auto segs = split_slashes(text, 6);
    // The SDK's form is runs:/<run-id>/<path>; the path may itself contain slashes.
    if (!all_nonempty(segs, {0, 1}) || segs[0].text.find('?') != std::string_view::npos) {
      return b.malformed("expected runs:/<run-id>/<path>");
    }
    b.add("run", segs[0]);
    b.add_rest("path", segs[1].offset);
    return b.done(ReferenceKind::MlflowRun);
  }
  if (istarts_with(text, "git+")) {
    if (text.size() == 4)
      return b.malformed("expected git+<repository url>, e.g. git+https://github.com/<org>/<repo>");
    b.add_rest("url", 4);
    return b.done(ReferenceKind::Git);
  }
  if (istarts_with(text, "file:")) {
    size_t at = 5;
    if (text.substr(at).starts_with("//")) at += 2;
    r.file_prefix = true;
    if (at == text.size()) return b.malformed("expected file:<path>");
    b.add_rest("path", at);
    return b.done(ReferenceKind::LocalPath);
  }
  if (has_other_scheme(text)) {
    const size_t scheme_end = text.find("://");
    std::string scheme(text.substr(0, scheme_end));
    if (!is_foreign_scheme(scheme)) {
      std::string close = closest_name(scheme, kKnownSchemes);
      if (!close.empty()) {
        return b.malformed_with_fix("`" + scheme +
                                        "://` is not a scheme the service reads; did you mean `" +
                                        close + "://`?",
                                    close, 0, scheme_end);
      }
    }
    b.add("scheme", 0, scheme_end);
    return b.done(ReferenceKind::OtherScheme);
  }
  b.add_rest("path", 0);
  return b.done(ReferenceKind::LocalPath);
}

std::string resolve_local(const std::string& base_dir, std::string_view ref) {
  if (ref.substr(0, 5) == "file:") ref.remove_prefix(5);
  return normal_joined_path(base_dir, ref);
}

const char* secret_kind_name(SecretKind kind) {
  switch (kind) {
    case SecretKind::SasToken: return "SAS token";
    case SecretKind::AccountKey: return "storage account key";
    case SecretKind::ConnectionString: return "connection string";
  }
  return "secret";
}

namespace {

bool is_base64(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
}

// Signature values are base64, often percent-encoded.
bool is_sig_char(char c) {
  return is_base64(c) || c == '%' || c == '-' || c == '_';
}

// A real key mixes cases and digits; placeholders and words do not.
bool looks_random(std::string_view s) {
  bool upper = false, lowercase = false, digit = false;
  for (char c : s) {
    upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
    lowercase |= std::islower(static_cast<unsigned char>(c)) != 0;
    digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
  }
  return upper && lowercase && digit;
}

bool is_delimiter(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '`';
}

bool overlaps(const std::vector<SecretFinding>& found, size_t begin, size_t end) {
  for (const auto& f : found) {
    if (begin < f.range.end && f.range.begin < end) return true;
  }
  return false;
}

}  // namespace

std::vector<SecretFinding> find_secrets(std::string_view text) {
  std::vector<SecretFinding> found;

  // Keys inside `Name=Value;` lists: a connection string when it also names an endpoint or account.
  for (std::string_view key : {"AccountKey=", "SharedAccessKey=", "SharedAccessSignature="}) {
    for (size_t at = ifind(text, key); at != std::string_view::npos;
         at = ifind(text, key, at + 1)) {
      size_t value = at + key.size();
      size_t value_end = value;
      while (value_end < text.size() && text[value_end] != ';' && !is_delimiter(text[value_end])) {
        ++value_end;
      }
      std::string_view v = text.substr(value, value_end - value);
      bool is_sas = key == "SharedAccessSignature=";
      bool secret =
          is_sas ? ifind(v, "sig=") != std::string_view::npos
                 : v.size() >= 20 && looks_random(v) && std::all_of(v.begin(), v.end(), is_base64);
      if (!secret || overlaps(found, value, value_end)) continue;
      size_t run_begin = at;
      while (run_begin > 0 && !is_delimiter(text[run_begin - 1])) --run_begin;
      size_t run_end = value_end;
      while (run_end < text.size() && !is_delimiter(text[run_end])) ++run_end;
      std::string_view run = text.substr(run_begin, run_end - run_begin);
      bool connection = ifind(run, "Endpoint") != std::string_view::npos ||
                        ifind(run, "AccountName=") != std::string_view::npos;
      if (connection) {
        found.push_back({SecretKind::ConnectionString, make_range(run_begin, run_end)});
      } else {
        found.push_back({SecretKind::AccountKey, make_range(value, value_end)});
      }
    }
  }

  // SAS signatures in URL queries or bare tokens: `?sv=...&sig=<signature>`.
  for (size_t at = ifind(text, "sig="); at != std::string_view::npos;
       at = ifind(text, "sig=", at + 1)) {
    if (at > 0 && text[at - 1] != '?' && text[at - 1] != '&' && !is_delimiter(text[at - 1]))
      continue;
    size_t value = at + 4;
    size_t end = value;
    while (end < text.size() && is_sig_char(text[end])) ++end;
    if (end - value < 16 || overlaps(found, value, end)) continue;
    found.push_back({SecretKind::SasToken, make_range(value, end)});
  }

  // A storage account key on its own: 64 random bytes are 88 base64 characters ending in '=='.
  size_t i = 0;
  while (i < text.size()) {
    if (!is_base64(text[i])) {
      ++i;
      continue;
    }
    size_t begin = i;
    while (i < text.size() && is_base64(text[i])) ++i;
    std::string_view token = text.substr(begin, i - begin);
    // SHA-512 digests (npm/pip integrity, `sha512-...==`) have the same shape but are not secret.
    bool digest =
        begin >= 7 && ifind(text.substr(begin - 7, 7), "sha512") != std::string_view::npos;
    if (!digest && token.size() == 88 && token.ends_with("==") &&
        token.substr(0, 86).find('=') == std::string_view::npos && looks_random(token) &&
        !overlaps(found, begin, i)) {
      found.push_back({SecretKind::AccountKey, make_range(begin, i)});
    }
  }

  std::sort(found.begin(), found.end(), [](const SecretFinding& a, const SecretFinding& b) {
    return a.range.begin < b.range.begin;
  });
  return found;
}

}  // namespace amllint
