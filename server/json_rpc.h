// Reading one JSON-RPC message body without trusting it: bounded nesting before nlohmann's
// parser sees it, text that JavaScript clients produce accepted, and the envelope checked by
// shape before any member is used.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace amlls::rpc {

// Deeper JSON is refused unparsed: nlohmann's dump and our own walks recurse, and no LSP
// message comes near this.
inline constexpr int kMaxDepth = 512;

struct Parsed {
  nlohmann::json value;  // discarded when `error` is set
  int error = 0;         // a JSON-RPC error code: ParseError, or InvalidRequest for depth
  std::string message;
};

// Parses `body`. A lone UTF-16 surrogate escape ("\ud800", which JSON.stringify emits for half
// an emoji) becomes U+FFFD instead of failing the whole message, and so does a byte that is not
// UTF-8 inside a string: both stand for one UTF-16 unit in the client's text, so positions stay
// right and later incremental edits apply where the client meant.
Parsed parse(std::string_view body);

enum class Kind { Request, Notification, Response, Invalid };

struct Message {
  Kind kind = Kind::Invalid;
  nlohmann::json id;                       // Request, Response; Invalid when the id was usable
  std::string method;                      // Request, Notification
  const nlohmann::json* params = nullptr;  // an object or array; an empty object when absent
  std::string problem;                     // Invalid: what is wrong, for the error message
  bool has_id = false;                     // the message carried an `id` member at all
};

// JSON-RPC 2.0 shapes: `jsonrpc` "2.0" (tolerated when absent), `id` a string, an integer or
// null, `method` a string, `params` an object or array (null tolerated as absent). `m` must outlive
// the result.
Message classify(const nlohmann::json& m);

// A map key for a valid id (strings and integers never collide).
std::string id_key(const nlohmann::json& id);
// A string or integer id (what `$/cancelRequest` may name).
bool usable_id(const nlohmann::json& id);

}  // namespace amlls::rpc
