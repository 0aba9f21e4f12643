// The step graph of a pipeline job or pipeline component, for `amllint graph` and the editor's
// picture: its inputs and outputs, its steps with what they run, and the bindings between them.
// Built read-only from the JobModel and the file's diagnostics, so that the picture shows the
// same edges the rules judge (a cycle here is the cycle `pipeline-cycle` reports).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analyze.h"

namespace amllint {

struct GraphNode {
  enum class Kind { Input, Output, Step };
  Kind kind = Kind::Step;
  std::string name;
  std::string type;       // a step's type (command, pipeline, sweep, ...) or a port's type
  std::string component;  // steps: what the step runs ("./train.yml", "azureml:train:1", ...)
  std::string value;      // inputs: a literal value or the declared default
  size_t errors = 0, warnings = 0;  // diagnostics inside the step's (or port's) declaration
  bool in_cycle = false;
  uint32_t line = 0;  // 1-based line of the declaration
};

struct GraphEdge {
  size_t from = 0, to = 0;  // indices into PipelineGraph::nodes
  std::string from_port;    // the output (or pipeline input) the value comes from
  std::string to_port;      // the input, output or field of the target it lands in
  bool control = false;     // a control-flow step naming another step (if_else blocks)
  bool in_cycle = false;
};

struct PipelineGraph {
  FileKind kind = FileKind::NotAzureMl;
  std::string title;  // display_name, else name, else empty
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  bool has_cycle = false;
  size_t file_errors = 0;  // errors anywhere in the file (also outside steps)
};

// The graph of an analysed pipeline job or pipeline component; nullopt for other kinds.
std::optional<PipelineGraph> build_pipeline_graph(const Document& doc, const Analysis& analysis);

// Mermaid flowchart text (https://mermaid.js.org/syntax/flowchart.html).
std::string render_mermaid(const PipelineGraph& graph);
// Graphviz DOT text.
std::string render_dot(const PipelineGraph& graph);

}  // namespace amllint
