// Where the names of a binding are looked up (FACTS.md §4), shared by the rules that check
// references, unused inputs and the edges of a pipeline, and by the editor's navigation
// (definition, references, rename) so that both agree on what a name means. A name is only ever
// judged against a list of ports that is fully visible in the file: a registry component's ports,
// or a section that is not a plain mapping, make the lookup unknown and the rules stay silent.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/job_model.h"

namespace amllint {

// A list of declared ports; `ports` is null when they are not known.
struct PortList {
  const std::vector<Port>* ports = nullptr;
  bool complete = false;  // every declaration could be read
  bool known() const { return ports && complete; }
  const Port* find(std::string_view name) const;
  std::vector<std::string> names() const;
};

// Whether a `inputs:`/`outputs:`/`search_space:` section can be read in full: absent, empty or a
// mapping whose keys are all plain names.
bool section_complete(const yaml::Node* holder, std::string_view key);

// The ports a step runs with: its component file's or inline component's declarations, or, for a
// step written inline without `component:` (command, parallel, spark), its own inputs and
// outputs. Unknown for registry/workspace components, sweeps, AutoML and control-flow steps.
struct StepPorts {
  PortList inputs, outputs;
};
StepPorts step_ports(const Step& step);

enum class LookupKind { None, Inputs, Outputs, SearchSpace, Steps };

// What a binding's name is resolved against.
struct Lookup {
  LookupKind kind = LookupKind::None;
  PortList ports;                      // Inputs, Outputs, SearchSpace
  const JobModel* model = nullptr;     // the model whose ports these are (when it is a model)
  const JobModel* pipeline = nullptr;  // Steps: the pipeline whose steps are named
  // For messages: "this job", "the pipeline", "step `a`". Made on demand: rules look up every
  // binding of a file and report a few.
  std::string where() const;
  std::string_view where_text;
  const Step* where_step = nullptr;  // when set, where() names it
};
Lookup lookup_for(const BoundExpression& e);

// The first segment of the looked-up name (`group` of `inputs.group.x`) and its file range.
const BindingSegment* name_segment(const Binding& b);

// The step a Parent-scope binding sits in, or null.
const Step* step_of(const BoundExpression& e);

// Steps by name, for a rule that looks up the step of every binding: JobModel::step scans the
// steps, and a scan per binding is quadratic in the length of a pipeline. Each pipeline is
// indexed on first use; the first step of a name wins, as in JobModel::step.
class StepIndex {
 public:
  const Step* find(const JobModel& pipeline, std::string_view name);

 private:
  std::unordered_map<const JobModel*, std::unordered_map<std::string_view, const Step*>> steps_;
};

}  // namespace amllint
