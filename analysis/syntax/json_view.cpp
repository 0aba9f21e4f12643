#include "syntax/json_view.h"

#include <optional>

#include "syntax/yaml_tree.h"

namespace amllint {
namespace {

// The JSON name of a pair's key: a scalar key's text, "" for any other key.
std::string_view key_name_view(const yaml::Pair& p) {
  return p.key && p.key->kind == yaml::NodeKind::Scalar ? std::string_view(p.key->value)
                                                        : std::string_view();
}

std::string key_name(const yaml::Pair& p) {
  return std::string(key_name_view(p));
}

// Whether `token` holds a character a pointer escapes. A loop: find_first_of with a set calls
// memchr on the set once per character.
bool needs_escaping(std::string_view token) {
  for (char c : token)
    if (c == '~' || c == '/') return true;
  return false;
}

void append_escaped(std::string& out, std::string_view token) {
  if (!needs_escaping(token)) {
    out.append(token);
    return;
  }
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

// Whether `escaped`, one token of a pointer, is `name` escaped.
bool token_names(std::string_view escaped, std::string_view name) {
  size_t at = 0;
  for (char c : name) {
    std::string_view want = c == '~' ? "~0" : c == '/' ? "~1" : std::string_view(&c, 1);
    if (escaped.compare(at, want.size(), want) != 0) return false;
    at += want.size();
  }
  return at == escaped.size();
}

// The index a pointer token names, as std::to_string writes it ("0", "12"; not "01" or "+1").
std::optional<size_t> token_index(std::string_view token) {
  if (token.empty() || token.size() > 19 || (token.size() > 1 && token[0] == '0'))
    return std::nullopt;
  size_t v = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  return v;
}

// The span of the value the tokens `rest` lead to from `n` (held under the key at `key`). A
// repeated key is tried from its last pair back: the pair whose value `obj[name]` kept, and
// for a path only an earlier pair has, the last pair that has it.
std::optional<SourceSpan> resolve(const JsonView& view, const yaml::Node* n, TextRange key,
                                  const std::vector<std::string_view>& tokens, size_t at) {
  if (at == tokens.size())
    return n ? SourceSpan{key, n->range, n} : SourceSpan{key, {key.end, key.end}, nullptr};
  if (!n) return std::nullopt;
  if (n->kind == yaml::NodeKind::Sequence) {
    std::optional<size_t> i = token_index(tokens[at]);
    if (!i || *i >= n->items.size()) return std::nullopt;
    return resolve(view, n->items[*i], {}, tokens, at + 1);
  }
  if (n->kind != yaml::NodeKind::Mapping) return std::nullopt;
  auto try_pair = [&](const yaml::Pair& p) -> std::optional<SourceSpan> {
    if (!token_names(tokens[at], key_name_view(p))) return std::nullopt;
    return resolve(view, p.value, p.key ? p.key->range : TextRange{}, tokens, at + 1);
  };
  if (auto big = view.key_index.find(n); big != view.key_index.end()) {
    // Only a name the token unescapes to can match it; try_pair checks the escaping itself.
    std::string unescaped;
    std::string_view name = tokens[at];
    if (name.find('~') != std::string_view::npos) name = unescaped = unescape_pointer_token(name);
    auto pairs = big->second.find(name);
    if (pairs == big->second.end()) return std::nullopt;
    for (uint32_t i : pairs->second)
      if (auto found = try_pair(n->pairs[i])) return found;
    return std::nullopt;
  }
  for (size_t i = n->pairs.size(); i-- > 0;)
    if (auto found = try_pair(n->pairs[i])) return found;
  return std::nullopt;
}

// Mappings with more keys than this get a key index (JsonView::key_index).
constexpr size_t kIndexedMapping = 16;

class Converter {
 public:
  explicit Converter(JsonView& view) : view_(view) {}

  // `path_` is the pointer of `n` while it is converted: kept for the dates, which are rare.
  nlohmann::json convert(const yaml::Node* n) {
    if (!n) return nullptr;
    switch (n->kind) {
      case yaml::NodeKind::Null: return nullptr;
      case yaml::NodeKind::Scalar: {
        nlohmann::json v = scalar(*n);
        if (v.is_string() && n->style == yaml::ScalarStyle::Plain && n->tag.empty() &&
            yaml::is_timestamp(n->value))
          view_.dates.push_back(path_);
        return v;
      }
      case yaml::NodeKind::Sequence: {
        nlohmann::json arr = nlohmann::json::array();
        const size_t depth = path_.size();
        for (size_t i = 0; i < n->items.size(); ++i) {
          path_ += '/';
          path_ += std::to_string(i);
          arr.push_back(convert(n->items[i]));
          path_.resize(depth);
        }
        return arr;
      }
      case yaml::NodeKind::Mapping: {
        nlohmann::json obj = nlohmann::json::object();
        const size_t depth = path_.size();
        if (n->pairs.size() > kIndexedMapping) {
          auto& index = view_.key_index[n];
          for (size_t i = n->pairs.size(); i-- > 0;)
            index[key_name_view(n->pairs[i])].push_back(static_cast<uint32_t>(i));
        }
        for (const yaml::Pair& p : n->pairs) {
          std::string name = key_name(p);
          path_ += '/';
          append_escaped(path_, name);
          obj[std::move(name)] = convert(p.value);
          path_.resize(depth);
        }
        return obj;
      }
    }
    return nullptr;
  }

 private:
  static nlohmann::json scalar(const yaml::Node& n) {
    yaml::ResolvedScalar r = yaml::resolve(n);
    switch (r.type) {
      case yaml::ScalarType::Null: return nullptr;
      case yaml::ScalarType::Bool: return r.boolean;
      case yaml::ScalarType::Int: return r.integer;
      case yaml::ScalarType::Float: return r.number;
      case yaml::ScalarType::String: return n.value;
    }
    return n.value;
  }

  JsonView& view_;
  std::string path_;
};

}  // namespace

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  append_escaped(out, token);
  return out;
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  append_escaped(pointer, token);
}

std::string child_pointer(std::string_view pointer, std::string_view token) {
  std::string out;
  out.reserve(pointer.size() + 1 + token.size());
  out.append(pointer);
  append_pointer_token(out, token);
  return out;
}

std::string unescape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::vector<std::string> split_pointer(std::string_view p) {
  std::vector<std::string> out;
  while (!p.empty() && p[0] == '/') {
    p.remove_prefix(1);
    size_t slash = p.find('/');
    out.push_back(unescape_pointer_token(p.substr(0, slash)));
    p = slash == std::string_view::npos ? std::string_view() : p.substr(slash);
  }
  return out;
}

namespace {

// The pointer's tokens, still escaped (they are compared with the escaped key names); nullopt
// for a text that is not a pointer.
std::optional<std::vector<std::string_view>> pointer_tokens(std::string_view p) {
  std::vector<std::string_view> tokens;
  while (!p.empty()) {
    if (p[0] != '/') return std::nullopt;
    p.remove_prefix(1);
    const size_t slash = p.find('/');
    tokens.push_back(p.substr(0, slash));
    p = slash == std::string_view::npos ? std::string_view() : p.substr(slash);
  }
  return tokens;
}

}  // namespace

SourceSpan JsonView::span(std::string_view pointer) const {
  std::optional<std::vector<std::string_view>> tokens = pointer_tokens(pointer);
  if (!root || !tokens) return {};
  for (size_t n = tokens->size() + 1; n-- > 0;) {
    tokens->resize(n);
    if (auto found = resolve(*this, root, {}, *tokens, 0)) return *found;
  }
  return {};
}

std::optional<SourceSpan> JsonView::exact_span(std::string_view pointer) const {
  std::optional<std::vector<std::string_view>> tokens = pointer_tokens(pointer);
  if (!root || !tokens) return std::nullopt;
  return resolve(*this, root, {}, *tokens, 0);
}

JsonView to_json(const yaml::Node* root) {
  JsonView view;
  view.root = root;
  Converter c(view);
  view.value = root ? c.convert(root) : nlohmann::json();
  return view;
}

}  // namespace amllint
