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
#include "validation/enum_case.h"
#include "validation/schema_documents.h"

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
    const json* defs = schema_document("definitions.json");
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
    const json* doc = schema_document(schema_document_name(uri));
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
      ptr += "/" + escape_pointer_token(std::string_view(part).substr(1, part.size() - 2));
  }
  return ptr;
}

// Whether valijson checks a step called `name` against the step schema: the names of the
// `patternProperties` of definitions.json's `jobs` (a name they reject is flagged on `jobs`).
bool checked_as_step(const std::string& name) {
  static const std::vector<std::regex> patterns = [] {
    std::vector<std::regex> out;
    const json* defs = schema_document("definitions.json");
    const json* pats = nullptr;
    try {
      pats = &defs->at(json::json_pointer("/definitions/jobs/patternProperties"));
    } catch (const std::exception&) {
      return out;
    }
    for (const auto& [pattern, _] : pats->items()) {
      try {
        out.emplace_back(pattern);
      } catch (const std::regex_error&) {
        return std::vector<std::regex>{};
      }
    }
    return out;
  }();
  if (patterns.empty()) return false;
  return std::all_of(patterns.begin(), patterns.end(),
                     [&](const std::regex& r) { return std::regex_search(name, r); });
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
// (The whole schema on each stand-in would do the same, at 3.4 times the cost on an invalid
// pipeline: valijson compiles the regex of `jobs`' patternProperties anew on every run.)
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
      valijson::adapters::NlohmannJsonAdapter target(step);
      if (!validator.validate(*step_schema, target, nullptr)) {
        valijson::ValidationResults results;
        validator.validate(*step_schema, target, &results);
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
        if (!validator.validate(*conditions, target, nullptr)) {
          validator.validate(*conditions, target, &results);
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
