// What a job or component file declares and references: its inputs and outputs, a sweep's
// search space, a pipeline's steps and the components they run, and every binding expression
// with its range in the file and the scope it resolves in (FACTS.md §4).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze.h"
#include "model/expressions.h"
#include "syntax/document.h"
#include "syntax/yaml_tree.h"

namespace amllint {

class Environment;
struct JobModel;

struct Port {
  std::string name;
  const yaml::Node* key = nullptr;    // the port's name in the file
  const yaml::Node* value = nullptr;  // its declaration or value (null when empty)
  std::string type;          // declared `type`; for a literal job input the literal's type;
                             // empty when unknown (e.g. the value is a binding)
  std::string mode;          // declared `mode`, if any
  bool optional = false;     // `optional: true`
  bool has_default = false;  // `default:` given
  bool is_literal = false;   // a plain value (`epochs: 10`), not a declaration or a binding
};

// Where the names of a binding are looked up.
enum class BindingScope {
  Own,     // the ports of the file (or of the inline step/component) it appears in
  Parent,  // a pipeline step's inputs/outputs/compute: the pipeline's ports and steps
};

struct BoundExpression {
  Binding binding;                     // every range is a byte range of the file
  const yaml::Node* scalar = nullptr;  // the string value that holds it
  BindingScope scope = BindingScope::Own;
  const JobModel* owner = nullptr;  // the model whose ports `Own` bindings name
  // The pipeline step it appears in, or -1: an index into the steps of the pipeline that holds
  // the step (the file, or an inline pipeline component; `owner` when the scope is Parent).
  int step = -1;
  std::string pointer;  // JSON pointer of the value, e.g. /jobs/train/inputs/x
};

struct LoadedFile;

struct Step {
  std::string name;
  const yaml::Node* key = nullptr;
  const yaml::Node* node = nullptr;
  std::string type;                       // declared, or "command" when only `component:` is set
  const yaml::Node* component = nullptr;  // the `component:` value
  std::string component_path;             // absolute path of a local component file
  std::shared_ptr<const LoadedFile> component_file;  // loaded local component
  std::shared_ptr<const JobModel> inline_model;      // an inline component, or an inline command
  std::vector<Port> inputs, outputs;                 // as bound in the step
  // section_complete() of the step's `inputs:`/`outputs:`, read once: every binding that names
  // a port of the step asks it.
  bool inputs_complete = false, outputs_complete = false;

  // The ports the step's component declares, when they are known (local, inline or a command
  // written in the step); null for registry and workspace components.
  const JobModel* ports() const;
};

struct JobModel {
  FileKind kind = FileKind::NotAzureMl;
  const yaml::Node* root = nullptr;
  std::vector<Port> inputs, outputs;
  std::vector<Port> search_space;  // sweep jobs: the parameters
  // section_complete() of `inputs:`/`outputs:`/`search_space:` under `root`, read once: every
  // binding that names a port asks it, and a section of a hundred ports is a hundred checks.
  bool inputs_complete = false, outputs_complete = false, search_space_complete = false;
  std::vector<Step> steps;  // pipelines
  std::vector<BoundExpression> bindings;
  std::string base_dir;  // folder relative paths resolve from

  const Port* input(std::string_view name) const;
  const Port* output(std::string_view name) const;
  const Port* parameter(std::string_view name) const;
  const Step* step(std::string_view name) const;
};

// A file read through the Environment, analysed once and shared.
struct LoadedFile {
  std::string path;
  Document doc;
  yaml::Tree tree;
  FileKind kind = FileKind::NotAzureMl;
  std::shared_ptr<const JobModel> model;
};

// What a model build may take from the previous model of the same file instead of reading a
// step of the top-level `jobs:` again (incremental/model_reuse.h). Indexes are those of the
// pairs of `jobs:`.
class StepReuse {
 public:
  virtual ~StepReuse() = default;
  // The previous model's step for pair `index`, moved into the new tree; nullopt: read it.
  virtual std::optional<Step> step(size_t index, const JobModel& model) = 0;
  // Appends the previous model's bindings of pair `index` (whose step() was taken), moved into
  // the new tree.
  virtual void bindings(size_t index, std::vector<BoundExpression>& out) = 0;
};

// Builds the model of `root`. `path` is the file's path (relative paths resolve from its folder);
// referenced component files are loaded through `env` (which caches them). `reuse` may supply
// the top-level steps.
std::shared_ptr<const JobModel> build_job_model(const Document& doc, const yaml::Node* root,
                                                FileKind kind, const std::string& path,
                                                Environment& env, StepReuse* reuse = nullptr);

// Maps offsets of a scalar's decoded value to offsets of the file. `out` receives, for each
// value byte and one past the end, the file offset it came from.
std::vector<uint32_t> value_to_file_offsets(const Document& doc, const yaml::Node& scalar);

}  // namespace amllint
