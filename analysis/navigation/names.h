// The names a file declares (inputs, outputs, search-space parameters, pipeline steps) and every
// place in it that names one: the declaration's key, a `${{ }}` binding, or a step's port key
// that binds the component's port. Definition, references, rename and hover read this, and it
// resolves bindings through `lookup_for` (model/binding_scope.h), the lookup the
// undefined-reference rules use, so the editor and the linter agree on what a name means.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze.h"
#include "diagnostic.h"

namespace amllint {
class Document;
struct JobModel;
}  // namespace amllint

namespace amllint::nav {

// A declared name. `model` is the model whose ports these are (the file, an inline component, an
// inline command step, or a component file a step loads), or the pipeline whose step it is.
struct Name {
  enum class Kind { Input, Output, Parameter, Step };
  Kind kind = Kind::Input;
  const JobModel* model = nullptr;
  std::string text;
  friend bool operator==(const Name&, const Name&) = default;
};

// "input", "output", "search-space parameter", "step".
const char* kind_word(Name::Kind kind);

struct NameUse {
  enum class Role {
    Declaration,  // the key that declares it
    Binding,      // a segment of a `${{ }}` expression
    StepPort,     // a step's `inputs:`/`outputs:` key, binding its component's port
  };
  Name name;
  TextRange range;  // exactly the name's characters
  Role role = Role::Binding;
};

// Every use of every name in the analysed document, ordered by offset.
std::vector<NameUse> name_uses(const Analysis& analysis);

// The use under `offset`; the offset just past a name still counts, as editors place the cursor
// there after typing it. Elsewhere in a binding it is the last name the binding mentions.
std::optional<NameUse> name_at(const Analysis& analysis, uint32_t offset);

// The uses of `name` in the document, ordered by offset.
std::vector<NameUse> uses_of(const Analysis& analysis, const Name& name);

// Where `name` is declared: the name's characters in the analysed document (`path` empty,
// `doc` null) or in the component file a step loads (`path`, and `doc` its text).
struct Declaration {
  TextRange range;
  std::string path;
  const Document* doc = nullptr;
};
std::optional<Declaration> declaration_of(const Analysis& analysis, const Name& name);

// Whether `model` declares a name of `kind` spelt `text`.
bool declares(const JobModel& model, Name::Kind kind, const std::string& text);

// `name` as the analysis of the file that declares it knows it (a port of a component file is a
// port of that file's root model); nullopt when that file no longer declares it.
std::optional<Name> as_declared_in(const Analysis& home, const Name& name);

// Whether the ports of the analysed file's root model are bound by name from pipelines that run
// it (the file is a component).
bool is_component(const Analysis& analysis);
bool is_root_model(const Analysis& analysis, const Name& name);

// The uses, in the analysed document, of port `port` (Input or Output) of the component file at
// `component_path`: the step port keys and `${{parent.jobs.<s>.outputs.<o>}}` segments of steps
// that run it.
std::vector<NameUse> component_port_uses(const Analysis& analysis,
                                         const std::string& component_path, Name::Kind kind,
                                         const std::string& port);

// Names Azure ML accepts for inputs, outputs and steps: ^[A-Za-z_][A-Za-z0-9_]*$.
bool valid_name(std::string_view name);

}  // namespace amllint::nav
