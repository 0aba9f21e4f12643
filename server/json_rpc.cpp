#include "json_rpc.h"

#include "protocol.h"

namespace amlls::rpc {
namespace {

using nlohmann::json;

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a `\uXXXX` escape starting at s[i] (the backslash), or -1.
int escape_unit(std::string_view s, size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  int v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    int h = hex(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 (overlong forms, surrogates and code
// points above U+10FFFF are not well-formed; nlohmann rejects them).
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

Parsed parse(std::string_view body) {
  Parsed out;
  // One pass: measure nesting outside strings, and repair what would fail inside them. The
  // repaired copy is made only when a repair is needed.
  std::string repaired;
  bool copying = false;
  size_t copied = 0;  // body[0, copied) is in `repaired`
  auto replace = [&](size_t from, size_t to, std::string_view with) {
    if (!copying) {
      repaired.reserve(body.size() + 16);
      copying = true;
    }
    repaired.append(body.substr(copied, from - copied));
    repaired.append(with);
    copied = to;
  };
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    unsigned char u = static_cast<unsigned char>(c);
    if (!in_string) {
      if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        if (++depth > kMaxDepth) {
          out.value = json(json::value_t::discarded);
          out.error = lsp::InvalidRequest;
          out.message =
              "Invalid request: JSON nested deeper than " + std::to_string(kMaxDepth) + " levels";
          return out;
        }
      } else if (c == ']' || c == '}') {
        --depth;
      }
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = false;
      ++i;
    } else if (c == '\\') {
      int unit = escape_unit(body, i);
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        int low = escape_unit(body, i + 6);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          i += 12;  // a proper pair
        } else {
          replace(i, i + 6, "\\ufffd");
          i += 6;
        }
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        replace(i, i + 6, "\\ufffd");
        i += 6;
      } else {
        i += unit >= 0 ? 6 : 2;  // any other escape; a bad one is the parser's to report
      }
    } else if (u >= 0x80) {
      size_t n = utf8_length(body, i);
      if (n == 0) {
        replace(i, i + 1, "\xEF\xBF\xBD");
        n = 1;
      }
      i += n;
    } else {
      ++i;
    }
  }
  if (copying) repaired.append(body.substr(copied));
  std::string_view text = copying ? std::string_view(repaired) : body;
  out.value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (out.value.is_discarded()) {
    out.error = lsp::ParseError;
    out.message = "Parse error: invalid JSON";
  }
  return out;
}

bool usable_id(const json& id) {
  return id.is_string() || id.is_number_integer();
}

std::string id_key(const json& id) {
  return usable_id(id) || id.is_null() ? id.dump() : std::string();
}

Message classify(const json& m) {
  static const json kNoParams = json::object();
  Message out;
  auto invalid = [&](std::string problem) {
    out.kind = Kind::Invalid;
    out.problem = std::move(problem);
    return out;
  };
  if (!m.is_object()) return invalid("a message must be a JSON object");
  auto id = m.find("id");
  out.has_id = id != m.end();
  bool id_ok = out.has_id && (usable_id(*id) || id->is_null());
  if (id_ok) out.id = *id;
  if (out.has_id && !id_ok) return invalid("id must be a string, an integer or null");
  if (auto v = m.find("jsonrpc"); v != m.end() && !(v->is_string() && *v == "2.0"))
    return invalid("jsonrpc must be \"2.0\"");
  auto method = m.find("method");
  if (method == m.end()) {
    // A response to a request of ours (the server sends none yet), or garbage.
    if (id_ok && (m.contains("result") || m.contains("error"))) {
      out.kind = Kind::Response;
      return out;
    }
    return invalid("a message needs a method");
  }
  if (!method->is_string()) return invalid("method must be a string");
  out.method = method->get<std::string>();
  auto params = m.find("params");
  // Some clients send `"params": null` for shutdown and exit: read as absent.
  bool absent = params == m.end() || params->is_null();
  if (!absent && !params->is_object() && !params->is_array())
    return invalid("params must be an object or an array");
  out.params = absent ? &kNoParams : &*params;
  out.kind = out.has_id ? Kind::Request : Kind::Notification;
  return out;
}

}  // namespace amlls::rpc
