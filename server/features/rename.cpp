#include "rename.h"

#include <algorithm>

#include "declared_names.h"
#include "model/job_model.h"

namespace amlls {
namespace {

using Kind = Name::Kind;

const char* kind_word(Kind k) {
  switch (k) {
    case Kind::Input: return "input";
    case Kind::Output: return "output";
    case Kind::Parameter: return "search-space parameter";
    case Kind::Step: return "step";
  }
  return "name";
}

bool declared(const amllint::JobModel& m, Kind kind, const std::string& text) {
  switch (kind) {
    case Kind::Input: return m.input(text) != nullptr;
    case Kind::Output: return m.output(text) != nullptr;
    case Kind::Parameter: return m.parameter(text) != nullptr;
    case Kind::Step: return m.step(text) != nullptr;
  }
  return false;
}

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
  auto use = name_at(in.analysis, in.offset(position));
  if (!use) return std::nullopt;  // not on a name: prepareRename answers null
  auto decl = declaration_of(in.analysis, use->name);
  if (!decl) return refuse("`" + use->name.text + "` is not declared where it can be renamed");
  if (!decl->file) return Target{*use, &in, use->name};
  for (const FeatureInput& other : open) {
    if (other.path != decl->file->path || !other.analysis.model) continue;
    // Ports of a component file are those of its root model.
    const amllint::JobModel* root = other.analysis.model.get();
    if (!declared(*root, use->name.kind, use->name.text))
      return refuse("`" + use->name.text + "` is no longer declared in " + decl->file->path);
    return Target{*use, &other, {use->name.kind, root, use->name.text}};
  }
  return refuse("`" + use->name.text + "` is declared in " + decl->file->path +
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

bool is_component_file(const FeatureInput& doc) {
  switch (doc.analysis.kind) {
    case amllint::FileKind::CommandComponent:
    case amllint::FileKind::PipelineComponent:
    case amllint::FileKind::ParallelComponent:
    case amllint::FileKind::SparkComponent:
    case amllint::FileKind::DataTransferComponent: return true;
    default: return false;
  }
}

}  // namespace

bool valid_name(std::string_view name) {
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (name.empty() || !alpha(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

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
  if (!valid_name(new_name)) {
    if (refusal)
      *refusal = {lsp::InvalidParams, "`" + new_name + "` is not a valid " + kind_word(name.kind) +
                                          " name: use letters, digits and `_`, not starting "
                                          "with a digit"};
    return std::nullopt;
  }
  lsp::WorkspaceEdit edit;
  if (new_name == name.text) return edit;
  if (declared(*name.model, name.kind, new_name)) {
    if (refusal)
      *refusal = {lsp::RequestFailed, std::string("There is already a ") + kind_word(name.kind) +
                                          " `" + new_name + "`"};
    return std::nullopt;
  }
  const FeatureInput& home = *t->home;
  add_edits(home, uses_of(home.analysis, name), new_name, edit);
  // A component's own port: pipelines open beside it bind it by name in their steps.
  const bool component_port = (name.kind == Kind::Input || name.kind == Kind::Output) &&
                              name.model == home.analysis.model.get() && is_component_file(home) &&
                              !home.path.empty();
  if (component_port) {
    std::vector<const FeatureInput*> docs;
    if (&home != &in) docs.push_back(&in);
    for (const FeatureInput& other : open_documents)
      if (&other != &home && other.uri != in.uri) docs.push_back(&other);
    for (const FeatureInput* d : docs)
      add_edits(*d, component_port_uses(d->analysis, std::string(home.path), name.kind, name.text),
                new_name, edit);
  }
  return edit;
}

}  // namespace amlls
