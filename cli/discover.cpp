#include "discover.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

#include "glob.h"

namespace fs = std::filesystem;

namespace amllint::cli {
namespace {

bool skipped_directory(const std::string& name) {
  return name == ".git" || name == "node_modules";
}

class Walker {
 public:
  explicit Walker(Discovery& out) : out_(out) {}

  // A file is known by its absolute, lexically normal path (so `dir` and `dir/a.yml` on one
  // command line lint `a.yml` once).
  void add_file(const std::string& shown) { add_file(shown, key_of(shown)); }

  // Visits every regular file under `dir` in sorted order; `relative` is the path from the
  // walk's root, with '/' separators, which `accept` decides on.
  template <typename Accept, typename Descend>
  void walk(const fs::path& dir, const std::string& shown_root, const std::string& relative,
            Accept&& accept, Descend&& descend) {
    // The key of a file found under the root is the root's key and `relative`: the names a
    // directory lists are never empty, `.` or `..`, so normalizing them changes nothing. Found
    // once per walk instead of once per file (thousands of current_path and normalizations).
    if (relative.empty()) {
      walk_key_root_ = key_of(dir.string());
      walk_key_root_absolute_ = fs::path(walk_key_root_).is_absolute();
    }
    walk_files(dir, shown_root, relative, accept, descend);
  }

  static std::string join(const std::string& root, const std::string& rel) {
    if (root.empty() || root == ".") return rel;
    if (root.back() == '/') return root + rel;
    return root + "/" + rel;
  }

 private:
  static std::string display(const fs::path& p) { return p.generic_string(); }

  void add_file(const std::string& shown, std::string key) {
    if (seen_.insert(std::move(key)).second) out_.files.push_back({shown, false});
  }

  // fs::absolute(p).lexically_normal(), with the current directory asked once; `p` itself when
  // there is none.
  std::string key_of(const std::string& p) {
    if (!cwd_) {
      std::error_code ec;
      fs::path cwd = fs::current_path(ec);
      cwd_ = ec ? std::string() : cwd.string();
    }
    fs::path path(p);
    if (path.is_absolute()) return path.lexically_normal().string();
    if (cwd_->empty() || path.empty()) return p;
    return (fs::path(*cwd_) / path).lexically_normal().string();
  }

  template <typename Accept, typename Descend>
  void walk_files(const fs::path& dir, const std::string& shown_root, const std::string& relative,
                  Accept&& accept, Descend&& descend) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      out_.errors.push_back(display(dir) + ": cannot read directory: " + ec.message());
      return;
    }
    // By name: a name is one path element, which paths compare as strings.
    std::vector<std::pair<std::string, fs::directory_entry>> entries;
    for (; !ec && it != fs::directory_iterator(); it.increment(ec))
      entries.emplace_back(it->path().filename().string(), *it);
    if (ec) out_.errors.push_back(display(dir) + ": cannot read directory: " + ec.message());
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [name, entry] : entries) {
      const std::string rel = relative.empty() ? name : relative + "/" + name;
      std::error_code type_ec;
      // Symlinked folders are not followed (they can form cycles); symlinked files are.
      if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
        if (!skipped_directory(name) && descend(rel))
          walk_files(entry.path(), shown_root, rel, accept, descend);
      } else if (entry.is_regular_file(type_ec) && accept(rel)) {
        const std::string& root = walk_key_root_;
        std::string shown = join(shown_root, rel);
        std::string key = !walk_key_root_absolute_ ? key_of(shown)
                          : root.back() == '/'     ? root + rel
                                                   : root + "/" + rel;
        add_file(shown, std::move(key));
      }
    }
  }

  Discovery& out_;
  std::set<std::string> seen_;
  std::optional<std::string> cwd_;
  std::string walk_key_root_;  // key_of the root of the current walk
  bool walk_key_root_absolute_ = false;
};

size_t segment_count(const std::string& pattern) {
  return static_cast<size_t>(std::count(pattern.begin(), pattern.end(), '/')) + 1;
}

}  // namespace

bool is_yaml_name(std::string_view name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  return ends_with(".yml") || ends_with(".yaml");
}

Discovery discover(const std::vector<std::string>& args, const std::string& stdin_filename) {
  Discovery out;
  Walker walker(out);
  for (const std::string& arg : args) {
    if (arg == "-") {
      out.files.push_back({stdin_filename.empty() ? "<stdin>" : stdin_filename, true});
      continue;
    }
    std::error_code ec;
    // A name that exists is taken literally even if it contains '*' or '?'.
    if (!has_wildcards(arg) || fs::exists(arg, ec)) {
      fs::file_status st = fs::status(arg, ec);
      if (ec || !fs::exists(st)) {
        out.errors.push_back(arg + ": no such file or directory");
      } else if (fs::is_directory(st)) {
        walker.walk(
            arg, arg, "", [](const std::string& rel) { return is_yaml_name(rel); },
            [](const std::string&) { return true; });
      } else {
        walker.add_file(arg);
      }
      continue;
    }
    GlobParts parts = split_glob(arg);
    const std::string base = parts.base.empty() ? "." : parts.base;
    const bool deep = parts.rest.find("**") != std::string::npos;
    const size_t depth = segment_count(parts.rest);
    size_t matched = 0;
    if (fs::is_directory(base, ec)) {
      walker.walk(
          base, parts.base, "",
          [&](const std::string& rel) {
            const bool ok = glob_match(parts.rest, rel);
            matched += ok;
            return ok;
          },
          [&](const std::string& rel) { return deep || segment_count(rel) < depth; });
    }
    // Almost always a typo; a silent pass in CI would hide it.
    if (matched == 0) out.errors.push_back(arg + ": no files match this pattern");
  }
  return out;
}

}  // namespace amllint::cli
