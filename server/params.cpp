#include "params.h"

#include <algorithm>
#include <climits>
#include <nlohmann/json.hpp>

namespace amlls::params {
namespace {

[[noreturn]] void wrong(const char* path, const char* key, const char* what) {
  throw lsp::ShapeError(std::string(path) + (*path ? "." : "") + key + " must be " + what);
}

}  // namespace

const json* find(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const json& object(const json& obj, const char* key, const char* path) {
  const json* m = find(obj, key);
  if (!m || !m->is_object()) wrong(path, key, "an object");
  return *m;
}

const json& array(const json& obj, const char* key, const char* path) {
  const json* m = find(obj, key);
  if (!m || !m->is_array()) wrong(path, key, "an array");
  return *m;
}

std::string string(const json& obj, const char* key, const char* path) {
  const json* m = find(obj, key);
  if (!m || !m->is_string()) wrong(path, key, "a string");
  return m->get<std::string>();
}

const json& optional_object(const json& obj, const char* key, const char* path) {
  static const json kEmpty = json::object();
  const json* m = find(obj, key);
  if (!m || m->is_null()) return kEmpty;
  if (!m->is_object()) wrong(path, key, "an object");
  return *m;
}

std::optional<std::string> optional_string(const json& obj, const char* key, const char* path) {
  const json* m = find(obj, key);
  if (!m || m->is_null()) return std::nullopt;
  if (!m->is_string()) wrong(path, key, "a string");
  return m->get<std::string>();
}

bool optional_bool(const json& obj, const char* key, const char* path, bool fallback) {
  const json* m = find(obj, key);
  if (!m || m->is_null()) return fallback;
  if (!m->is_boolean()) wrong(path, key, "a boolean");
  return m->get<bool>();
}

std::vector<std::string> optional_strings(const json& obj, const char* key, const char* path) {
  std::vector<std::string> out;
  const json* m = find(obj, key);
  if (!m || m->is_null()) return out;
  if (!m->is_array()) wrong(path, key, "an array of strings");
  for (const json& e : *m) {
    if (!e.is_string()) wrong(path, key, "an array of strings");
    out.push_back(e.get<std::string>());
  }
  return out;
}

int version(const json& text_document) {
  const json* v = find(text_document, "version");
  if (!v || v->is_null()) return 0;
  if (v->is_number_unsigned())
    return static_cast<int>(std::min<uint64_t>(v->get<uint64_t>(), INT_MAX));
  if (!v->is_number_integer()) wrong("textDocument", "version", "an integer");
  return static_cast<int>(std::clamp<int64_t>(v->get<int64_t>(), INT_MIN, INT_MAX));
}

std::string document_uri(const json& params) {
  return string(object(params, "textDocument", ""), "uri", "textDocument");
}

lsp::Position position(const json& obj, const char* key) {
  const json* m = find(obj, key);
  if (!m) wrong("", key, "a position");
  return m->get<lsp::Position>();
}

lsp::Range range(const json& obj, const char* key) {
  const json* m = find(obj, key);
  if (!m) wrong("", key, "a range");
  return m->get<lsp::Range>();
}

}  // namespace amlls::params
