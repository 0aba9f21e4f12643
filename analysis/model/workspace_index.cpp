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

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether the text can hold a `name` key; false means the root cannot have one (only the text
// `name` itself decodes to that key). A key written `name`, `"name"`, `'name'` or `{name: ...}`, an
// anchored `&a name` an alias key refers to, or a block scalar's line: each has a character that
// is not a letter, digit or `_` before it (or starts the text). `display_name` and
// `experiment_name`, which every job has, do not, so most job files are not parsed. A backslash
// escape (`"\x6eame"`) could spell the key otherwise, with no `name` in the text at all: such a
// text is parsed.
bool may_have_name_key(std::string_view text) {
  if (text.find('\\') != std::string_view::npos) return true;
  for (size_t at = text.find("name"); at != std::string_view::npos;
       at = text.find("name", at + 1)) {
    if (at == 0 || !is_word_char(text[at - 1])) return true;
  }
  return false;
}

// One line of a text for the root look below: where it starts and ends (without its line break),
// its indentation, and whether it has content (not blank, not only a comment).
struct TextLine {
  size_t begin = 0, end = 0;
  size_t column = 0;
  bool content = false;
};

// Whether `rest` (what follows a key) is `:` then nothing or a comment: the line opens a block.
bool only_colon_and_comment(std::string_view rest) {
  if (rest.empty() || rest[0] != ':') return false;
  size_t i = 1;
  while (i < rest.size() && rest[i] == ' ') ++i;
  return i == rest.size() || (i > 1 && rest[i] == '#');
}

// `key:` and nothing else (or a comment): a plain key of letters, digits and `_ - . / $` whose
// value is the block below it. Its line cannot hold a key of the mapping above it.
bool is_plain_opener(std::string_view line) {
  if (line.empty() || !(is_word_char(line[0]) || line[0] == '$')) return false;
  size_t i = 1;
  while (i < line.size() && (is_word_char(line[i]) || line[i] == '-' || line[i] == '.' ||
                             line[i] == '/' || line[i] == '$'))
    ++i;
  return only_colon_and_comment(line.substr(i));
}

// Whether `line` (from its first character) is a block mapping's implicit key: anchors and tags,
// then a plain key or one quoted on the line, then `:` and a space or the line's end.
bool is_block_key_line(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == '&' || line[i] == '!')) {
    while (i < line.size() && line[i] != ' ') ++i;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  if (i >= line.size()) return false;
  const char first = line[i];
  if (first == '"' || first == '\'') {
    size_t close = i + 1;
    for (;; ++close) {
      close = line.find(first, close);
      if (close == std::string_view::npos) return false;
      if (first == '\'' && close + 1 < line.size() && line[close + 1] == '\'') {
        ++close;  // `''` inside single quotes is a quote
        continue;
      }
      break;
    }
    i = close + 1;
    while (i < line.size() && line[i] == ' ') ++i;
  } else {
    // A plain scalar cannot start with an indicator (`- ? :` only before a space, but such a
    // first line is not read as a plain key here either way).
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(first) != std::string_view::npos)
      return false;
    for (; i < line.size(); ++i) {
      if (line[i] == '#' && line[i - 1] == ' ') return false;
      if (line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ')) break;
    }
  }
  return i < line.size() && line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ');
}

// `---` or `...` at the start of a line: a document's start or end.
bool is_document_marker(std::string_view line) {
  return line.size() >= 3 && (line.starts_with("---") || line.starts_with("...")) &&
         (line.size() == 3 || line[3] == ' ');
}

}  // namespace

// The root look. A block mapping's keys all start lines at its indentation, so when the root is
// a block mapping whose first key starts the first content line, at column c, its keys are on
// lines indented exactly c (YAML 1.2.2, 8.2.2, [187] l+block-mapping(n): every entry of a block
// mapping at one indentation, its content deeper). A `name` (as may_have_name_key finds it) only on
// deeper lines is then in a value, and the root has no `name` key. What can put a key's text
// elsewhere falls back to may_have_name_key's answer: an explicit `? ` key (it may span lines), an
// alias key or a
// `<<` merge (their keys are written elsewhere), a flow root, a line indented less than the root
// (yaml-cpp reads on over such a line inside a quoted or flow value), tabs (the parser re-reads
// tab-indented lines at a width it chooses), a lone CR or a Unicode line break, backslash
// escapes, a directive or a document marker other than one `---` at the start. yaml::parse reads
// the first document only, as this look does.
//
// A file with a syntax error is parsed again with lines blanked or moved left (yaml::parse's
// recovery), which can make a deeper line a root key (a `name:` indented under `version: 1` is
// moved left to the root). So a deeper `name` counts as nested only when every line that
// encloses it, up to the root, is a plain `key:` opening a block. Such a line has no value that
// runs on into the lines below it and no mistake of its own; recovery moves or blanks only the
// line the parser stops at (with the lines indented under it), so lifting `name` out of those
// blocks would take a mistake reported on each of them. workspace_index_test puts mistakes on
// and around them, alone and in pairs.
bool may_have_root_name_key(std::string_view text) {
  if (!may_have_name_key(text)) return false;
  std::string_view t = text;
  if (t.starts_with("\xEF\xBB\xBF")) t.remove_prefix(3);  // Document drops it
  if (std::any_of(t.begin(), t.end(), [](char c) { return c == '\\' || c == '\t' || c == '\0'; }) ||
      t.find("\xEF\xBB\xBF") != std::string_view::npos ||
      t.find("\xC2\x85") != std::string_view::npos ||  // NEL
      t.find("\xE2\x80\xA8") != std::string_view::npos ||
      t.find("\xE2\x80\xA9") != std::string_view::npos)
    return true;
  std::vector<TextLine> lines;
  for (size_t b = 0; b <= t.size();) {
    size_t nl = t.find('\n', b);
    size_t e = nl == std::string_view::npos ? t.size() : nl;
    size_t stop = e;
    if (stop > b && t[stop - 1] == '\r') --stop;
    if (t.substr(b, stop - b).find('\r') != std::string_view::npos) return true;  // a lone CR
    TextLine l{b, stop, 0, false};
    while (b + l.column < stop && t[b + l.column] == ' ') ++l.column;
    l.content = b + l.column < stop && t[b + l.column] != '#';
    lines.push_back(l);
    if (nl == std::string_view::npos) break;
    b = nl + 1;
  }
  auto body = [&](const TextLine& l) {
    return t.substr(l.begin + l.column, l.end - l.begin - l.column);
  };
  size_t first = 0;
  bool leading_marker = false;
  for (; first < lines.size(); ++first) {
    if (!lines[first].content) continue;
    // One `---` before the root (with nothing but a comment after it) starts the document.
    std::string_view b = body(lines[first]);
    if (!leading_marker && lines[first].column == 0 && b.starts_with("---") &&
        (b.size() == 3 || b.substr(3).find_first_not_of(' ') == std::string_view::npos ||
         (b[3] == ' ' && b[b.find_first_not_of(' ', 3)] == '#'))) {
      leading_marker = true;
      continue;
    }
    break;
  }
  if (first == lines.size()) return true;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view whole = t.substr(lines[i].begin, lines[i].end - lines[i].begin);
    if (whole.starts_with('%')) return true;
    if (is_document_marker(whole) && !(leading_marker && i < first)) return true;
  }
  const size_t root_column = lines[first].column;
  if (!is_block_key_line(body(lines[first]))) return true;
  // Per content line: whether the lines enclosing it (the nearest line above it indented less,
  // and so on up to the root's) are all plain `key:` openers, so that its text is in a value
  // (`in_value`); and whether it is such an opener itself, which its own lines inherit (`chain`).
  std::vector<uint8_t> in_value(lines.size(), 0), chain(lines.size(), 0);
  std::vector<size_t> open;  // the enclosing lines of the next line, indentation increasing
  for (size_t i = first; i < lines.size(); ++i) {
    const TextLine& l = lines[i];
    if (!l.content) continue;
    if (l.column < root_column) return true;
    std::string_view b = body(l);
    if (l.column == root_column) {
      if (b[0] == '?' || b[0] == '*' || b.find("<<") != std::string_view::npos) return true;
      open.clear();
    } else {
      while (lines[open.back()].column >= l.column) open.pop_back();
      in_value[i] = chain[open.back()];
    }
    chain[i] = (l.column == root_column || in_value[i]) && is_plain_opener(b);
    open.push_back(i);
  }
  for (size_t at = t.find("name"); at != std::string_view::npos; at = t.find("name", at + 1)) {
    if (at > 0 && is_word_char(t[at - 1])) continue;
    const size_t i = static_cast<size_t>(
        std::upper_bound(lines.begin(), lines.end(), at,
                         [](size_t a, const TextLine& x) { return a < x.begin; }) -
        lines.begin() - 1);
    // A line that starts with `#` is a comment, or the text of a scalar: never a key.
    if (!lines[i].content) continue;
    if (lines[i].column == root_column || !in_value[i]) return true;
  }
  return false;
}

namespace {

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
  if (!may_have_root_name_key(raw)) return std::nullopt;
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
