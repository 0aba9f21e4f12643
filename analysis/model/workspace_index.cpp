#include "model/workspace_index.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <optional>
#include <thread>
#include <tuple>

#include "analyze.h"
#include "config/config.h"
#include "syntax/document.h"
#include "syntax/yaml_tree.h"
#include "validation/file_kind.h"

namespace amllint {
namespace {

namespace fs = std::filesystem;

constexpr uintmax_t kMaxIndexedFileBytes = 1u << 20;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view text_of(const yaml::Node* root, std::string_view key) {
  const yaml::Node* n = root ? root->get(key) : nullptr;
  return n && n->is_scalar() ? n->text() : std::string_view();
}

// What an asset spec is, by the last segment of its `$schema` (the CLI's own schema names).
std::optional<AssetKind> kind_from_schema(std::string_view schema) {
  size_t slash = schema.rfind('/');
  std::string base = lower(slash == std::string_view::npos ? schema : schema.substr(slash + 1));
  if (base == "environment.schema.json") return AssetKind::Environment;
  if (base == "data.schema.json") return AssetKind::Data;
  if (base == "model.schema.json") return AssetKind::Model;
  if (base.find("component.schema.json") != std::string::npos) return AssetKind::Component;
  if (base.find("compute.schema.json") != std::string::npos) return AssetKind::Compute;
  for (std::string_view ds : {"azureblob", "azurefile", "azuredatalakegen", "onelake"})
    if (base.rfind(ds, 0) == 0) return AssetKind::Datastore;
  return std::nullopt;
}

// A spec without `$schema`, by its shape: the `type` values of `az ml compute/datastore/data/
// model create`, environments by their image or build, components as file_kind detects them.
std::optional<AssetKind> kind_from_shape(std::string_view text, const yaml::Node* root) {
  std::string type = lower(text_of(root, "type"));
  if (type == "amlcompute" || type == "computeinstance" || type == "kubernetes" ||
      type == "virtualmachine" || type == "synapsespark")
    return AssetKind::Compute;
  if (type == "azure_blob" || type == "azure_file" || type == "azure_data_lake_gen1" ||
      type == "azure_data_lake_gen2" || type == "one_lake")
    return AssetKind::Datastore;
  const bool runs = root->get("command") || root->get("jobs") || root->get("trial");
  if (!runs && root->get("path")) {
    if (type == "uri_file" || type == "uri_folder" || type == "mltable") return AssetKind::Data;
    if (type == "mlflow_model" || type == "custom_model" || type == "triton_model")
      return AssetKind::Model;
  }
  if (!runs && type.empty() && (root->get("image") || root->get("build")))
    return AssetKind::Environment;
  switch (detect_kind(text, root)) {
    case FileKind::CommandComponent:
    case FileKind::PipelineComponent:
    case FileKind::ParallelComponent:
    case FileKind::SparkComponent:
    case FileKind::DataTransferComponent: return AssetKind::Component;
    default: return std::nullopt;
  }
}

bool skipped_folder(const fs::path& p) {
  std::string name = p.filename().string();
  return (!name.empty() && name[0] == '.') || name == "node_modules" || name == "__pycache__" ||
         name == "build" || name.rfind("build-", 0) == 0 || name == "venv";
}

// Whether the text can hold a `name` key; false means the root cannot have one (only the text
// `name` itself decodes to that key). A key written `name`, `"name"`, `'name'` or `{name: ...}`, an
// anchored `&a name` an alias key refers to, or a block scalar's line: each has a character that
// is not a letter, digit or `_` before it (or starts the text). `display_name` and
// `experiment_name`, which every job has, do not, so most job files are not parsed. A backslash
// escape (`"\x6eame"`) could spell the key otherwise: such a text is only asked for `name`.
bool may_have_name_key(std::string_view text) {
  if (text.find('\\') != std::string_view::npos) return text.find("name") != std::string_view::npos;
  for (size_t at = text.find("name"); at != std::string_view::npos;
       at = text.find("name", at + 1)) {
    if (at == 0) return true;
    const char c = text[at - 1];
    const bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word) return true;
  }
  return false;
}

// The bytes of a file, read straight into one string (a stream and a string stream copied them
// twice, for every YAML file of the project); empty when it cannot be read.
std::string read_whole(const fs::path& path) {
  std::string out;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  struct stat st {};
  // The size says how much to read; a file that grows meanwhile is read to its end all the same.
  size_t size = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  out.resize(size + 1);
  size_t got = 0;
  for (;;) {
    if (got == out.size()) out.resize(out.size() * 2);
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

std::optional<AssetDeclaration> index_file(const fs::path& path) {
  // Most YAML in a repo is not an asset; a cheap look at the text avoids parsing it (and even
  // indexing its lines). The look gives the same answer with or without a byte order mark: the
  // mark's last byte is not a word character.
  std::string raw = read_whole(path);
  if (!may_have_name_key(raw)) return std::nullopt;
  Document doc(std::move(raw));
  const std::string& text = doc.text();
  yaml::Tree tree = yaml::parse(doc);
  const yaml::Node* root = tree.root;
  if (!root || !root->is_mapping()) return std::nullopt;
  const yaml::Node* name = root->get("name");
  if (!name || !name->is_scalar() || name->value.empty() ||
      name->value.find("{{") != std::string::npos)
    return std::nullopt;
  std::optional<AssetKind> kind = kind_from_schema(text_of(root, "$schema"));
  if (!kind) kind = kind_from_shape(text, root);
  if (!kind) return std::nullopt;
  AssetDeclaration d;
  d.kind = *kind;
  d.name = name->value;
  d.version = std::string(text_of(root, "version"));
  d.file = path.string();
  d.line = doc.line_of(name->range.begin);
  d.source = AssetDeclaration::Source::Spec;
  return d;
}

// Every file is parsed: on a project of thousands of YAML files that takes a while, and the
// analyses that need the index wait for it, so the files are shared out among threads. The
// result is sorted afterwards, so the order they finish in does not matter.
void index_files(const std::vector<fs::path>& paths, std::vector<AssetDeclaration>& out) {
  constexpr size_t kFilesPerThread = 256;  // below this a thread costs more than it saves
  const size_t threads = std::min<size_t>(
      {std::max(1u, std::thread::hardware_concurrency()), 4, paths.size() / kFilesPerThread});
  if (threads <= 1) {
    for (const fs::path& p : paths)
      if (auto d = index_file(p)) out.push_back(std::move(*d));
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::vector<AssetDeclaration>> found(threads);
  std::vector<std::exception_ptr> errors(threads);
  auto work = [&](size_t t) {
    try {
      for (size_t i = next++; i < paths.size(); i = next++)
        if (auto d = index_file(paths[i])) found[t].push_back(std::move(*d));
    } catch (...) {
      errors[t] = std::current_exception();
      next = paths.size();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  for (auto& f : found)
    for (AssetDeclaration& d : f) out.push_back(std::move(d));
}

}  // namespace

const char* asset_kind_name(AssetKind kind) {
  switch (kind) {
    case AssetKind::Environment: return "environment";
    case AssetKind::Data: return "data asset";
    case AssetKind::Model: return "model";
    case AssetKind::Component: return "component";
    case AssetKind::Compute: return "compute";
    case AssetKind::Datastore: return "datastore";
  }
  return "asset";
}

const char* asset_kind_config_key(AssetKind kind) {
  switch (kind) {
    case AssetKind::Environment: return "environments";
    case AssetKind::Data: return "data";
    case AssetKind::Model: return "models";
    case AssetKind::Component: return "components";
    case AssetKind::Compute: return "computes";
    case AssetKind::Datastore: return "datastores";
  }
  return "";
}

std::optional<AssetKind> asset_kind_of_field(std::string_view key) {
  if (key == "environment") return AssetKind::Environment;
  if (key == "compute" || key == "default_compute") return AssetKind::Compute;
  if (key == "default_datastore" || key == "datastore") return AssetKind::Datastore;
  if (key == "component") return AssetKind::Component;
  return std::nullopt;
}

AssetKind port_asset_kind(std::string_view port_type) {
  const bool model =
      port_type == "mlflow_model" || port_type == "custom_model" || port_type == "triton_model";
  return model ? AssetKind::Model : AssetKind::Data;
}

std::vector<const AssetDeclaration*> WorkspaceIndex::find(AssetKind kind,
                                                          std::string_view name) const {
  std::vector<const AssetDeclaration*> out;
  for (const AssetDeclaration& a : assets)
    if (a.kind == kind && a.name == name) out.push_back(&a);
  return out;
}

std::vector<std::string> WorkspaceIndex::names(AssetKind kind) const {
  std::vector<std::string> out;
  for (const AssetDeclaration& a : assets)
    if (a.kind == kind && std::find(out.begin(), out.end(), a.name) == out.end())
      out.push_back(a.name);
  return out;
}

bool names_workspace(const Config* config) {
  return config && !config->workspace.empty();
}

bool lists_kind(const Config* config, AssetKind kind) {
  return config && config->workspace.count(asset_kind_config_key(kind)) > 0;
}

std::string workspace_root(const std::string& file_path, const Config* config) {
  std::error_code ec;
  if (config && !config->dir.empty()) {
    fs::path dir = fs::absolute(config->dir, ec);
    if (!ec) return dir.lexically_normal().string();
  }
  fs::path file = fs::absolute(file_path.empty() ? "." : file_path, ec).lexically_normal();
  fs::path start = file_path.empty() ? file : file.parent_path();
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir.string();
    if (dir == dir.parent_path()) break;
  }
  return start.string();
}

WorkspaceIndex build_workspace_index(const std::string& root, const Config* config) {
  WorkspaceIndex index;
  index.root = root;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  size_t entries = 0;
  std::vector<fs::path> paths;
  for (; !ec && it != end; it.increment(ec)) {
    // A project folder that is really a home directory must not stall the first analysis.
    if (++entries > kMaxIndexedEntries) {
      index.truncated = true;
      break;
    }
    const fs::directory_entry& entry = *it;
    if (entry.is_directory(ec)) {
      if (skipped_folder(entry.path())) it.disable_recursion_pending();
      continue;
    }
    std::string ext = lower(entry.path().extension().string());
    if (ext != ".yml" && ext != ".yaml") continue;
    if (!entry.is_regular_file(ec) || entry.file_size(ec) > kMaxIndexedFileBytes) continue;
    if (index.files_scanned >= kMaxIndexedFiles) {
      index.truncated = true;
      break;
    }
    ++index.files_scanned;
    paths.push_back(entry.path());
  }
  index_files(paths, index.assets);
  // A stable order whatever the file system's: by kind, name, file.
  std::sort(index.assets.begin(), index.assets.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.name, a.file, a.line) < std::tie(b.kind, b.name, b.file, b.line);
  });
  if (config) {
    for (AssetKind kind : {AssetKind::Environment, AssetKind::Data, AssetKind::Model,
                           AssetKind::Component, AssetKind::Compute, AssetKind::Datastore}) {
      if (!lists_kind(config, kind)) continue;
      auto listed = config->workspace.find(asset_kind_config_key(kind));
      index.listed.insert(kind);
      for (const Config::WorkspaceName& n : listed->second) {
        AssetDeclaration d;
        d.kind = kind;
        d.name = n.name;
        d.file = config->path;
        d.line = n.line;
        d.source = AssetDeclaration::Source::Config;
        index.assets.push_back(std::move(d));
      }
    }
  }
  for (std::string_view ds : kDefaultDatastores) {
    AssetDeclaration d;
    d.kind = AssetKind::Datastore;
    d.name = std::string(ds);
    d.source = AssetDeclaration::Source::Default;
    index.assets.push_back(std::move(d));
  }
  return index;
}

}  // namespace amllint
