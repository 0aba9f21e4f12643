#include "rename.h"

#include <algorithm>

#include "navigation/names.h"

namespace amlls {
namespace {

namespace nav = amllint::nav;
using nav::Name;
using nav::NameUse;
using Kind = Name::Kind;

// The name at the cursor, resolved to the document that declares it.
struct Target {
  NameUse use;                         // what the cursor is on, in `in`
  const FeatureInput* home = nullptr;  // the document holding the declaration
  Name name;                           // the name as `home`'s analysis knows it
};

std::optional<Target> target_at(const FeatureInput& in, lsp::Position position,
                                const std::vector<FeatureInput>& open, RenameRefusal* refusal) {
  auto refuse = [&](std::string message) -> std::optional<Target> {
    if (refusal) *refusal = {lsp::RequestFailed, std::move(message)};
    return std::nullopt;
  };
  if (!in.is_azure_ml()) return std::nullopt;
  auto use = nav::name_at(in.analysis, in.offset(position));
  if (!use) return std::nullopt;  // not on a name: prepareRename answers null
  auto decl = nav::declaration_of(in.analysis, use->name);
  if (!decl) return refuse("`" + use->name.text + "` is not declared where it can be renamed");
  if (!decl->doc) return Target{*use, &in, use->name};
  for (const FeatureInput& other : open) {
    if (other.path != decl->path || !other.analysis.model) continue;
    auto name = nav::as_declared_in(other.analysis, use->name);
    if (!name) return refuse("`" + use->name.text + "` is no longer declared in " + decl->path);
    return Target{*use, &other, *name};
  }
  return refuse("`" + use->name.text + "` is declared in " + decl->path +
                "; open that file to rename it");
}

void add_edits(const FeatureInput& doc, const std::vector<NameUse>& uses,
               const std::string& new_name, lsp::WorkspaceEdit& edit) {
  if (uses.empty()) return;
  auto& list = edit.changes[std::string(doc.uri)];
  for (const NameUse& u : uses) {
    lsp::Range r = doc.range(u.range);
    bool seen =
        std::any_of(list.begin(), list.end(), [&](const lsp::TextEdit& e) { return e.range == r; });
    if (!seen) list.push_back({r, new_name});
  }
}

}  // namespace

std::optional<Renamable> prepare_rename(const FeatureInput& in, lsp::Position position,
                                        const std::vector<FeatureInput>& open_documents,
                                        RenameRefusal* refusal) {
  auto t = target_at(in, position, open_documents, refusal);
  if (!t) return std::nullopt;
  return Renamable{in.range(t->use.range), t->name.text};
}

std::optional<lsp::WorkspaceEdit> rename(const FeatureInput& in, lsp::Position position,
                                         const std::string& new_name,
                                         const std::vector<FeatureInput>& open_documents,
                                         RenameRefusal* refusal) {
  auto t = target_at(in, position, open_documents, refusal);
  if (!t) {
    if (refusal && refusal->message.empty())
      refusal->message = "Only inputs, outputs, search-space parameters and steps can be renamed";
    return std::nullopt;
  }
  const Name& name = t->name;
  if (!nav::valid_name(new_name)) {
    if (refusal)
      *refusal = {lsp::InvalidParams, "`" + new_name + "` is not a valid " +
                                          nav::kind_word(name.kind) +
                                          " name: use letters, digits and `_`, not starting "
                                          "with a digit"};
    return std::nullopt;
  }
  lsp::WorkspaceEdit edit;
  if (new_name == name.text) return edit;
  if (nav::declares(*name.model, name.kind, new_name)) {
    if (refusal)
      *refusal = {lsp::RequestFailed, std::string("There is already a ") +
                                          nav::kind_word(name.kind) + " `" + new_name + "`"};
    return std::nullopt;
  }
  const FeatureInput& home = *t->home;
  add_edits(home, nav::uses_of(home.analysis, name), new_name, edit);
  // A component's own port: pipelines open beside it bind it by name in their steps.
  const bool component_port = (name.kind == Kind::Input || name.kind == Kind::Output) &&
                              nav::is_root_model(home.analysis, name) &&
                              nav::is_component(home.analysis) && !home.path.empty();
  if (component_port) {
    std::vector<const FeatureInput*> docs;
    if (&home != &in) docs.push_back(&in);
    for (const FeatureInput& other : open_documents)
      if (&other != &home && other.uri != in.uri) docs.push_back(&other);
    for (const FeatureInput* d : docs)
      add_edits(*d,
                nav::component_port_uses(d->analysis, std::string(home.path), name.kind, name.text),
                new_name, edit);
  }
  return edit;
}

}  // namespace amlls
