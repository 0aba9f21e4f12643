#include "config/config.h"

#include <algorithm>
#include <filesystem>

#include "config/ignore_rules.h"
#include "rules/rule.h"
#include "syntax/document.h"
#include "syntax/yaml_tree.h"

namespace amllint {
namespace {

std::optional<std::optional<Severity>> parse_level(std::string_view s) {
  if (s == "off" || s == "false" || s == "none") return std::optional<Severity>();
  if (s == "error") return std::optional<Severity>(Severity::Error);
  if (s == "warning" || s == "warn") return std::optional<Severity>(Severity::Warning);
  if (s == "info") return std::optional<Severity>(Severity::Info);
  return std::nullopt;
}

template <typename Error>
void parse_workspace(const yaml::Node* value, Config& c, const Document& doc, Error& error) {
  static constexpr std::string_view kKinds[] = {"computes", "datastores", "environments",
                                                "data",     "models",     "components"};
  if (!value || value->is_null()) return;
  if (!value->is_mapping()) {
    error(value->range.begin, "`workspace` must be a mapping of asset kind to a list of names");
    return;
  }
  for (const yaml::Pair& k : value->pairs) {
    std::string_view kind = k.key ? k.key->text() : std::string_view();
    if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds)) {
      error(k.key ? k.key->range.begin : value->range.begin,
            "unknown asset kind `" + std::string(kind) +
                "` in `workspace` (expected computes, datastores, environments, data, models or "
                "components)");
      continue;
    }
    if (k.value && !k.value->is_null() && !k.value->is_sequence()) {
      error(k.value->range.begin, "`" + std::string(kind) + "` must be a list of names");
      continue;
    }
    auto& names = c.workspace[std::string(kind)];
    if (!k.value || k.value->is_null()) continue;
    for (const yaml::Node* item : k.value->items) {
      if (item && item->is_scalar() && !item->value.empty())
        names.push_back({item->value.str(), doc.line_of(item->range.begin)});
      else if (item)
        error(item->range.begin, "expected a name in `" + std::string(kind) + "`");
    }
  }
}

}  // namespace

Config parse_config(std::string_view text, const std::string& path) {
  Config c;
  c.path = path;
  c.dir = std::filesystem::path(path).parent_path().string();
  Document doc{std::string(text)};
  yaml::Tree tree = yaml::parse(doc);
  auto error = [&](uint32_t offset, const std::string& message) {
    LineCol p = doc.to_codepoints(offset);
    c.errors.push_back(path + ":" + std::to_string(p.line + 1) + ":" +
                       std::to_string(p.column + 1) + ": " + message);
  };
  for (const Diagnostic& d : tree.diagnostics)
    if (d.severity == Severity::Error) error(d.range.begin, d.message);
  const yaml::Node* root = tree.root;
  if (!root || root->is_null()) return c;
  if (!root->is_mapping()) {
    error(root->range.begin, "expected a mapping with `rules` and `ignore`");
    return c;
  }
  for (const yaml::Pair& p : root->pairs) {
    std::string_view key = p.key ? p.key->text() : std::string_view();
    if (key == "rules") {
      if (!p.value || !p.value->is_mapping()) {
        if (p.value && !p.value->is_null())
          error(p.value->range.begin,
                "`rules` must be a mapping of rule code to off|error|warning|info");
        continue;
      }
      for (const yaml::Pair& r : p.value->pairs) {
        std::string code(r.key ? r.key->text() : "");
        if (!find_rule(code)) {
          error(r.key ? r.key->range.begin : 0, "unknown rule `" + code + "`");
          continue;
        }
        auto level = r.value ? parse_level(r.value->text()) : std::nullopt;
        // PyYAML-style `off`/`no` arrive as the plain text here, which parse_level understands.
        if (!level) {
          error(r.value ? r.value->range.begin : r.key->range.end,
                "expected off, error, warning or info for `" + code + "`");
          continue;
        }
        c.rules[code] = *level;
      }
    } else if (key == "ignore") {
      if (!p.value || !p.value->is_sequence()) {
        if (p.value && !p.value->is_null())
          error(p.value->range.begin, "`ignore` must be a list of globs");
        continue;
      }
      for (const yaml::Node* item : p.value->items)
        if (item && item->is_scalar()) c.ignore.push_back(item->value.str());
    } else if (key == "workspace") {
      parse_workspace(p.value, c, doc, error);
    } else {
      error(p.key ? p.key->range.begin : 0,
            "unknown key `" + std::string(key) + "` (expected `rules`, `ignore` or `workspace`)");
    }
  }
  return c;
}

bool Config::ignores(const std::string& file_path) const {
  if (ignore.empty()) return false;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(file_path, ec), ec);
  fs::path base = fs::weakly_canonical(fs::absolute(dir.empty() ? "." : dir, ec), ec);
  std::string rel = abs.lexically_relative(base).generic_string();
  if (rel.empty() || rel.rfind("..", 0) == 0) return false;
  for (const std::string& glob : ignore) {
    std::string g = glob;
    if (!g.empty() && g[0] == '/') g.erase(0, 1);
    if (!g.empty() && g.back() == '/') g += "**";
    if (glob_match(g, rel)) return true;
    // A pattern without a slash matches at any depth, as in .gitignore.
    if (g.find('/') == std::string::npos && glob_match("**/" + g, rel)) return true;
    if (glob_match(g + "/**", rel)) return true;
  }
  return false;
}

void Config::apply(std::vector<Diagnostic>& diagnostics) const {
  if (rules.empty()) return;
  std::erase_if(diagnostics, [&](Diagnostic& d) {
    auto it = rules.find(d.code);
    if (it == rules.end()) return false;
    if (!it->second) return true;
    d.severity = *it->second;
    return false;
  });
}

}  // namespace amllint
