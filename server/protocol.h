// LSP 3.17 types the server speaks, as plain structs. Their JSON forms live in protocol.cpp so
// that features never touch JSON.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace amlls::lsp {

// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
  ServerCancelled = -32802,
  RequestFailed = -32803,
};

// A params member of the wrong JSON type or out of range, named by its path; the server answers
// Invalid params (requests) or drops the message (notifications).
struct ShapeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

struct TextEdit {
  Range range;
  std::string new_text;
};

struct Location {
  std::string uri;
  Range range;
};

enum class DiagnosticSeverity { Error = 1, Warning = 2, Information = 3, Hint = 4 };

struct Diagnostic {
  Range range;
  DiagnosticSeverity severity = DiagnosticSeverity::Error;
  std::string code;
  std::string message;
};

// `changes` keyed by document URI.
struct WorkspaceEdit {
  std::map<std::string, std::vector<TextEdit>> changes;
};

struct CodeAction {
  std::string title;
  std::string kind;
  std::vector<Diagnostic> diagnostics;
  WorkspaceEdit edit;
  bool is_preferred = false;
};

enum class SymbolKind {
  File = 1,
  Module = 2,
  Namespace = 3,
  Class = 5,
  Method = 6,
  Property = 7,
  Field = 8,
  Function = 12,
  Variable = 13,
  String = 15,
  Number = 16,
  Boolean = 17,
  Array = 18,
  Object = 19,
  Key = 20,
  Null = 21,
  Event = 24
};

struct DocumentSymbol {
  std::string name;
  std::string detail;
  SymbolKind kind = SymbolKind::Key;
  Range range;
  Range selection_range;
  std::vector<DocumentSymbol> children;
};

struct FoldingRange {
  uint32_t start_line = 0;
  uint32_t end_line = 0;
  std::string kind;  // "comment", "region" or empty
};

struct DocumentLink {
  Range range;
  std::string target;
  std::string tooltip;
};

struct Hover {
  std::string markdown;
  std::optional<Range> range;
};

enum class CompletionItemKind {
  Text = 1,
  Field = 5,
  Variable = 6,
  Module = 9,
  Property = 10,
  Value = 12,
  Enum = 13,
  Keyword = 14,
  Snippet = 15,
  EnumMember = 20,
  Reference = 18
};

struct CompletionItem {
  std::string label;
  CompletionItemKind kind = CompletionItemKind::Property;
  std::string detail;
  std::string documentation;  // markdown
  std::optional<TextEdit> text_edit;
  bool snippet = false;  // text_edit.new_text uses snippet syntax
  std::string sort_text;
  std::string filter_text;
};

struct CompletionList {
  bool is_incomplete = false;
  std::vector<CompletionItem> items;
};

void to_json(nlohmann::json& j, const Position& p);
// Strict: `line` and `character` must be non-negative integers (ShapeError otherwise). Values
// past 2^32 - 1 clamp to it rather than wrap, so they mean "past the end" as LSP wants.
void from_json(const nlohmann::json& j, Position& p);
void to_json(nlohmann::json& j, const Range& r);
void from_json(const nlohmann::json& j, Range& r);
void to_json(nlohmann::json& j, const TextEdit& e);
void to_json(nlohmann::json& j, const Location& l);
void to_json(nlohmann::json& j, const Diagnostic& d);
void from_json(const nlohmann::json& j, Diagnostic& d);
void to_json(nlohmann::json& j, const WorkspaceEdit& e);
void to_json(nlohmann::json& j, const CodeAction& a);
void to_json(nlohmann::json& j, const DocumentSymbol& s);
void to_json(nlohmann::json& j, const FoldingRange& f);
void to_json(nlohmann::json& j, const DocumentLink& l);
void to_json(nlohmann::json& j, const Hover& h);
void to_json(nlohmann::json& j, const CompletionItem& c);
void to_json(nlohmann::json& j, const CompletionList& c);

}  // namespace amlls::lsp
