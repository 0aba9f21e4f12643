// The names a file declares (inputs, outputs, search-space parameters, pipeline steps) and every
// place in it that names one: the declaration's key, a `${{ }}` binding, or a step's port key
// that binds the component's port. Definition, references and rename all read this, and it
// resolves bindings through the same lookup as the undefined-reference rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagnostic.h"

namespace amllint {
class Document;
struct Analysis;
struct JobModel;
struct LoadedFile;
namespace yaml {
struct Node;
}
}  // namespace amllint

namespace amlls {

// A declared name. `model` is the model whose ports these are (the file, an inline component, an
// inline command step, or a component file a step loads), or the pipeline whose step it is.
struct Name {
  enum class Kind { Input, Output, Parameter, Step };
  Kind kind = Kind::Input;
  const amllint::JobModel* model = nullptr;
  std::string text;
  friend bool operator==(const Name&, const Name&) = default;
};

struct NameUse {
  enum class Role {
    Declaration,  // the key that declares it
    Binding,      // a segment of a `${{ }}` expression
    StepPort,     // a step's `inputs:`/`outputs:` key, binding its component's port
  };
  Name name;
  amllint::TextRange range;  // exactly the name's characters
  Role role = Role::Binding;
};

// Every use of every name in the analysed document, ordered by offset.
std::vector<NameUse> name_uses(const amllint::Analysis& analysis);

// The use under `offset`; the offset just past a name still counts, as editors place the cursor
// there after typing it.
std::optional<NameUse> name_at(const amllint::Analysis& analysis, uint32_t offset);

// The uses of `name` in the document, ordered by offset.
std::vector<NameUse> uses_of(const amllint::Analysis& analysis, const Name& name);

// Where `name` is declared. `file` is null for the analysed document, else the component file a
// step loads (its own Document holds the ranges of `key`).
struct Declaration {
  const amllint::yaml::Node* key = nullptr;
  const amllint::LoadedFile* file = nullptr;
};
std::optional<Declaration> declaration_of(const amllint::Analysis& analysis, const Name& name);

// The uses, in the analysed document, of port `port` (Input or Output) of the component file at
// `component_path`: the step port keys and `${{parent.jobs.<s>.outputs.<o>}}` segments of steps
// that run it.
std::vector<NameUse> component_port_uses(const amllint::Analysis& analysis,
                                         const std::string& component_path, Name::Kind kind,
                                         const std::string& port);

// A key's characters without its quotes.
amllint::TextRange key_text_range(const amllint::yaml::Node& key);

}  // namespace amlls
