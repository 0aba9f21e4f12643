#include "validation/schema_messages.h"

#include "validation/enum_case.h"

namespace amllint {

using json = nlohmann::json;

const char* kind_noun(FileKind kind) {
  switch (kind) {
    case FileKind::CommandJob: return "a command job";
    case FileKind::SweepJob: return "a sweep job";
    case FileKind::PipelineJob: return "a pipeline job";
    case FileKind::AutoMLJob: return "an automl job";
    case FileKind::SparkJob: return "a spark job";
    case FileKind::CommandComponent: return "a command component";
    case FileKind::PipelineComponent: return "a pipeline component";
    case FileKind::ParallelComponent: return "a parallel component";
    case FileKind::SparkComponent: return "a spark component";
    case FileKind::DataTransferComponent: return "a data transfer component";
    case FileKind::NotAzureMl: break;
  }
  return "this file";
}

std::string type_phrase(std::string_view t) {
  if (t == "object") return "a mapping";
  if (t == "array") return "a list";
  if (t == "string") return "a string";
  if (t == "boolean") return "a boolean";
  if (t == "null") return "an empty value";
  if (t == "integer") return "an integer";
  if (t == "number") return "a number";
  return std::string(t);
}

std::string value_phrase(const json& v) {
  if (v.is_object()) return "a mapping";
  if (v.is_array()) return "a list";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_null()) return "an empty value";
  if (v.is_number_integer()) return "an integer";
  return "a number";
}

std::string short_text(const json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

std::string expected_types(const json& type) {
  std::vector<std::string> names;
  if (type.is_string()) names.push_back(type_phrase(type.get<std::string>()));
  if (type.is_array())
    for (const auto& t : type)
      if (t.is_string()) names.push_back(type_phrase(t.get<std::string>()));
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

std::string last_token(const std::string& ptr) {
  return unescape_pointer_token(std::string_view(ptr).substr(ptr.rfind('/') + 1));
}

TextRange value_range(const JsonView& view, const std::string& ptr) {
  return view.span(ptr).value;
}

TextRange owner_key_range(const JsonView& view, const std::string& ptr) {
  if (!ptr.empty()) {
    const SourceSpan& s = view.span(ptr);
    if (!s.key.empty()) return s.key;
    return TextRange{s.value.begin, s.value.begin};
  }
  if (auto type = view.exact_span("/type")) return type->key;
  std::optional<SourceSpan> first;
  if (view.value.is_object()) {
    for (const auto& [key, _] : view.value.items()) {
      auto s = view.exact_span("/" + escape_pointer_token(key));
      if (s && (!first || s->key.begin < first->key.begin)) first = s;
    }
  }
  return first ? first->key : TextRange{};
}

// The SDK says "Unsupported job type: comand" (or "component type"); detect_kind chose the closest
// kind, so the rest of the file is checked as that kind.
std::string unsupported_type_message(FileKind kind, const json& v, const std::string& guess) {
  bool component = is_component_kind(kind);
  std::string message = "`" + short_text(v) + "` is not a " + (component ? "component" : "job") +
                        " type: `az ml` rejects the file (\"Unsupported " +
                        (component ? "component" : "job") + " type: " + short_text(v) +
                        "\"); expected one of " +
                        (component ? "`command`, `pipeline`, `parallel`, `spark`, `data_transfer`"
                                   : "`command`, `sweep`, `pipeline`, `automl`, `spark`");
  if (!guess.empty()) {
    message += "; did you mean `" + guess + "`?";
    if (!component && fold_case("lower", short_text(v)) == guess)
      message += " (a job's `type` is case-sensitive)";
  }
  return message;
}

void append_hint(const json& s, std::string& message, const json* v) {
  auto hint = s.find("x-hint");
  if (hint == s.end() || !hint->is_string()) return;
  if (auto when = s.find("x-hint-when"); when != s.end()) {
    if (!v || !in_enum(*when, *v, "lower")) return;
  }
  message += ": " + hint->get<std::string>();
}

Severity severity_of(const json& s) {
  auto it = s.find("x-severity");
  return it != s.end() && *it == "warning" ? Severity::Warning : Severity::Error;
}

const char* code_of(const json& s, const char* fallback) {
  auto it = s.find("x-code");
  if (it == s.end() || !it->is_string()) return fallback;
  // Codes the schema may name (each has its catalogue entry and doc page).
  if (*it == "invalid-component-name") return "invalid-component-name";
  if (*it == "date-value") return "date-value";
  if (*it == "missing-compute") return "missing-compute";
  return fallback;
}

}  // namespace amllint
