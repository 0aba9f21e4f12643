// The graph model behind `amllint graph`: edges that the golden files in tests/cli/graph/ do not
// show (control flow, self loops, input groups), and that other kinds have no graph.
#include "model/pipeline_graph.h"

#include <gtest/gtest.h>

#include "test_support.h"

using namespace amllint;

namespace {

const std::string kHead =
    "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
    "type: pipeline\n";

PipelineGraph graph_of(const std::string& body) {
  auto linted = amllint::testing::lint_text(kHead + body);
  auto g = build_pipeline_graph(linted.doc, linted.analysis);
  EXPECT_TRUE(g.has_value());
  return g.value_or(PipelineGraph{});
}

const GraphNode& node(const PipelineGraph& g, const std::string& name) {
  for (const GraphNode& n : g.nodes)
    if (n.name == name) return n;
  ADD_FAILURE() << "no node " << name;
  static GraphNode none;
  return none;
}

}  // namespace

TEST(PipelineGraph, ControlFlowStepsGetDashedEdgesToTheStepsTheyName) {
  PipelineGraph g = graph_of(
      "jobs:\n"
      "  check:\n    command: echo ${{outputs.ok}}\n    environment: azureml:e:1\n"
      "    outputs:\n      ok:\n        type: boolean\n        is_control: true\n"
      "  yes:\n    command: echo yes\n    environment: azureml:e:1\n"
      "  branch:\n    type: if_else\n    condition: ${{parent.jobs.check.outputs.ok}}\n"
      "    true_block: ${{parent.jobs.yes}}\n");
  ASSERT_EQ(g.edges.size(), 2u);
  const GraphEdge& data = g.edges[0];
  EXPECT_EQ(g.nodes[data.from].name, "check");
  EXPECT_EQ(g.nodes[data.to].name, "branch");
  EXPECT_EQ(data.from_port, "ok");
  EXPECT_EQ(data.to_port, "condition");
  EXPECT_FALSE(data.control);
  const GraphEdge& control = g.edges[1];
  EXPECT_EQ(g.nodes[control.from].name, "branch");
  EXPECT_EQ(g.nodes[control.to].name, "yes");
  EXPECT_TRUE(control.control);
  EXPECT_EQ(control.to_port, "true_block");
  EXPECT_FALSE(g.has_cycle);
  std::string mermaid = render_mermaid(g);
  EXPECT_NE(mermaid.find("s2 -.->|\"true_block\"| s1"), std::string::npos) << mermaid;
  EXPECT_NE(render_dot(g).find("s2 -> s1 [label=\"true_block\", style=dashed];"),
            std::string::npos);
}

TEST(PipelineGraph, AStepReadingItsOwnOutputIsACycleOfOne) {
  PipelineGraph g = graph_of(
      "jobs:\n"
      "  a:\n    command: echo ${{inputs.x}}\n    environment: azureml:e:1\n"
      "    inputs:\n      x: ${{parent.jobs.a.outputs.y}}\n    outputs:\n      y:\n"
      "  b:\n    command: echo ${{inputs.x}}\n    environment: azureml:e:1\n"
      "    inputs:\n      x: ${{parent.jobs.a.outputs.y}}\n");
  EXPECT_TRUE(g.has_cycle);
  EXPECT_TRUE(node(g, "a").in_cycle);
  EXPECT_FALSE(node(g, "b").in_cycle);
  EXPECT_GE(node(g, "a").errors, 1u);  // pipeline-cycle
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_TRUE(g.edges[0].in_cycle);
  EXPECT_FALSE(g.edges[1].in_cycle);
}

TEST(PipelineGraph, InputGroupsAndRepeatedBindingsDrawOneEdgeFromTheGroup) {
  PipelineGraph g = graph_of(
      "inputs:\n  group:\n    type: uri_folder\n"
      "jobs:\n"
      "  a:\n    command: echo ${{inputs.x}}\n    environment: azureml:e:1\n"
      "    inputs:\n      x: ${{parent.inputs.group.sub}}\n"
      "    environment_variables:\n"
      "      A: ${{parent.inputs.group}}-${{parent.inputs.group}}\n");
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_EQ(g.edges[0].from_port, "group.sub");
  EXPECT_EQ(g.edges[0].to_port, "x");
  EXPECT_EQ(g.edges[1].to_port, "environment_variables.A");
  EXPECT_EQ(g.nodes[g.edges[0].from].kind, GraphNode::Kind::Input);
}

TEST(PipelineGraph, OnlyPipelinesHaveAGraph) {
  auto linted = amllint::testing::lint_text(
      "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
      "command: echo hi\nenvironment: azureml:e:1\n");
  EXPECT_FALSE(build_pipeline_graph(linted.doc, linted.analysis).has_value());
}
