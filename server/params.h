// Typed reads of request and notification params that never trust the client: a member of the
// wrong type throws lsp::ShapeError naming its path ("textDocument.uri must be a string"),
// which the server turns into Invalid params (or a dropped notification) instead of a crash.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol.h"

namespace amlls::params {

using nlohmann::json;

// `obj[key]` when `obj` is an object holding it, else null.
const json* find(const json& obj, const char* key);
// Required members.
const json& object(const json& obj, const char* key, const char* path);
const json& array(const json& obj, const char* key, const char* path);
std::string string(const json& obj, const char* key, const char* path);
// Optional members: absent (or null) gives the fallback, any other wrong type throws.
const json& optional_object(const json& obj, const char* key, const char* path);
std::optional<std::string> optional_string(const json& obj, const char* key, const char* path);
bool optional_bool(const json& obj, const char* key, const char* path, bool fallback);
std::vector<std::string> optional_strings(const json& obj, const char* key, const char* path);
// A document version (LSP `integer`), clamped to int32 rather than wrapped; 0 when absent.
int version(const json& text_document);

// params.textDocument.uri
std::string document_uri(const json& params);
lsp::Position position(const json& obj, const char* key = "position");
lsp::Range range(const json& obj, const char* key = "range");

}  // namespace amlls::params
