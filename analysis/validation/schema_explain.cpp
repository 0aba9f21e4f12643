#include "validation/schema_explain.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "suggest.h"
#include "validation/enum_case.h"
#include "validation/schema_documents.h"
#include "validation/schema_walk.h"

namespace amllint {
namespace {

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

bool is_component(FileKind kind) {
  return kind == FileKind::CommandComponent || kind == FileKind::PipelineComponent ||
         kind == FileKind::ParallelComponent || kind == FileKind::SparkComponent ||
         kind == FileKind::DataTransferComponent;
}

TextRange value_range(const JsonView& view, const std::string& ptr) {
  return view.span(ptr).value;
}

// The key of the mapping at `ptr`; for the root, its `type:` key or else its first key, so that
// a missing root key lands on the first line that matters rather than on the whole file.
TextRange owner_key_range(const JsonView& view, const std::string& ptr) {
  if (!ptr.empty()) {
    const SourceSpan& s = view.span(ptr);
    if (!s.key.empty()) return s.key;
    return TextRange{s.value.begin, s.value.begin};
  }
  if (auto it = view.spans.find("/type"); it != view.spans.end()) return it->second.key;
  const SourceSpan* first = nullptr;
  if (view.value.is_object()) {
    for (const auto& [key, _] : view.value.items()) {
      auto it = view.spans.find("/" + escape_pointer_token(key));
      if (it != view.spans.end() && (!first || it->second.key.begin < first->key.begin))
        first = &it->second;
    }
  }
  return first ? first->key : TextRange{};
}

// ---------------------------------------------------------------------------------------------
// Message helpers.

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

// The last token of `ptr`, unescaped: the key or index a message names.
std::string last_token(const std::string& ptr) {
  return unescape_pointer_token(std::string_view(ptr).substr(ptr.rfind('/') + 1));
}

// ---------------------------------------------------------------------------------------------
// The explaining walker.

class Explainer {
 public:
  Explainer(FileKind kind, const JsonView& view) : kind_(kind), view_(view) {}

  std::vector<SchemaFinding> run(const Frag& root) {
    std::string description;
    check(resolve({root}, view_.value, &description), view_.value, "", kind_noun(kind_));
    return std::move(findings_);
  }

 private:
  void add(const std::string& where, TextRange range, const char* code, std::string message,
           std::vector<Fix> fixes = {}, Severity severity = Severity::Error) {
    Diagnostic d;
    d.range = range;
    d.severity = severity;
    d.code = code;
    d.message = std::move(message);
    d.fixes = std::move(fixes);
    findings_.push_back({flagged_ancestor_.empty() ? where : flagged_ancestor_, std::move(d)});
  }

  // Checks the scalar constraints of one value; true when it passed (so children may be checked).
  bool check_value(const std::vector<Frag>& frags, const json& v, const std::string& ptr) {
    std::string name = ptr.empty() ? std::string("the file") : "`" + last_token(ptr) + "`";
    for (const auto& f : frags) {
      const json& s = *f.s;
      auto type = s.find("type");
      if (type != s.end() && !types_match(*type, v)) {
        auto expected = s.find("x-expected");
        std::string want =
            expected != s.end() ? expected->get<std::string>() : expected_types(*type);
        add(ptr, value_range(view_, ptr), "invalid-type",
            "expected " + want + " for " + name + ", got " + value_phrase(v));
        return false;
      }
    }
    for (const auto& f : frags) {
      const json& s = *f.s;
      auto en = s.find("enum");
      auto co = s.find("const");
      std::string_view how = case_of(s);
      bool bad_enum = en != s.end() && !in_enum(*en, v, how);
      bool bad_const = co != s.end() && !in_enum(json::array({*co}), v, how);
      if (!bad_enum && !bad_const) continue;
      std::vector<std::string> allowed;
      std::set<std::string> seen;
      for (const auto& a : bad_enum ? *en : json::array({*co})) {
        std::string text = short_text(a), lower = text;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        if (seen.insert(lower).second) allowed.push_back(text);
      }
      std::string list;
      for (size_t i = 0; i < allowed.size(); ++i) list += (i ? ", `" : "`") + allowed[i] + "`";
      // A value that differs only in case is the likeliest intent: the field compares exactly.
      std::string guess, folded_match;
      if (v.is_string()) {
        for (const auto& a : allowed)
          if (fold_case("lower", a) == fold_case("lower", v.get<std::string>())) folded_match = a;
        guess = !folded_match.empty() ? folded_match : closest_name(v.get<std::string>(), allowed);
      }
      std::vector<Fix> fixes;
      if (!guess.empty())
        fixes.push_back({"Replace with `" + guess + "`",
                         {{value_range(view_, ptr), guess}},
                         Applicability::Unsafe});  // a guessed value
      if (ptr == "/type") {
        add(ptr, value_range(view_, ptr), "invalid-enum", unsupported_type_message(v, guess),
            std::move(fixes));
        return false;
      }
      std::string message;
      auto expected = s.find("x-expected");
      bool typed = expected != s.end() && expected->is_string();
      if (typed) {
        message = "expected " + expected->get<std::string>() + " for " + name + ", got `" +
                  short_text(v) + "`";
      } else {
        message = "`" + short_text(v) + "` is not a valid value for " + name + "; expected " +
                  (allowed.size() == 1 ? "" : "one of ") + list;
      }
      append_hint(s, message, &v);
      if (!folded_match.empty() && how.empty())
        message += "; case matters here: did you mean `" + guess + "`?";
      else if (!guess.empty())
        message += "; did you mean `" + guess + "`?";
      add(ptr, value_range(view_, ptr), code_of(s, typed ? "invalid-type" : "invalid-enum"),
          std::move(message), std::move(fixes), severity_of(s));
      return false;
    }
    if (v.is_string()) {
      for (const auto& f : frags) {
        const json& s = *f.s;
        auto pattern = s.find("pattern");
        if (pattern == s.end() || pattern_matches(*pattern, v.get<std::string>())) continue;
        auto expected = s.find("x-expected");
        std::string message = expected != s.end()
                                  ? "expected " + expected->get<std::string>() + " for " + name +
                                        ", got the string `" + short_text(v) + "`"
                                  : "`" + short_text(v) + "` is not a valid value for " + name;
        append_hint(s, message, &v);
        add(ptr, value_range(view_, ptr),
            code_of(s, expected != s.end() ? "invalid-type" : "schema"), std::move(message), {},
            severity_of(s));
        return false;
      }
    }
    return true;
  }

  // A top-level `type:` that names no kind: the SDK says "Unsupported job type: comand" (or
  // "component type"); detect_kind chose the closest kind, so the rest is checked as that kind.
  std::string unsupported_type_message(const json& v, const std::string& guess) const {
    bool component = is_component(kind_);
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

  // Schema keywords of ours that shape a finding: `x-hint` (a sentence appended to the
  // message), `x-severity` ("warning" where the SDK accepts the value), `x-code`.
  // `x-hint-when` limits the hint to some values (compared lower-cased).
  static void append_hint(const json& s, std::string& message, const json* v = nullptr) {
    auto hint = s.find("x-hint");
    if (hint == s.end() || !hint->is_string()) return;
    if (auto when = s.find("x-hint-when"); when != s.end()) {
      if (!v || !in_enum(*when, *v, "lower")) return;
    }
    message += ": " + hint->get<std::string>();
  }
  static Severity severity_of(const json& s) {
    auto it = s.find("x-severity");
    return it != s.end() && *it == "warning" ? Severity::Warning : Severity::Error;
  }
  static const char* code_of(const json& s, const char* fallback) {
    auto it = s.find("x-code");
    if (it == s.end() || !it->is_string()) return fallback;
    // Codes the schema may name (each has its catalogue entry and doc page).
    if (*it == "invalid-component-name") return "invalid-component-name";
    if (*it == "date-value") return "date-value";
    if (*it == "missing-compute") return "missing-compute";
    return fallback;
  }

  void check(const std::vector<Frag>& frags, const json& v, const std::string& ptr,
             const std::string& noun) {
    if (!check_value(frags, v, ptr)) return;
    if (v.is_object()) check_object(frags, v, ptr, noun);
    if (v.is_array()) {
      auto subs = item_schemas(frags);
      if (subs.empty()) return;
      for (size_t i = 0; i < v.size(); ++i) descend(subs, v[i], ptr + "/" + std::to_string(i));
    }
  }

  void descend(const std::vector<Frag>& subs, const json& v, const std::string& ptr) {
    std::string description;
    auto frags = resolve(subs, v, &description);
    std::string noun;
    for (const auto& f : frags)
      if (auto d = f.s->find("description"); d != f.s->end() && d->is_string())
        if (noun = noun_from(*d); !noun.empty()) break;
    if (noun.empty()) noun = "`" + last_token(ptr) + "`";
    check(frags, v, ptr, noun);
  }

  void check_object(const std::vector<Frag>& frags, const json& v, const std::string& ptr,
                    const std::string& noun) {
    // A misspelt required key is one mistake: report the unknown key and its suggestion only.
    // Where the SDK drops unknown keys (components, pipeline steps) the file is rejected for the
    // missing key alone, so that error is reported too, naming the key that was dropped.
    std::set<std::string> reported_missing;
    std::map<std::string, std::string> dropped_for;  // missing key -> the unknown key near it
    for (const auto& [key, _] : v.items()) {
      if (key_allowed(frags, key)) continue;
      std::string near = closest_name(key, property_names(frags));
      if (drops_unknown(ptr))
        dropped_for.emplace(near, key);
      else
        reported_missing.insert(near);
    }
    for (const auto& f : frags) {
      auto req = f.s->find("required");
      if (req == f.s->end()) continue;
      for (const auto& k : *req) {
        const std::string& key = k.get_ref<const std::string&>();
        if (v.contains(key) || !reported_missing.insert(key).second) continue;
        std::string message = "missing required key `" + key + "` in " + noun;
        if (auto d = dropped_for.find(key); d != dropped_for.end())
          message += " (`" + d->second + "` is ignored, not read as `" + key + "`)";
        append_hint(*f.s, message);
        add(ptr, owner_key_range(view_, ptr), code_of(*f.s, "missing-key"), std::move(message), {},
            severity_of(*f.s));
      }
    }
    for (const auto& [key, child] : v.items()) {
      std::string child_ptr = ptr + "/" + escape_pointer_token(key);
      switch (check_key(frags, key, ptr, child_ptr, noun)) {
        case KeyVerdict::Allowed: descend(child_schemas(frags, key), child, child_ptr); break;
        case KeyVerdict::BadName: {
          // valijson stops at the bad name and flags only this mapping: what the walker finds
          // inside the child is kept on the strength of that flag.
          std::string saved =
              std::exchange(flagged_ancestor_, flagged_ancestor_.empty() ? ptr : flagged_ancestor_);
          descend(pattern_schemas(frags), child, child_ptr);
          flagged_ancestor_ = std::move(saved);
          break;
        }
        case KeyVerdict::Unknown: break;
      }
    }
  }

  static std::vector<std::string> property_names(const std::vector<Frag>& frags) {
    std::vector<std::string> names;
    for (const auto& f : frags)
      if (auto props = f.s->find("properties"); props != f.s->end())
        for (const auto& [name, _] : props->items()) names.push_back(name);
    return names;
  }

  static bool key_allowed(const std::vector<Frag>& frags, const std::string& key) {
    for (const auto& f : frags) {
      const json& s = *f.s;
      auto ap = s.find("additionalProperties");
      if (ap == s.end() || !ap->is_boolean() || ap->get<bool>()) continue;
      if (auto props = s.find("properties"); props != s.end() && props->contains(key)) continue;
      bool by_pattern = false;
      if (auto pats = s.find("patternProperties"); pats != s.end())
        for (const auto& [pattern, _] : pats->items()) by_pattern |= pattern_matches(pattern, key);
      if (!by_pattern) return false;
    }
    return true;
  }

  static bool in_step(const std::string& ptr) {
    if (ptr.rfind("/jobs/", 0) != 0) return false;
    size_t slash = ptr.find('/', 6);
    return slash == std::string::npos || ptr.compare(slash, 10, "/component") == 0;
  }

  // Mappings whose unknown keys the SDK accepts and ignores (measured): a component's top level
  // (load_component uses INCLUDE) and its `distribution`, `resources`, parallel `task` and
  // `retry_settings` (nested with INCLUDE), the same in an inline component of a step; a step
  // that runs a `component:` (BaseNodeSchema, INCLUDE; the SDK warns) and a step's
  // `retry_settings`. An inline step (a `command:` with no `component:`, and likewise inline
  // automl, spark and parallel steps) is rejected for an unknown key ("Unknown field": the
  // node-schema union fails), and so is one anywhere else (a job's top level, ports,
  // environments).
  bool drops_unknown(const std::string& ptr) const {
    static constexpr std::string_view kLenient[] = {"", "/distribution", "/resources", "/task",
                                                    "/retry_settings"};
    auto lenient_in_component = [&](std::string_view rest) {
      return std::find(std::begin(kLenient), std::end(kLenient), rest) != std::end(kLenient);
    };
    if (ptr.rfind("/jobs/", 0) == 0) {
      size_t slash = ptr.find('/', 6);
      std::string step_ptr = ptr.substr(0, slash);
      std::string_view rest =
          slash == std::string::npos ? std::string_view() : std::string_view(ptr).substr(slash);
      if (rest.empty()) {
        const json* step = value_at(step_ptr);
        return step && step->is_object() && step->contains("component");
      }
      if (rest == "/retry_settings") return true;
      if (rest.rfind("/component", 0) == 0) return lenient_in_component(rest.substr(10));
      return false;
    }
    return is_component(kind_) && lenient_in_component(ptr);
  }

  const json* value_at(const std::string& ptr) const {
    try {
      return &view_.value.at(json::json_pointer(ptr));
    } catch (const json::exception&) {
      return nullptr;
    }
  }

  enum class KeyVerdict { Allowed, BadName, Unknown };

  // Reports an unknown key or a badly formed name of the user's choosing.
  KeyVerdict check_key(const std::vector<Frag>& frags, const std::string& key,
                       const std::string& ptr, const std::string& child_ptr,
                       const std::string& noun) {
    const SourceSpan* span = view_.spans.count(child_ptr) ? &view_.spans.at(child_ptr) : nullptr;
    TextRange key_range = span ? span->key : owner_key_range(view_, ptr);
    for (const auto& f : frags) {
      const json& s = *f.s;
      auto names = s.find("propertyNames");
      if (names == s.end() || !names->is_object()) continue;
      auto pattern = names->find("pattern");
      if (pattern == names->end() || pattern_matches(*pattern, key)) continue;
      auto expected = names->find("x-expected");
      add(ptr, key_range, "schema",
          "`" + key + "` is not a valid name here; expected " +
              (expected != names->end() ? expected->get<std::string>() : "a different name"));
      return KeyVerdict::BadName;
    }
    for (const auto& f : frags) {
      const json& s = *f.s;
      auto ap = s.find("additionalProperties");
      if (ap == s.end() || !ap->is_boolean() || ap->get<bool>()) continue;
      auto props = s.find("properties");
      if (props != s.end() && props->contains(key)) continue;
      bool by_pattern = false;
      if (auto pats = s.find("patternProperties"); pats != s.end())
        for (const auto& [pattern, _] : pats->items()) by_pattern |= pattern_matches(pattern, key);
      if (by_pattern) continue;
      // Mappings keyed by names of the user's choosing (pipeline steps) say what a name must be.
      if (auto expected = s.find("x-key-expected"); expected != s.end()) {
        add(ptr, key_range, "schema",
            "`" + key + "` is not a valid name here; expected " + expected->get<std::string>());
        return KeyVerdict::BadName;
      }
      std::vector<std::string> allowed;
      if (props != s.end())
        for (const auto& [name, _] : props->items()) allowed.push_back(name);
      std::string owner = noun;
      if (auto d = s.find("description"); d != s.end() && d->is_string() && !ptr.empty())
        if (std::string n = noun_from(*d); !n.empty()) owner = n;
      std::string message = "`" + key + "` is not a property of " + owner;
      if (drops_unknown(ptr) && !in_step(ptr)) message += " (`az ml` ignores it)";
      std::vector<Fix> fixes;
      std::string guess = closest_name(key, allowed);
      if (!guess.empty()) {
        message += "; did you mean `" + guess + "`?";
        // A guessed key: the value then takes effect under it.
        fixes.push_back({"Rename to `" + guess + "`", {{key_range, guess}}, Applicability::Unsafe});
      }
      add(ptr, key_range, "unknown-key", std::move(message), std::move(fixes));
      // Accepted and ignored by the SDK (see drops_unknown): wrong, but not fatal.
      if (drops_unknown(ptr)) findings_.back().diagnostic.severity = Severity::Warning;
      return KeyVerdict::Unknown;
    }
    return KeyVerdict::Allowed;
  }

  FileKind kind_;
  const JsonView& view_;
  std::vector<SchemaFinding> findings_;
  std::string flagged_ancestor_;  // set while checking inside a key valijson could not enter
};

}  // namespace

std::vector<SchemaFinding> explain_schema(FileKind kind, const JsonView& view) {
  const char* file = schema_file_name(kind);
  const json* root = file ? schema_document(file) : nullptr;
  if (!root) return {};
  return Explainer(kind, view).run(Frag{root, file});
}

std::vector<Diagnostic> raw_schema_errors(
    const std::vector<std::pair<std::string, std::string>>& errors, const JsonView& view) {
  // Keep the deepest errors only: ancestors fail because a descendant failed.
  std::vector<Diagnostic> out;
  std::set<std::string> done;
  for (const auto& error : errors) {
    // References, not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& ptr = error.first;
    const std::string& text = error.second;
    bool has_deeper = std::any_of(errors.begin(), errors.end(), [&](const auto& other) {
      return other.first.size() > ptr.size() && other.first.compare(0, ptr.size(), ptr) == 0 &&
             other.first[ptr.size()] == '/';
    });
    if (has_deeper || !done.insert(ptr).second) continue;
    Diagnostic d;
    d.range = value_range(view, ptr);
    d.code = "schema";
    d.message = (ptr.empty() ? std::string("the file") : "`" + last_token(ptr) + "`") +
                " does not match the schema: " + text;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace amllint
