// The only translation unit that includes valijson (it is heavy to compile).
#include "validation/valijson_check.h"

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string_view>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "syntax/json_view.h"
#include "validation/class_pattern.h"
#include "validation/enum_case.h"
#include "validation/schema_documents.h"

// valijson 1.0's functor for `patternProperties` compiles each pattern into a std::regex on every
// visit and ignores the validator's regex cache that its `pattern` constraint uses; a pipeline's
// `jobs` is visited once per run (and again for each step checked alone), and compiling
// `^[A-Za-z_][A-Za-z0-9_]*$` cost more than validating the rest of most files. This explicit
// specialization, for the one adapter we validate with, is valijson's own functor (same order,
// same errors, same early exits) with the regex taken from that cache. It must come before
// anything instantiates ValidationVisitor<NlohmannJsonAdapter>; it is tied to the header of
// Debian's libvalijson-dev 1.0 (a later valijson takes a regex engine as a template argument).
namespace valijson {
template <>
struct ValidationVisitor<adapters::NlohmannJsonAdapter>::ValidatePatternPropertySubschemas {
  using Adapter = adapters::NlohmannJsonAdapter;

  ValidatePatternPropertySubschemas(const typename Adapter::Object& object,
                                    const std::vector<std::string>& context, bool continueOnSuccess,
                                    bool continueOnFailure, bool continueIfUnmatched,
                                    bool strictTypes, ValidationResults* results,
                                    std::set<std::string>* propertiesMatched, bool* validated,
                                    std::unordered_map<std::string, std::regex>& regexesCache)
      : m_object(object),
        m_context(context),
        m_continueOnSuccess(continueOnSuccess),
        m_continueOnFailure(continueOnFailure),
        m_continueIfUnmatched(continueIfUnmatched),
        m_strictTypes(strictTypes),
        m_results(results),
        m_propertiesMatched(propertiesMatched),
        m_validated(validated),
        m_regexesCache(regexesCache) {}

  template <typename StringType>
  bool operator()(const StringType& patternProperty, const Subschema* subschema) const {
    const std::string patternPropertyStr(patternProperty.c_str());
    auto cached = m_regexesCache.find(patternPropertyStr);
    if (cached == m_regexesCache.end())
      cached = m_regexesCache.emplace(patternPropertyStr, std::regex(patternPropertyStr)).first;
    const std::regex& r = cached->second;
    thread_local std::unordered_map<std::string, std::optional<amllint::ClassPattern>> simple;
    auto by_table = simple.find(patternPropertyStr);
    if (by_table == simple.end())
      by_table =
          simple.emplace(patternPropertyStr, amllint::ClassPattern::parse(patternPropertyStr))
              .first;

    bool matchFound = false;
    for (const typename Adapter::ObjectMember m : m_object) {
      if (by_table->second ? by_table->second->matches(m.first) : std::regex_search(m.first, r)) {
        matchFound = true;
        if (m_propertiesMatched) m_propertiesMatched->insert(m.first);
        std::vector<std::string> newContext = m_context;
        newContext.push_back("[" + m.first + "]");
        ValidationVisitor validator(m.second, newContext, m_strictTypes, m_results, m_regexesCache);
        if (validator.validateSchema(*subschema)) continue;
        if (m_results)
          m_results->pushError(m_context,
                               "Failed to validate against schema associated with pattern '" +
                                   patternPropertyStr + "'.");
        if (m_validated) *m_validated = false;
        if (!m_continueOnFailure) return false;
      }
    }
    if (!matchFound && !m_continueIfUnmatched) return false;
    return m_continueOnSuccess;
  }

 private:
  const typename Adapter::Object& m_object;
  const std::vector<std::string>& m_context;
  const bool m_continueOnSuccess;
  const bool m_continueOnFailure;
  const bool m_continueIfUnmatched;
  const bool m_strictTypes;
  ValidationResults* const m_results;
  std::set<std::string>* const m_propertiesMatched;
  bool* const m_validated;
  std::unordered_map<std::string, std::regex>& m_regexesCache;
};
}  // namespace valijson

namespace amllint {
namespace {

using json = nlohmann::json;

constexpr std::array<FileKind, 10> kSchemaKinds = {
    FileKind::CommandJob,        FileKind::SweepJob,
    FileKind::PipelineJob,       FileKind::AutoMLJob,
    FileKind::SparkJob,          FileKind::CommandComponent,
    FileKind::PipelineComponent, FileKind::ParallelComponent,
    FileKind::SparkComponent,    FileKind::DataTransferComponent};

size_t kind_index(FileKind kind) {
  for (size_t i = 0; i < kSchemaKinds.size(); ++i)
    if (kSchemaKinds[i] == kind) return i;
  return kSchemaKinds.size();
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

// `how|a|b|c`, split at the bars.
std::vector<std::string> split_bars(const std::string& spec) {
  std::vector<std::string> parts;
  size_t begin = 0;
  while (true) {
    size_t bar = spec.find('|', begin);
    parts.push_back(spec.substr(begin, bar == std::string::npos ? bar : bar - begin));
    if (bar == std::string::npos) break;
    begin = bar + 1;
  }
  return parts;
}

class FoldedEnumBuilder final : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    std::string spec;
    value.getString(spec);
    std::vector<std::string> parts = split_bars(spec);
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

// The `if` of a discriminated union (schema/README.md), `{properties: {K: {const|enum|
// x-folded-enum}}, required: [K]}`, checked by one constraint (keyword `x-discriminator`, value
// "<K>|<fold how, or empty to compare exactly>|<value>|<value>..."). It holds for exactly the
// same values: with strong types (every Validator here) a value that is not a mapping satisfies
// both `properties` and `required`; a mapping must have K, and K's value must be a string that is
// one of the values (folded as FoldedEnum folds) — `const`/`enum` of strings compare strictly.
// valijson would check it as two constraints, with a visitor and a copied error context for every
// other key of the mapping (each validated against the empty `additionalProperties`), and every
// union evaluates one `if` per branch.
class Discriminator final : public valijson::constraints::PolyConstraint {
 public:
  Discriminator(std::string key, std::string how, std::vector<std::string> values)
      : key_(std::move(key)), how_(std::move(how)), values_(std::move(values)) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isObject()) return true;
    bool found = false, ok = false;
    auto check = [&](const valijson::adapters::Adapter& value) {
      found = true;
      std::string s;
      if (!value.isString() || !value.getString(s)) return;
      if (!how_.empty()) s = fold_case(how_, s);
      ok = std::find(values_.begin(), values_.end(), s) != values_.end();
    };
    if (auto* adapter = dynamic_cast<const valijson::adapters::NlohmannJsonAdapter*>(&target)) {
      const auto object = adapter->asObject();
      if (auto member = object.find(key_); member != object.end()) check(member->second);
    } else {
      target.applyToObject([&](const std::string& name, const valijson::adapters::Adapter& value) {
        if (name != key_) return true;
        check(value);
        return false;
      });
    }
    if (found && ok) return true;
    if (results) results->pushError(context, "Failed to match the discriminator '" + key_ + "'.");
    return false;
  }

 private:
  valijson::constraints::Constraint* cloneInto(void* ptr) const override {
    return new (ptr) Discriminator(*this);
  }
  size_t sizeOf() const override { return sizeof(Discriminator); }

  std::string key_, how_;
  std::vector<std::string> values_;
};

class DiscriminatorBuilder final : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    std::string spec;
    value.getString(spec);
    std::vector<std::string> parts = split_bars(spec);
    std::string key = parts.size() > 0 ? parts[0] : "", how = parts.size() > 1 ? parts[1] : "";
    std::vector<std::string> values;
    for (size_t i = 2; i < parts.size(); ++i)
      values.push_back(how.empty() ? parts[i] : fold_case(how, parts[i]));
    return new Discriminator(key, how, std::move(values));
  }
};

// "<K>|<how>|<values>" when `cond` (an `if`, after fold_for_valijson) is a discriminator that
// Discriminator checks alike; nullopt otherwise (then it stays as written).
std::optional<std::string> discriminator_spec(const json& cond) {
  if (!cond.is_object() || cond.size() != 2) return std::nullopt;
  auto props = cond.find("properties");
  auto req = cond.find("required");
  if (props == cond.end() || req == cond.end() || !props->is_object() || props->size() != 1 ||
      !req->is_array() || req->size() != 1)
    return std::nullopt;
  const std::string& key = props->begin().key();
  const json& sub = props->begin().value();
  if (!(*req)[0].is_string() || (*req)[0].get_ref<const std::string&>() != key ||
      !sub.is_object() || key.find('|') != std::string::npos)
    return std::nullopt;
  int checks = 0;
  for (const auto& [k, _] : sub.items()) {
    if (k == "const" || k == "enum" || k == "x-folded-enum")
      ++checks;
    else if (k != "x-case")  // ignored by valijson
      return std::nullopt;
  }
  if (checks != 1) return std::nullopt;
  std::vector<std::string> values;
  std::string how;
  if (auto folded = sub.find("x-folded-enum"); folded != sub.end()) {
    if (!folded->is_string()) return std::nullopt;
    std::vector<std::string> parts = split_bars(folded->get<std::string>());
    how = parts[0];
    if (how.empty()) return std::nullopt;  // FoldedEnum would still lower-case
    values.assign(parts.begin() + 1, parts.end());
  } else {
    json list = sub.contains("enum") ? sub["enum"] : json::array({sub["const"]});
    if (!list.is_array() || list.empty()) return std::nullopt;
    for (const auto& v : list) {
      if (!v.is_string() || v.get_ref<const std::string&>().find('|') != std::string::npos)
        return std::nullopt;
      values.push_back(v.get<std::string>());
    }
  }
  std::string spec = key + "|" + how;
  for (const auto& v : values) spec += "|" + v;
  return spec;
}

// Rewrites discriminator `if`s into `x-discriminator` (the valijson copy only). It follows the
// keywords that hold schemas, so a property that happens to be called `if` is left alone.
void discriminate_for_valijson(json& schema, int depth = 0) {
  if (depth > 200 || !schema.is_object()) return;
  if (auto cond = schema.find("if"); cond != schema.end())
    if (std::optional<std::string> spec = discriminator_spec(*cond))
      *cond = json::object({{"x-discriminator", *spec}});
  for (auto& [key, child] : schema.items()) {
    if (key == "properties" || key == "patternProperties" || key == "definitions" ||
        key == "dependencies") {
      if (child.is_object())
        for (auto& [_, sub] : child.items()) discriminate_for_valijson(sub, depth + 1);
    } else if (key == "allOf" || key == "anyOf" || key == "oneOf" || key == "items") {
      if (child.is_array())
        for (auto& sub : child) discriminate_for_valijson(sub, depth + 1);
      else
        discriminate_for_valijson(child, depth + 1);
    } else if (key == "not" || key == "if" || key == "then" || key == "else" ||
               key == "additionalProperties" || key == "additionalItems" ||
               key == "propertyNames" || key == "contains") {
      discriminate_for_valijson(child, depth + 1);
    }
  }
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
    const json* defs = schema_document("definitions.json");
    if (!defs || !defs->contains("definitions")) return nullptr;
    root["$ref"] = "#" + ref->get<std::string>().substr(prefix.size());
    root["definitions"] = (*defs)["definitions"];
  }
  fold_for_valijson(root);
  discriminate_for_valijson(root);
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.addConstraintBuilder("x-folded-enum", new FoldedEnumBuilder());  // parser owns them
  parser.addConstraintBuilder("x-discriminator", new DiscriminatorBuilder());
  valijson::adapters::NlohmannJsonAdapter adapter(root);
  auto fetch = [](const std::string& uri) -> const json* {
    const json* doc = schema_document(schema_document_name(uri));
    if (!doc) return nullptr;
    auto copy = new json(*doc);
    fold_for_valijson(*copy);
    discriminate_for_valijson(*copy);
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
    if (const json* file = schema_document(schema_file_name(kind)))
      table[i].schema = compile(*file);
  });
  return table[i].schema.get();
}

// One pipeline step alone: what `jobs` checks each step against. valijson stops at the first
// step that fails (patternProperties are not checked on after a failure), so the steps after it
// are validated one by one with this.
const valijson::Schema* compiled_step_schema() {
  static Compiled step;
  std::call_once(step.once, [] {
    step.schema = compile({{"$ref", "definitions.json#/definitions/node"}});
  });
  return step.schema.get();
}

// Copies definition `name` into `defs` as "<name>--conditions" without its checks of each key
// of the top level by itself (`properties`, `patternProperties`, `additionalProperties`,
// `required`), keeping the conditions it puts on the whole (`allOf`, `if`/`then`), and so the
// `allOf` references it is made of; returns the copy's name.
std::string conditions_only(json& defs, const std::string& name, int depth = 0) {
  std::string copy = name + "--conditions";
  if (defs.contains(copy)) return copy;
  if (!defs.contains(name) || depth > 20) return name;
  json def = defs[name];
  for (const char* key : {"properties", "patternProperties", "additionalProperties", "required"})
    def.erase(key);
  if (auto all = def.find("allOf"); all != def.end() && all->is_array())
    for (json& part : *all)
      if (auto ref = part.find("$ref"); ref != part.end() && ref->is_string() &&
                                        ref->get<std::string>().rfind("#/definitions/", 0) == 0)
        *ref =
            "#/definitions/" + conditions_only(defs, ref->get<std::string>().substr(14), depth + 1);
  defs[copy] = std::move(def);
  return copy;
}

// The conditions the top level of a pipeline `kind` puts on every step, such as `missing-compute`
// (no compute at the top, so every step needs one): the schema of `kind` without its checks of
// each key (the steps are checked by compiled_step_schema). They read the top level, so a step
// is validated against them beside it (see add_step_failures).
const valijson::Schema* compiled_top_conditions(FileKind kind) {
  static std::array<Compiled, kSchemaKinds.size()> table;
  size_t i = kind_index(kind);
  if (i >= table.size()) return nullptr;
  std::call_once(table[i].once, [&] {
    const json* file = schema_document(schema_file_name(kind));
    const json* defs = schema_document("definitions.json");
    const std::string prefix = "definitions.json#/definitions/";
    if (!file || !defs || !defs->contains("definitions") || !file->contains("$ref")) return;
    const json& ref = (*file)["$ref"];
    if (!ref.is_string() || ref.get<std::string>().rfind(prefix, 0) != 0) return;
    json root = {{"definitions", (*defs)["definitions"]}};
    root["$ref"] = "#/definitions/" + conditions_only(root["definitions"],
                                                      ref.get<std::string>().substr(prefix.size()));
    table[i].schema = compile(std::move(root));
  });
  return table[i].schema.get();
}

// valijson's context ("<root>", "[jobs]", "[0]") -> "/jobs/0"
std::string context_pointer(const std::vector<std::string>& context) {
  std::string ptr;
  for (const auto& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']')
      append_pointer_token(ptr, std::string_view(part).substr(1, part.size() - 2));
  }
  return ptr;
}

// Whether valijson checks a step called `name` against the step schema: the names of the
// `patternProperties` of definitions.json's `jobs` (a name they reject is flagged on `jobs`).
bool checked_as_step(const std::string& name) {
  struct NamePattern {
    std::regex regex;
    std::optional<ClassPattern> simple;
    bool matches(const std::string& name) const {
      return simple ? simple->matches(name) : std::regex_search(name, regex);
    }
  };
  static const std::vector<NamePattern> patterns = [] {
    std::vector<NamePattern> out;
    const json* defs = schema_document("definitions.json");
    const json* pats = nullptr;
    try {
      pats = &defs->at(json::json_pointer("/definitions/jobs/patternProperties"));
    } catch (const std::exception&) {
      return out;
    }
    for (const auto& [pattern, _] : pats->items()) {
      try {
        out.push_back({std::regex(pattern), ClassPattern::parse(pattern)});
      } catch (const std::regex_error&) {
        return std::vector<NamePattern>{};
      }
    }
    return out;
  }();
  if (patterns.empty()) return false;
  return std::all_of(patterns.begin(), patterns.end(),
                     [&](const NamePattern& p) { return p.matches(name); });
}

// Adds the failures of the steps of a pipeline that valijson did not reach. valijson checks the
// steps in the order of the mapping and stops at the first that fails (patternProperties are not
// checked on after a failure, and the top level's conditions on the steps, such as
// `missing-compute`, stop at their own first failure): the steps before the first flagged one
// passed everything, so only that step and the ones after it need a run of their own.
// A step's findings must depend only on that step and the top level, never on which other steps
// exist (incremental analysis relies on it). So each such step is validated alone against the
// step schema, and then in a stand-in, the top level with `jobs` cut down to that one step,
// against the conditions the top level puts on it (compiled_top_conditions): together that is
// the whole schema on that step. Only the pointers under the step are taken from the stand-in.
// (The whole schema on each stand-in would do the same, at a higher cost on an invalid pipeline:
// it would validate every step of the stand-in's top level again.)
void add_step_failures(FileKind kind, const json& value, std::set<std::string>& failed) {
  if (kind != FileKind::PipelineJob && kind != FileKind::PipelineComponent) return;
  auto jobs = value.find("jobs");
  if (jobs == value.end() || !jobs->is_object()) return;
  std::optional<std::string> first;  // the first step flagged, in the mapping's order
  for (auto it = failed.lower_bound("/jobs/"); it != failed.end() && it->rfind("/jobs/", 0) == 0;
       ++it) {
    size_t slash = it->find('/', 6);
    std::string name = unescape_pointer_token(
        std::string_view(*it).substr(6, slash == std::string::npos ? slash : slash - 6));
    if (!first || name < *first) first = std::move(name);
  }
  if (!first) return;
  const valijson::Schema* step_schema = compiled_step_schema();
  const valijson::Schema* conditions = compiled_top_conditions(kind);
  if (!step_schema || !conditions) return;
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  // The conditions hold for every step when they hold for the file as it is (they look at each
  // step by itself, and at the top level), and then no step needs a stand-in.
  bool conditions_hold = false;
  try {
    valijson::adapters::NlohmannJsonAdapter whole(value);
    conditions_hold = validator.validate(*conditions, whole, nullptr);
  } catch (const std::exception&) {
  }
  // The top level without its steps, copied once; each stand-in puts one step in its `jobs`.
  std::optional<json> stand_in;
  for (const auto& [name, step] : jobs->items()) {
    bool by_name = checked_as_step(name);
    if (name < *first && by_name) continue;
    std::string base = "/jobs/" + escape_pointer_token(name);
    bool step_failed = false;
    try {
      // One run that keeps its errors, as in valijson_failures: a run without them first would
      // walk a failing step twice.
      valijson::adapters::NlohmannJsonAdapter target(step);
      valijson::ValidationResults results;
      if (!validator.validate(*step_schema, target, &results)) {
        step_failed = true;
        for (const auto& e : results) failed.insert(base + context_pointer(e.context));
      }
    } catch (const std::exception&) {
      continue;
    }
    // The top level's conditions reach only the steps `jobs` accepts by name.
    if (by_name && !conditions_hold) {
      if (!stand_in) {
        stand_in.emplace(json::object());
        for (const auto& [key, v] : value.items())
          if (key != "jobs") (*stand_in)[key] = v;
      }
      (*stand_in)["jobs"] = json::object({{name, step}});
      valijson::adapters::NlohmannJsonAdapter target(*stand_in);
      valijson::ValidationResults results;
      try {
        // The top level may fail on its own (the first run reported it): only the errors under
        // the step are its own.
        if (!validator.validate(*conditions, target, &results)) {
          for (const auto& e : results) {
            std::string ptr = context_pointer(e.context);
            if (ptr != base && ptr.rfind(base + "/", 0) != 0) continue;
            failed.insert(std::move(ptr));
            step_failed = true;
          }
        }
      } catch (const std::exception&) {
      }
    }
    if (step_failed) failed.insert(base);
  }
}

}  // namespace

std::optional<ValijsonFailures> valijson_failures(FileKind kind, const json& value) {
  const valijson::Schema* schema = compiled_schema(kind);
  if (!schema) return std::nullopt;
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  ValijsonFailures out;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(value);
  try {
    // One run that keeps its errors. Our schemas have no anyOf/oneOf, so on a valid file it does
    // the work of a run without results (measured), and an invalid file is not walked twice.
    if (validator.validate(*schema, target, &results)) return out;
    out.valid = false;
  } catch (const std::exception&) {
    out.valid = false;
    out.threw = true;  // valijson throws on some constraints; let the walker judge alone
  }
  for (const auto& e : results) {
    out.errors.emplace_back(context_pointer(e.context), e.description);
    out.pointers.insert(out.errors.back().first);
  }
  add_step_failures(kind, value, out.pointers);
  return out;
}

}  // namespace amllint
