// The only translation unit that includes valijson (it is heavy to compile).
//
// valijson decides whether a file is valid; its raw errors are noisy (every failing ancestor and
// every if/then wrapper adds one, and they never name the expected values). So when it reports
// a failure, a small walker that understands the subset of draft-07 our schemas use re-checks the
// file, choosing the if/then branch the user meant from the values present, and writes one
// message per mistake. Walker findings are kept only where valijson also failed, so a gap in the
// walker can never invent an error; if the walker finds nothing, valijson's leaf errors are used.
#include "validation/schema_validate.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "bundled_schemas.h"
#include "syntax/yaml_tree.h"

namespace amllint {
namespace {

using json = nlohmann::json;

constexpr std::array<FileKind, 10> kSchemaKinds = {
    FileKind::CommandJob,        FileKind::SweepJob,
    FileKind::PipelineJob,       FileKind::AutoMLJob,
    FileKind::SparkJob,          FileKind::CommandComponent,
    FileKind::PipelineComponent, FileKind::ParallelComponent,
    FileKind::SparkComponent,    FileKind::DataTransferComponent};

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

size_t kind_index(FileKind kind) {
  for (size_t i = 0; i < kSchemaKinds.size(); ++i)
    if (kSchemaKinds[i] == kind) return i;
  return kSchemaKinds.size();
}

// ---------------------------------------------------------------------------------------------
// Schema documents as nlohmann::json, parsed once.

std::string_view base_name(std::string_view uri) {
  auto hash = uri.find('#');
  if (hash != std::string_view::npos) uri = uri.substr(0, hash);
  auto slash = uri.rfind('/');
  return slash == std::string_view::npos ? uri : uri.substr(slash + 1);
}

const std::unordered_map<std::string, json>& schema_docs() {
  static const auto docs = [] {
    std::unordered_map<std::string, json> all;
    for (const auto& s : bundled_schemas())
      all.emplace(std::string(s.name), json::parse(s.text.begin(), s.text.end()));
    return all;
  }();
  return docs;
}

const json* schema_doc(std::string_view name) {
  const auto& docs = schema_docs();
  auto it = docs.find(std::string(name));
  return it == docs.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------------------------------------
// Enum values the SDK normalises before it compares them (schema keyword `x-case`): "lower" for
// marshmallow StringTransformedEnum's default transform, "snake" for its `camel_to_snake` one
// (identity, sampling, early termination, goal, log_verbosity). Fields without `x-case` compare
// exactly (a job's `type`, component ports, parallel `logging_level`). See schema/README.md.

std::string fold_case(std::string_view how, std::string_view v) {
  std::string out(v);
  if (how == "snake") {
    // azure-ai-ml's camel_to_snake: `UserIdentity` -> `user_identity`, `MAXIMIZE` -> `maximize`.
    static const std::regex word("(.)([A-Z][a-z]+)"), hump("([a-z0-9])([A-Z])");
    out = std::regex_replace(out, word, "$1_$2");
    out = std::regex_replace(out, hump, "$1_$2");
  }
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view case_of(const json& s) {
  auto it = s.find("x-case");
  return it != s.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>())
                                          : std::string_view();
}

// Whether `v` is one of `values`, folded as `how` says ("" compares exactly).
bool in_enum(const json& values, const json& v, std::string_view how) {
  if (how.empty() || !v.is_string())
    return std::find(values.begin(), values.end(), v) != values.end();
  std::string folded = fold_case(how, v.get_ref<const std::string&>());
  for (const auto& a : values)
    if (a.is_string() && fold_case(how, a.get_ref<const std::string&>()) == folded) return true;
  return false;
}

// valijson has no case folding: an `enum`/`const` marked `x-case` is compiled into this custom
// constraint instead (keyword `x-folded-enum`, value "<how>|<value>|<value>...").
class FoldedEnum final : public valijson::constraints::PolyConstraint {
 public:
  FoldedEnum(std::string how, std::vector<std::string> values)
      : how_(std::move(how)), values_(std::move(values)) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    std::string s;
    if (target.isString() && target.getString(s)) {
      std::string folded = fold_case(how_, s);
      if (std::find(values_.begin(), values_.end(), folded) != values_.end()) return true;
    }
    if (results) results->pushError(context, "Failed to match against any enum values.");
    return false;
  }

 private:
  valijson::constraints::Constraint* cloneInto(void* ptr) const override {
    return new (ptr) FoldedEnum(*this);
  }
  size_t sizeOf() const override { return sizeof(FoldedEnum); }

  std::string how_;
  std::vector<std::string> values_;
};

class FoldedEnumBuilder final : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    std::string spec;
    value.getString(spec);
    std::vector<std::string> parts;
    size_t begin = 0;
    while (true) {
      size_t bar = spec.find('|', begin);
      parts.push_back(spec.substr(begin, bar == std::string::npos ? bar : bar - begin));
      if (bar == std::string::npos) break;
      begin = bar + 1;
    }
    std::string how = parts.front();
    std::vector<std::string> values;
    for (size_t i = 1; i < parts.size(); ++i) values.push_back(fold_case(how, parts[i]));
    return new FoldedEnum(how, std::move(values));
  }
};

// Rewrites `enum`/`const` under `x-case` into `x-folded-enum` (the valijson copy only; the
// walker reads the schema as written).
void fold_for_valijson(json& n, int depth = 0) {
  if (depth > 200) return;
  if (n.is_array()) {
    for (auto& item : n) fold_for_valijson(item, depth + 1);
    return;
  }
  if (!n.is_object()) return;
  if (auto how = n.find("x-case"); how != n.end() && how->is_string()) {
    json values = n.contains("enum") ? n["enum"] : json::array();
    if (n.contains("const")) values.push_back(n["const"]);
    bool strings = !values.empty() && std::all_of(values.begin(), values.end(),
                                                  [](const json& v) { return v.is_string(); });
    if (strings) {
      std::string spec = how->get<std::string>();
      for (const auto& v : values) spec += "|" + v.get<std::string>();
      n.erase("enum");
      n.erase("const");
      n["x-folded-enum"] = spec;
    }
  }
  for (auto& [_, child] : n.items()) fold_for_valijson(child, depth + 1);
}

// ---------------------------------------------------------------------------------------------
// valijson: one compiled schema per kind, built on first use. A const Schema is safe to share;
// each thread keeps its own Validator (it caches compiled regexes).

struct Compiled {
  std::once_flag once;
  std::unique_ptr<valijson::Schema> schema;
};

// A schema document whose root is `ref` ("definitions.json#/definitions/<x>"), compiled.
std::unique_ptr<valijson::Schema> compile(json root) {
  // valijson 1.0 resolves a "#/..." reference found inside a fetched document against the
  // root document instead of the fetched one, so references into definitions.json are
  // rewritten to point into a copy of its definitions, carried along.
  const std::string prefix = "definitions.json#";
  if (auto ref = root.find("$ref");
      ref != root.end() && ref->is_string() && ref->get<std::string>().rfind(prefix, 0) == 0) {
    const json* defs = schema_doc("definitions.json");
    if (!defs || !defs->contains("definitions")) return nullptr;
    root["$ref"] = "#" + ref->get<std::string>().substr(prefix.size());
    root["definitions"] = (*defs)["definitions"];
  }
  fold_for_valijson(root);
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.addConstraintBuilder("x-folded-enum", new FoldedEnumBuilder());  // parser owns it
  valijson::adapters::NlohmannJsonAdapter adapter(root);
  auto fetch = [](const std::string& uri) -> const json* {
    const json* doc = schema_doc(base_name(uri));
    if (!doc) return nullptr;
    auto copy = new json(*doc);
    fold_for_valijson(*copy);
    return copy;
  };
  auto free_doc = [](const json* doc) { delete doc; };
  parser.populateSchema(adapter, *schema, fetch, free_doc);
  return schema;
}

const valijson::Schema* compiled_schema(FileKind kind) {
  static std::array<Compiled, kSchemaKinds.size()> table;
  size_t i = kind_index(kind);
  if (i >= table.size()) return nullptr;
  std::call_once(table[i].once, [&] {
    if (const json* file = schema_doc(schema_file_name(kind))) table[i].schema = compile(*file);
  });
  return table[i].schema.get();
}

// One pipeline step alone. valijson stops at the first step that fails (patternProperties are
// not checked on after a failure), so the steps after it are validated one by one with this.
const valijson::Schema* compiled_step_schema() {
  static Compiled step;
  std::call_once(step.once, [] {
    step.schema = compile({{"$ref", "definitions.json#/definitions/node"}});
  });
  return step.schema.get();
}

// "<root>", "[jobs]", "[0]" -> "/jobs/0"
std::string escape_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string context_pointer(const std::vector<std::string>& context) {
  std::string ptr;
  for (const auto& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']')
      ptr += "/" + escape_token(std::string_view(part).substr(1, part.size() - 2));
  }
  return ptr;
}

// ---------------------------------------------------------------------------------------------
// Source ranges.

const SourceSpan* find_span(const JsonView& view, std::string ptr) {
  while (true) {
    auto it = view.spans.find(ptr);
    if (it != view.spans.end()) return &it->second;
    if (ptr.empty()) return nullptr;
    ptr.erase(ptr.rfind('/'));
  }
}

TextRange value_range(const JsonView& view, const std::string& ptr) {
  const SourceSpan* s = find_span(view, ptr);
  return s ? s->value : TextRange{};
}

// The key of the mapping at `ptr`; for the root, its `type:` key or else its first key, so that
// a missing root key lands on the first line that matters rather than on the whole file.
TextRange owner_key_range(const JsonView& view, const std::string& ptr) {
  if (!ptr.empty()) {
    const SourceSpan* s = find_span(view, ptr);
    if (s && !s->key.empty()) return s->key;
    return s ? TextRange{s->value.begin, s->value.begin} : TextRange{};
  }
  if (auto it = view.spans.find("/type"); it != view.spans.end()) return it->second.key;
  const SourceSpan* first = nullptr;
  if (view.value.is_object()) {
    for (const auto& [key, _] : view.value.items()) {
      auto it = view.spans.find("/" + escape_token(key));
      if (it != view.spans.end() && (!first || it->second.key.begin < first->key.begin))
        first = &it->second;
    }
  }
  return first ? first->key : TextRange{};
}

// ---------------------------------------------------------------------------------------------
// Walking our schemas.

struct Frag {
  const json* s;
  std::string_view doc;  // document that `s` lives in, for "#/..." references
};

std::optional<Frag> follow_ref(const Frag& f) {
  const std::string& ref = (*f.s)["$ref"].get_ref<const std::string&>();
  auto hash = ref.find('#');
  std::string_view doc = hash == 0 ? f.doc : base_name(ref);
  const json* root = schema_doc(doc);
  if (!root) return std::nullopt;
  std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
  try {
    const json& target = root->at(json::json_pointer(pointer));
    return Frag{&target, doc};
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

bool type_matches(std::string_view type, const json& v) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  return false;
}

bool types_match(const json& type, const json& v) {
  if (type.is_string()) return type_matches(type.get_ref<const std::string&>(), v);
  if (type.is_array())
    for (const auto& t : type)
      if (t.is_string() && type_matches(t.get_ref<const std::string&>(), v)) return true;
  return false;
}

const std::regex& cached_regex(const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::regex> cache;
  auto it = cache.find(pattern);
  if (it == cache.end())
    it = cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
  return it->second;
}

bool pattern_matches(const std::string& pattern, const std::string& text) {
  try {
    return std::regex_search(text, cached_regex(pattern));
  } catch (const std::regex_error&) {
    return true;  // a pattern we cannot compile must not produce errors
  }
}

// Whether `v` satisfies an `if` condition. Our conditions only use type, const, enum, required,
// properties and not.
bool condition_holds(const Frag& cond, const json& v, int depth = 0) {
  if (depth > 32) return false;
  const json& c = *cond.s;
  if (c.is_boolean()) return c.get<bool>();
  if (!c.is_object()) return true;
  if (c.contains("$ref")) {
    auto target = follow_ref(cond);
    return target && condition_holds(*target, v, depth + 1);
  }
  if (auto it = c.find("type"); it != c.end() && !types_match(*it, v)) return false;
  if (auto it = c.find("const"); it != c.end() && !in_enum(json::array({*it}), v, case_of(c)))
    return false;
  if (auto it = c.find("enum"); it != c.end() && !in_enum(*it, v, case_of(c))) return false;
  if (auto it = c.find("required"); it != c.end() && v.is_object())
    for (const auto& k : *it)
      if (k.is_string() && !v.contains(k.get_ref<const std::string&>())) return false;
  if (auto it = c.find("properties"); it != c.end() && v.is_object())
    for (const auto& [k, sub] : it->items())
      if (auto vi = v.find(k); vi != v.end() && !condition_holds({&sub, cond.doc}, *vi, depth + 1))
        return false;
  if (auto it = c.find("not"); it != c.end() && condition_holds({&*it, cond.doc}, v, depth + 1))
    return false;
  return true;
}

// Expands `f` into the fragments that apply to `v`: $ref followed, allOf flattened, the
// if/then/else branch chosen by `v`. `description` receives the outermost description.
void collect(const Frag& f, const json& v, std::vector<Frag>& out, std::string* description,
             int depth = 0) {
  if (depth > 64 || !f.s->is_object()) return;
  const json& s = *f.s;
  if (description && description->empty())
    if (auto d = s.find("description"); d != s.end() && d->is_string()) *description = *d;
  if (s.contains("$ref")) {
    if (auto target = follow_ref(f)) collect(*target, v, out, description, depth + 1);
    return;
  }
  out.push_back(f);
  if (auto all = s.find("allOf"); all != s.end())
    for (const auto& sub : *all) collect({&sub, f.doc}, v, out, description, depth + 1);
  if (auto cond = s.find("if"); cond != s.end()) {
    const char* branch = condition_holds({&*cond, f.doc}, v) ? "then" : "else";
    if (auto b = s.find(branch); b != s.end())
      collect({&*b, f.doc}, v, out, description, depth + 1);
  }
}

// The schemas that apply to the value under `key` of an object checked against `frags`.
std::vector<Frag> child_schemas(const std::vector<Frag>& frags, const std::string& key) {
  std::vector<Frag> subs;
  for (const auto& f : frags) {
    const json& s = *f.s;
    bool matched = false;
    if (auto props = s.find("properties"); props != s.end())
      if (auto p = props->find(key); p != props->end()) {
        subs.push_back({&*p, f.doc});
        matched = true;
      }
    if (auto pats = s.find("patternProperties"); pats != s.end())
      for (const auto& [pattern, sub] : pats->items())
        if (pattern_matches(pattern, key)) {
          subs.push_back({&sub, f.doc});
          matched = true;
        }
    if (!matched)
      if (auto ap = s.find("additionalProperties"); ap != s.end() && ap->is_object())
        subs.push_back({&*ap, f.doc});
  }
  return subs;
}

// The schemas a key of the user's choosing gets when its name is valid: after reporting a bad
// step name, its content is still checked as a step.
std::vector<Frag> pattern_schemas(const std::vector<Frag>& frags) {
  std::vector<Frag> subs;
  for (const auto& f : frags)
    if (auto pats = f.s->find("patternProperties"); pats != f.s->end())
      for (const auto& [pattern, sub] : pats->items()) subs.push_back({&sub, f.doc});
  return subs;
}

std::vector<Frag> item_schemas(const std::vector<Frag>& frags) {
  std::vector<Frag> subs;
  for (const auto& f : frags)
    if (auto items = f.s->find("items"); items != f.s->end() && items->is_object())
      subs.push_back({&*items, f.doc});
  return subs;
}

// Resolves `subs` for value `v` into fragments plus the outermost description.
std::vector<Frag> resolve(const std::vector<Frag>& subs, const json& v, std::string* description) {
  std::vector<Frag> frags;
  for (const auto& f : subs) collect(f, v, frags, description);
  return frags;
}

// ---------------------------------------------------------------------------------------------
// Message helpers.

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
      diag = up;
    }
  }
  return row[b.size()];
}

// The candidate closest to `word`, if close enough to be a plausible typo.
std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_d) best_d = d, best = c;
  }
  size_t limit = std::max<size_t>(2, word.size() / 3);
  return best_d <= limit ? best : std::string();
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

// "A command step." -> "a command step"; other descriptions are not nouns.
std::string noun_from(const std::string& description) {
  if (description.rfind("A ", 0) != 0 && description.rfind("An ", 0) != 0) return {};
  std::string n = description;
  if (!n.empty() && n.back() == '.') n.pop_back();
  n[0] = 'a';
  return n;
}

std::string last_token(const std::string& ptr) {
  std::string t = ptr.substr(ptr.rfind('/') + 1);
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '~' && i + 1 < t.size())
      out += t[++i] == '1' ? '/' : '~';
    else
      out += t[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The explaining walker.

struct Finding {
  std::string where;  // pointer valijson must also have flagged for the finding to be kept
  Diagnostic diagnostic;
};

class Explainer {
 public:
  Explainer(FileKind kind, const JsonView& view) : kind_(kind), view_(view) {}

  std::vector<Finding> run(const Frag& root) {
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
        guess = !folded_match.empty() ? folded_match : closest(v.get<std::string>(), allowed);
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
      std::string near = closest(key, property_names(frags));
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
      std::string child_ptr = ptr + "/" + escape_token(key);
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
      std::string guess = closest(key, allowed);
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
  std::vector<Finding> findings_;
  std::string flagged_ancestor_;  // set while checking inside a key valijson could not enter
};

std::vector<Diagnostic> raw_errors(const valijson::ValidationResults& results,
                                   const JsonView& view) {
  // Keep the deepest errors only: ancestors fail because a descendant failed.
  std::vector<std::pair<std::string, std::string>> errors;
  for (const auto& e : results) errors.emplace_back(context_pointer(e.context), e.description);
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

// Plain scalars PyYAML reads as dates (`2024-01-01`): the SDK rejects a date in a string field
// ("display_name: Not a valid string.", "Object of type date is not JSON serializable"), and
// accepts one only where it converts values itself (measured): environment variables, Spark
// `conf` and a `version`.
std::vector<Diagnostic> date_findings(const JsonView& view) {
  std::vector<Diagnostic> out;
  for (const std::string& ptr : view.dates) {
    if (ptr.find("/environment_variables/") != std::string::npos ||
        ptr.find("/conf/") != std::string::npos || last_token(ptr) == "version")
      continue;
    auto it = view.spans.find(ptr);
    if (it == view.spans.end() || !it->second.node) continue;
    const std::string& text = it->second.node->value;
    Diagnostic d;
    d.range = it->second.value;
    d.severity = Severity::Error;
    d.code = "date-value";
    d.message = "`" + text + "` is read as a date, not as text (YAML 1.1, which `az ml` uses): " +
                "`az ml` rejects it (\"Not a valid string\"); quote it: \"" + text + "\"";
    // The text written is the text meant; quoting only stops YAML 1.1 reading a date.
    d.fixes.push_back(
        {"Quote `" + text + "`", {{d.range, "\"" + text + "\""}}, Applicability::Safe});
    out.push_back(std::move(d));
  }
  return out;
}

// Adds the failures of every step of a pipeline, each validated alone (see
// compiled_step_schema), when valijson flagged one step: it said nothing about the others.
void add_step_failures(FileKind kind, const JsonView& view, std::set<std::string>& failed) {
  if (kind != FileKind::PipelineJob && kind != FileKind::PipelineComponent) return;
  bool in_steps = std::any_of(failed.begin(), failed.end(),
                              [](const std::string& p) { return p.rfind("/jobs/", 0) == 0; });
  auto jobs = view.value.find("jobs");
  if (!in_steps || jobs == view.value.end() || !jobs->is_object()) return;
  const valijson::Schema* step_schema = compiled_step_schema();
  if (!step_schema) return;
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  for (const auto& [name, step] : jobs->items()) {
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(step);
    try {
      if (validator.validate(*step_schema, target, nullptr)) continue;
      validator.validate(*step_schema, target, &results);
    } catch (const std::exception&) {
      continue;
    }
    std::string base = "/jobs/" + escape_token(name);
    failed.insert(base);
    for (const auto& e : results) failed.insert(base + context_pointer(e.context));
  }
}

}  // namespace

const char* schema_file_name(FileKind kind) {
  switch (kind) {
    case FileKind::CommandJob: return "command_job.json";
    case FileKind::SweepJob: return "sweep_job.json";
    case FileKind::PipelineJob: return "pipeline_job.json";
    case FileKind::AutoMLJob: return "automl_job.json";
    case FileKind::SparkJob: return "spark_job.json";
    case FileKind::CommandComponent: return "command_component.json";
    case FileKind::PipelineComponent: return "pipeline_component.json";
    case FileKind::ParallelComponent: return "parallel_component.json";
    case FileKind::SparkComponent: return "spark_component.json";
    case FileKind::DataTransferComponent: return "data_transfer_component.json";
    case FileKind::NotAzureMl: break;
  }
  return nullptr;
}

std::vector<Diagnostic> validate_schema(FileKind kind, const JsonView& view) {
  const valijson::Schema* schema = compiled_schema(kind);
  if (!schema) return {};
  std::vector<Diagnostic> dates = date_findings(view);
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(view.value);
  bool threw = false;
  try {
    // Without a results object valijson stops at the first failure and keeps no paths: the
    // common case, a valid file, costs a fraction of a full run.
    if (validator.validate(*schema, target, nullptr)) return dates;
    validator.validate(*schema, target, &results);
  } catch (const std::exception&) {
    threw = true;  // valijson throws on some constraints; let the walker judge alone
  }

  std::set<std::string> failed;
  for (const auto& e : results) failed.insert(context_pointer(e.context));
  add_step_failures(kind, view, failed);
  const char* file = schema_file_name(kind);
  Explainer explainer(kind, view);
  std::vector<Diagnostic> out;
  for (auto& f : explainer.run(Frag{schema_doc(file), file}))
    if (threw || failed.count(f.where)) out.push_back(std::move(f.diagnostic));
  if (out.empty()) out = raw_errors(results, view);
  for (Diagnostic& d : dates) out.push_back(std::move(d));
  normalize(out);
  return out;
}

SchemaInfo schema_at(FileKind kind, const JsonView& view, const std::string& pointer) {
  SchemaInfo info;
  const char* file = schema_file_name(kind);
  const json* root = file ? schema_doc(file) : nullptr;
  if (!root) return info;

  // Walk down the pointer, resolving at each level with the value the file has there (or an
  // empty mapping for a key not written yet, so completion inside it still works).
  static const json kEmpty = json::object();
  const json* value = &view.value;
  std::vector<Frag> subs = {{root, file}};
  std::string description;
  std::vector<Frag> frags = resolve(subs, *value, &description);
  size_t pos = 0;
  while (pos < pointer.size()) {
    size_t next = pointer.find('/', pos + 1);
    std::string token =
        last_token(pointer.substr(pos, next == std::string::npos ? next : next - pos));
    pos = next == std::string::npos ? pointer.size() : next;
    const json* child = &kEmpty;
    if (value->is_object() && value->contains(token)) child = &(*value)[token];
    if (value->is_array()) {
      subs = item_schemas(frags);
      size_t index = std::strtoul(token.c_str(), nullptr, 10);
      if (index < value->size()) child = &(*value)[index];
    } else {
      subs = child_schemas(frags, token);
    }
    if (subs.empty()) return info;
    value = child;
    description.clear();
    frags = resolve(subs, *value, &description);
  }

  // For a union (a step, an input) the chosen branch describes the value better than the union.
  if (!noun_from(description).empty())
    for (const auto& f : frags)
      if (auto d = f.s->find("description"); d != f.s->end() && d->is_string())
        if (!noun_from(*d).empty()) description = *d;
  info.description = description;
  json merged = json::object();
  std::map<std::string, SchemaProperty> props;
  std::set<std::string> required;
  for (const auto& f : frags) {
    for (const auto& [k, v] : f.s->items()) {
      if (k == "allOf" || k == "if" || k == "then" || k == "else") continue;
      if (k == "properties") {
        for (const auto& [name, sub] : v.items()) {
          merged["properties"][name] = sub;
          auto& p = props[name];
          p.name = name;
          if (p.description.empty() && sub.contains("description"))
            p.description = sub["description"];
        }
      } else if (k == "required") {
        for (const auto& r : v) required.insert(r.get<std::string>());
      } else if (!merged.contains(k)) {
        merged[k] = v;
      }
    }
  }
  if (!required.empty())
    merged["required"] = std::vector<std::string>(required.begin(), required.end());
  for (auto& [name, p] : props) {
    p.required = required.count(name) > 0;
    info.properties.push_back(p);
  }
  if (info.description.empty() && merged.contains("description"))
    info.description = merged["description"];
  info.node = std::move(merged);
  return info;
}

}  // namespace amllint
