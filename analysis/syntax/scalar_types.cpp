// Plain-scalar typing as PyYAML's SafeLoader does it (YAML 1.1), because that is how the
// Azure ML CLI reads a spec: `yes`/`off` are booleans, `017` is octal, `1_000` an integer,
// `1:30` sexagesimal, and a float needs a dot (`1e5` stays a string).
#include <cmath>
#include <regex>
#include <string>

#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"

namespace amllint::yaml {
namespace {

bool digits(std::string_view s, bool (*ok)(char), bool allow_underscore = true) {
  if (s.empty()) return false;
  for (char c : s)
    if (!ok(c) && !(allow_underscore && c == '_')) return false;
  return true;
}
bool dec(char c) {
  return c >= '0' && c <= '9';
}
bool oct(char c) {
  return c >= '0' && c <= '7';
}
bool bin(char c) {
  return c == '0' || c == '1';
}
bool hex(char c) {
  return dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string strip_underscores(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '_') out += c;
  return out;
}

// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+`, with `first` the part before the first colon.
bool sexagesimal(std::string_view s, double& value) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view head = s.substr(0, colon);
  if (!digits(head, dec) || !dec(head[0])) return false;
  double v = std::stod(strip_underscores(head));
  std::string_view rest = s.substr(colon);
  while (!rest.empty()) {
    if (rest[0] != ':') return false;
    rest.remove_prefix(1);
    size_t n = 0;
    while (n < rest.size() && n < 2 && dec(rest[n])) ++n;
    if (n == 0) return false;
    if (n == 2 && rest[0] > '5') return false;
    v = v * 60 + std::stod(std::string(rest.substr(0, n)));
    rest.remove_prefix(n);
    if (!rest.empty() && rest[0] != ':') {
      return false;
    }
  }
  value = v;
  return true;
}

bool parse_int(std::string_view s, long long& out) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  long long v = 0;
  try {
    if (s.substr(0, 2) == "0b") {
      if (!digits(s.substr(2), bin)) return false;
      v = std::stoll(strip_underscores(s.substr(2)), nullptr, 2);
    } else if (s.substr(0, 2) == "0x") {
      if (!digits(s.substr(2), hex)) return false;
      v = std::stoll(strip_underscores(s.substr(2)), nullptr, 16);
    } else if (s == "0") {
      v = 0;
    } else if (s[0] == '0') {
      if (!digits(s.substr(1), oct)) return false;
      v = std::stoll(strip_underscores(s.substr(1)), nullptr, 8);
    } else if (dec(s[0]) && digits(s, dec)) {
      v = std::stoll(strip_underscores(s));
    } else {
      double sx;
      if (s[0] == '0' || !sexagesimal(s, sx)) return false;
      if (s.find('.') != std::string_view::npos) return false;
      v = static_cast<long long>(sx);
    }
  } catch (const std::exception&) {
    // Out of range for 64 bits: PyYAML would give a big int; a number is still a number.
    return false;
  }
  out = neg ? -v : v;
  return true;
}

bool parse_float(std::string_view s, double& out) {
  std::string_view body = s;
  bool neg = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    out = neg ? -INFINITY : INFINITY;
    return true;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    out = NAN;
    return true;
  }
  if (body.empty()) return false;
  // [0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?  |  \.[0-9_]+([eE][-+][0-9]+)?
  size_t i = 0;
  if (dec(body[0])) {
    while (i < body.size() && (dec(body[i]) || body[i] == '_')) ++i;
    if (i < body.size() && body[i] == ':') {
      double sx;
      size_t dot = body.find('.');
      if (dot == std::string_view::npos || !sexagesimal(body.substr(0, dot), sx)) return false;
      if (!body.substr(dot + 1).empty() && !digits(body.substr(dot + 1), dec)) return false;
      std::string frac = strip_underscores(body.substr(dot));
      out = sx + (frac.size() > 1 ? std::stod("0" + frac) : 0.0);
      if (neg) out = -out;
      return true;
    }
    if (i >= body.size() || body[i] != '.') return false;
    ++i;
  } else if (body[0] == '.') {
    ++i;
    if (i >= body.size() || !(dec(body[i]) || body[i] == '_')) return false;
  } else {
    return false;
  }
  while (i < body.size() && (dec(body[i]) || body[i] == '_')) ++i;
  if (i < body.size()) {
    if (body[i] != 'e' && body[i] != 'E') return false;
    ++i;
    if (i >= body.size() || (body[i] != '-' && body[i] != '+')) return false;
    ++i;
    if (i >= body.size() || !digits(body.substr(i), dec, false)) return false;
  }
  try {
    out = std::stod(strip_underscores(s));
  } catch (const std::exception&) {
    out = neg ? -HUGE_VAL : HUGE_VAL;
  }
  return true;
}

}  // namespace

ResolvedScalar resolve_plain(std::string_view s) {
  ResolvedScalar r;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    r.type = ScalarType::Null;
    return r;
  }
  static constexpr std::string_view kTrue[] = {"yes",  "Yes", "YES", "true", "True",
                                               "TRUE", "on",  "On",  "ON"};
  static constexpr std::string_view kFalse[] = {"no",    "No",  "NO",  "false", "False",
                                                "FALSE", "off", "Off", "OFF"};
  for (auto t : kTrue)
    if (s == t) {
      r.type = ScalarType::Bool;
      r.boolean = true;
      return r;
    }
  for (auto f : kFalse)
    if (s == f) {
      r.type = ScalarType::Bool;
      return r;
    }
  char c = s[0];
  if (!(dec(c) || c == '-' || c == '+' || c == '.')) return r;
  if (parse_int(s, r.integer)) {
    r.type = ScalarType::Int;
    r.number = static_cast<double>(r.integer);
    return r;
  }
  if (parse_float(s, r.number)) r.type = ScalarType::Float;
  return r;
}

bool is_timestamp(std::string_view s) {
  // PyYAML's implicit resolver for tag:yaml.org,2002:timestamp: a date, or a date and a time
  // with optional fraction and zone. Only a digit can start one.
  if (s.size() < 10 || !dec(s[0])) return false;
  static const std::regex re(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}|"
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
      "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");
  return std::regex_match(s.begin(), s.end(), re);
}

ResolvedScalar resolve(const Node& node) {
  ResolvedScalar r;
  if (node.kind == NodeKind::Null) {
    r.type = ScalarType::Null;
    return r;
  }
  if (node.kind != NodeKind::Scalar) return r;
  std::string_view tag = node.tag.view();
  if (tag == "tag:yaml.org,2002:str") return r;
  if (!tag.empty() && tag.rfind("tag:yaml.org,2002:", 0) == 0) {
    ResolvedScalar forced = resolve_plain(node.value);
    std::string_view kind = tag.substr(18);
    if ((kind == "int" && forced.type == ScalarType::Int) ||
        (kind == "float" && (forced.type == ScalarType::Float || forced.type == ScalarType::Int)) ||
        (kind == "bool" && forced.type == ScalarType::Bool) ||
        (kind == "null" && forced.type == ScalarType::Null)) {
      if (kind == "float") forced.type = ScalarType::Float;
      return forced;
    }
    return r;
  }
  if (node.style != ScalarStyle::Plain) return r;
  return resolve_plain(node.value);
}

}  // namespace amllint::yaml
