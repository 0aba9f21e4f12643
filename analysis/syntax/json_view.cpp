#include "syntax/json_view.h"

#include "syntax/yaml_tree.h"

namespace amllint {
namespace {

class Converter {
 public:
  explicit Converter(JsonView& view) : view_(view) {}

  nlohmann::json convert(const yaml::Node* n, const std::string& pointer, TextRange key) {
    if (!n) {
      view_.spans[pointer] = {key, {key.end, key.end}, nullptr};
      return nullptr;
    }
    view_.spans[pointer] = {key, n->range, n};
    switch (n->kind) {
      case yaml::NodeKind::Null: return nullptr;
      case yaml::NodeKind::Scalar: {
        nlohmann::json v = scalar(*n);
        if (v.is_string() && n->style == yaml::ScalarStyle::Plain && n->tag.empty() &&
            yaml::is_timestamp(n->value))
          view_.dates.push_back(pointer);
        return v;
      }
      case yaml::NodeKind::Sequence: {
        nlohmann::json arr = nlohmann::json::array();
        for (size_t i = 0; i < n->items.size(); ++i)
          arr.push_back(convert(n->items[i], pointer + "/" + std::to_string(i), {}));
        return arr;
      }
      case yaml::NodeKind::Mapping: {
        nlohmann::json obj = nlohmann::json::object();
        for (const yaml::Pair& p : n->pairs) {
          std::string name =
              p.key && p.key->kind == yaml::NodeKind::Scalar ? p.key->value.str() : "";
          TextRange key_range = p.key ? p.key->range : TextRange{};
          obj[name] = convert(p.value, pointer + "/" + escape_pointer_token(name), key_range);
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
};

}  // namespace

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
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

const SourceSpan& JsonView::span(const std::string& pointer) const {
  static const SourceSpan none;
  std::string p = pointer;
  for (;;) {
    auto it = spans.find(p);
    if (it != spans.end()) return it->second;
    if (p.empty()) return none;
    p.erase(p.rfind('/'));
  }
}

JsonView to_json(const yaml::Node* root) {
  JsonView view;
  Converter c(view);
  view.value = root ? c.convert(root, "", {}) : nlohmann::json();
  return view;
}

}  // namespace amllint
