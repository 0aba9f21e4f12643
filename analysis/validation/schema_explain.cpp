#include "validation/schema_explain.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "suggest.h"
#include "validation/enum_case.h"
#include "validation/schema_documents.h"
#include "validation/schema_leniency.h"
#include "validation/schema_messages.h"
#include "validation/schema_node_facts.h"
#include "validation/schema_walk.h"

namespace amllint {
namespace {

using json = nlohmann::json;

// The explaining walker: the schema walker's fragments for each value, checked constraint by
// constraint in the order that gives the most useful message first.
class Explainer {
 public:
  Explainer(FileKind kind, const JsonView& view, const std::set<std::string>* flagged)
      : kind_(kind), view_(view), flagged_(flagged) {}

  std::vector<SchemaFinding> run(const Frag& root) {
    if (!reaches_flagged("")) return {};
    std::string description;
    check(resolve({root}, view_.value, &description), view_.value, "", kind_noun(kind_));
    return std::move(findings_);
  }

 private:
  // Whether a finding made at `ptr` now would be kept: valijson flagged where it is filed.
  bool kept_here(const std::string& ptr) const {
    return !flagged_ || flagged_->count(flagged_ancestor_.empty() ? ptr : flagged_ancestor_);
  }

  // Whether anything found at or under `ptr` could be kept: valijson flagged `ptr` or a pointer
  // under it (or, inside a key it could not enter, the mapping of that key). Everything else is
  // valid as far as valijson is concerned, and the walker skips it.
  bool reaches_flagged(const std::string& ptr) const {
    if (!flagged_ || !flagged_ancestor_.empty()) return kept_here(ptr);
    if (flagged_->count(ptr)) return true;
    std::string prefix = ptr + "/";
    auto it = flagged_->lower_bound(prefix);
    return it != flagged_->end() && it->compare(0, prefix.size(), prefix) == 0;
  }

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
    // Words for messages only, so made only for one.
    auto name = [&] { return ptr.empty() ? std::string("the file") : "`" + last_token(ptr) + "`"; };
    for (const auto& f : frags) {
      const json& s = *f.s;
      const json* type = node_facts(f).type;
      if (type && !types_match(*type, v)) {
        auto expected = s.find("x-expected");
        std::string want =
            expected != s.end() ? expected->get<std::string>() : expected_types(*type);
        add(ptr, value_range(view_, ptr), "invalid-type",
            "expected " + want + " for " + name() + ", got " + value_phrase(v));
        return false;
      }
    }
    for (const auto& f : frags) {
      const json& s = *f.s;
      const NodeFacts& facts = node_facts(f);
      std::string_view how = facts.x_case;
      bool bad_enum = facts.enum_values && !in_enum(*facts.enum_values, v, how);
      bool bad_const = facts.const_value && !is_const(*facts.const_value, v, how);
      if (!bad_enum && !bad_const) continue;
      const std::vector<std::string>& allowed = bad_enum ? facts.enum_allowed : facts.const_allowed;
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
        add(ptr, value_range(view_, ptr), "invalid-enum", unsupported_type_message(kind_, v, guess),
            std::move(fixes));
        return false;
      }
      std::string message;
      auto expected = s.find("x-expected");
      bool typed = expected != s.end() && expected->is_string();
      if (typed) {
        message = "expected " + expected->get<std::string>() + " for " + name() + ", got `" +
                  short_text(v) + "`";
      } else {
        message = "`" + short_text(v) + "` is not a valid value for " + name() + "; expected " +
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
                                  ? "expected " + expected->get<std::string>() + " for " + name() +
                                        ", got the string `" + short_text(v) + "`"
                                  : "`" + short_text(v) + "` is not a valid value for " + name();
        append_hint(s, message, &v);
        add(ptr, value_range(view_, ptr),
            code_of(s, expected != s.end() ? "invalid-type" : "schema"), std::move(message), {},
            severity_of(s));
        return false;
      }
    }
    return true;
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
    if (!reaches_flagged(ptr)) return;
    std::string description;
    auto frags = resolve(subs, v, &description);
    std::string noun;
    for (const auto& f : frags)
      if (noun = node_facts(f).noun; !noun.empty()) break;
    if (noun.empty()) noun = "`" + last_token(ptr) + "`";
    check(frags, v, ptr, noun);
  }

  void check_object(const std::vector<Frag>& frags, const json& v, const std::string& ptr,
                    const std::string& noun) {
    // A misspelt required key is one mistake: report the unknown key and its suggestion only.
    // Where the SDK drops unknown keys (components, pipeline steps) the file is rejected for the
    // missing key alone, so that error is reported too, naming the key that was dropped.
    // Findings on this mapping itself (missing and unknown keys) count only where valijson
    // flagged it; its flagged children are checked either way.
    bool here = kept_here(ptr);
    if (here) check_required(frags, v, ptr, noun);
    for (const auto& [key, child] : v.items()) {
      std::string child_ptr = child_pointer(ptr, key);
      if (!here && !reaches_flagged(child_ptr)) continue;
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

  // Reports the required keys of `frags` that mapping `v` lacks.
  void check_required(const std::vector<Frag>& frags, const json& v, const std::string& ptr,
                      const std::string& noun) {
    std::set<std::string> reported_missing;
    std::map<std::string, std::string> dropped_for;  // missing key -> the unknown key near it
    std::optional<std::vector<std::string>> names;   // every property of `frags`, once needed
    for (const auto& [key, _] : v.items()) {
      if (key_allowed(frags, key)) continue;
      if (!names) names = property_names(frags);
      std::string near = closest_name(key, *names);
      if (drops_unknown(kind_, view_, ptr))
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
  }

  static std::vector<std::string> property_names(const std::vector<Frag>& frags) {
    std::vector<std::string> names;
    for (const auto& f : frags) {
      const auto& own = node_facts(f).property_names;
      names.insert(names.end(), own.begin(), own.end());
    }
    return names;
  }

  static bool key_allowed(const std::vector<Frag>& frags, const std::string& key) {
    return std::all_of(frags.begin(), frags.end(),
                       [&](const Frag& f) { return node_facts(f).key_allowed(key); });
  }

  enum class KeyVerdict { Allowed, BadName, Unknown };

  // Reports an unknown key or a badly formed name of the user's choosing.
  KeyVerdict check_key(const std::vector<Frag>& frags, const std::string& key,
                       const std::string& ptr, const std::string& child_ptr,
                       const std::string& noun) {
    auto key_range = [&] {
      std::optional<SourceSpan> span = view_.exact_span(child_ptr);
      return span ? span->key : owner_key_range(view_, ptr);
    };
    for (const auto& f : frags) {
      const NodeFacts& facts = node_facts(f);
      if (!facts.names_pattern || facts.names_pattern->matches(key)) continue;
      const json& names = (*f.s)["propertyNames"];
      auto expected = names.find("x-expected");
      add(ptr, key_range(), "schema",
          "`" + key + "` is not a valid name here; expected " +
              (expected != names.end() ? expected->get<std::string>() : "a different name"));
      return KeyVerdict::BadName;
    }
    for (const auto& f : frags) {
      const json& s = *f.s;
      const NodeFacts& facts = node_facts(f);
      if (facts.key_allowed(key)) continue;
      TextRange range = key_range();
      // Mappings keyed by names of the user's choosing (pipeline steps) say what a name must be.
      if (auto expected = s.find("x-key-expected"); expected != s.end()) {
        add(ptr, range, "schema",
            "`" + key + "` is not a valid name here; expected " + expected->get<std::string>());
        return KeyVerdict::BadName;
      }
      std::string owner = !ptr.empty() && !facts.noun.empty() ? facts.noun : noun;
      std::string message = "`" + key + "` is not a property of " + owner;
      bool dropped = drops_unknown(kind_, view_, ptr);
      if (dropped && !in_step(ptr)) message += " (`az ml` ignores it)";
      std::vector<Fix> fixes;
      std::string guess = closest_name(key, facts.property_names);
      if (!guess.empty()) {
        message += "; did you mean `" + guess + "`?";
        // A guessed key: the value then takes effect under it.
        fixes.push_back({"Rename to `" + guess + "`", {{range, guess}}, Applicability::Unsafe});
      }
      add(ptr, range, "unknown-key", std::move(message), std::move(fixes));
      // Accepted and ignored by the SDK (see drops_unknown): wrong, but not fatal.
      if (dropped) findings_.back().diagnostic.severity = Severity::Warning;
      return KeyVerdict::Unknown;
    }
    return KeyVerdict::Allowed;
  }

  FileKind kind_;
  const JsonView& view_;
  std::vector<SchemaFinding> findings_;
  const std::set<std::string>* flagged_;  // valijson's pointers; null: keep every finding
  std::string flagged_ancestor_;  // set while checking inside a key valijson could not enter
};

}  // namespace

std::vector<SchemaFinding> explain_schema(FileKind kind, const JsonView& view,
                                          const std::set<std::string>* flagged) {
  const char* file = schema_file_name(kind);
  const json* root = file ? schema_document(file) : nullptr;
  if (!root) return {};
  return Explainer(kind, view, flagged).run(Frag{root, file});
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
