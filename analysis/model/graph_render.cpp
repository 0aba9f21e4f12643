// Mermaid and DOT text for a PipelineGraph. Node ids are generated (in0, s0, out0) so that no
// step name, however odd, can break the syntax; names only ever appear inside quoted labels.
#include <fmt/format.h>

#include "model/pipeline_graph.h"

namespace amllint {
namespace {

std::string node_id(const PipelineGraph& g, size_t index) {
  size_t inputs = 0, steps = 0, outputs = 0;
  for (size_t i = 0; i < index; ++i) {
    switch (g.nodes[i].kind) {
      case GraphNode::Kind::Input: ++inputs; break;
      case GraphNode::Kind::Step: ++steps; break;
      case GraphNode::Kind::Output: ++outputs; break;
    }
  }
  switch (g.nodes[index].kind) {
    case GraphNode::Kind::Input: return "in" + std::to_string(inputs);
    case GraphNode::Kind::Step: return "s" + std::to_string(steps);
    case GraphNode::Kind::Output: return "out" + std::to_string(outputs);
  }
  return "n" + std::to_string(index);
}

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// The lines of a node's label, plain text.
std::vector<std::string> label_lines(const GraphNode& n) {
  std::vector<std::string> lines{n.name};
  if (n.kind == GraphNode::Kind::Step) {
    std::string detail = n.type;
    if (!n.component.empty()) detail += (detail.empty() ? "" : " · ") + n.component;
    if (!detail.empty()) lines.push_back(detail);
    if (n.errors) lines.push_back("✖ " + plural(n.errors, "error"));
    if (n.in_cycle) lines.push_back("⟳ in a cycle");
  } else {
    std::string detail = n.type;
    if (!n.value.empty()) detail += (detail.empty() ? "= " : " = ") + n.value;
    if (!detail.empty()) lines.push_back(detail);
  }
  return lines;
}

std::string edge_label(const GraphEdge& e) {
  if (e.control) return e.to_port;
  if (e.from_port.empty() || e.from_port == e.to_port) return e.to_port;
  if (e.to_port.empty()) return e.from_port;
  return e.from_port + " → " + e.to_port;
}

std::string kind_title(const PipelineGraph& g) {
  std::string t = file_kind_name(g.kind);
  if (!g.title.empty()) t += ": " + g.title;
  return t;
}

// Inside a Mermaid "quoted label": quotes and markup characters as entity codes.
std::string mermaid_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '\n':
      case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

std::string mermaid_label(const GraphNode& n) {
  std::string out;
  std::vector<std::string> lines = label_lines(n);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += "<br/>";
    out += i == 0 ? "<b>" + mermaid_text(lines[i]) + "</b>" : mermaid_text(lines[i]);
  }
  return out;
}

std::string dot_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

std::string dot_label(const GraphNode& n) {
  std::string out;
  for (const std::string& line : label_lines(n)) out += (out.empty() ? "" : "\\n") + dot_text(line);
  return out;
}

}  // namespace

std::string render_mermaid(const PipelineGraph& g) {
  std::string out = "flowchart LR\n";
  out += "  %% " + mermaid_text(kind_title(g)) + "\n";
  auto nodes_of = [&](GraphNode::Kind kind, std::string_view open, std::string_view close) {
    std::string text;
    for (size_t i = 0; i < g.nodes.size(); ++i)
      if (g.nodes[i].kind == kind)
        text += fmt::format("    {}{}\"{}\"{}\n", node_id(g, i), open, mermaid_label(g.nodes[i]),
                            close);
    return text;
  };
  if (std::string in = nodes_of(GraphNode::Kind::Input, "[/", "/]"); !in.empty())
    out += "  subgraph pipeline_inputs [\"inputs\"]\n    direction TB\n" + in + "  end\n";
  for (size_t i = 0; i < g.nodes.size(); ++i)
    if (g.nodes[i].kind == GraphNode::Kind::Step)
      out += fmt::format("  {}[\"{}\"]\n", node_id(g, i), mermaid_label(g.nodes[i]));
  if (std::string o = nodes_of(GraphNode::Kind::Output, "[\\", "\\]"); !o.empty())
    out += "  subgraph pipeline_outputs [\"outputs\"]\n    direction TB\n" + o + "  end\n";

  std::vector<size_t> cycle_links;
  for (size_t i = 0; i < g.edges.size(); ++i) {
    const GraphEdge& e = g.edges[i];
    std::string label = mermaid_text(edge_label(e));
    std::string arrow = e.control ? "-.->" : e.in_cycle ? "==>" : "-->";
    out += fmt::format("  {} {}", node_id(g, e.from), arrow);
    if (!label.empty()) out += fmt::format("|\"{}\"|", label);
    out += " " + node_id(g, e.to) + "\n";
    if (e.in_cycle) cycle_links.push_back(i);
  }

  std::string errors, cycles;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (g.nodes[i].errors) errors += (errors.empty() ? "" : ",") + node_id(g, i);
    if (g.nodes[i].in_cycle) cycles += (cycles.empty() ? "" : ",") + node_id(g, i);
  }
  // The error fill is applied last so that a step in a cycle with errors shows both.
  if (!cycles.empty())
    out += "  classDef cycle stroke:#e65100,stroke-width:3px,stroke-dasharray:6 3\n  class " +
           cycles + " cycle\n";
  if (!errors.empty())
    out += "  classDef error fill:#fde2e2,stroke:#c62828,stroke-width:2px\n  class " + errors +
           " error\n";
  if (!cycle_links.empty()) {
    std::string list;
    for (size_t i : cycle_links) list += (list.empty() ? "" : ",") + std::to_string(i);
    out += "  linkStyle " + list + " stroke:#e65100,stroke-width:3px\n";
  }
  return out;
}

std::string render_dot(const PipelineGraph& g) {
  std::string out = "digraph pipeline {\n";
  out += "  label=\"" + dot_text(kind_title(g)) + "\";\n  labelloc=t;\n  rankdir=LR;\n";
  out += "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  auto cluster = [&](GraphNode::Kind kind, std::string_view name, std::string_view shape) {
    std::string text;
    for (size_t i = 0; i < g.nodes.size(); ++i)
      if (g.nodes[i].kind == kind)
        text += fmt::format("    {} [label=\"{}\", shape={}];\n", node_id(g, i),
                            dot_label(g.nodes[i]), shape);
    if (text.empty()) return std::string();
    return fmt::format(
        "  subgraph cluster_{0} {{\n    label=\"{0}\";\n    style=dashed;\n{1}  }}\n", name, text);
  };
  out += cluster(GraphNode::Kind::Input, "inputs", "parallelogram");
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const GraphNode& n = g.nodes[i];
    if (n.kind != GraphNode::Kind::Step) continue;
    std::string attrs = "label=\"" + dot_label(n) + "\"";
    if (n.errors)
      attrs += ", style=\"rounded,filled\", fillcolor=\"#fde2e2\", color=\"#c62828\"";
    else if (n.in_cycle)
      attrs += ", color=\"#e65100\"";
    if (n.errors || n.in_cycle) attrs += ", penwidth=2";
    out += fmt::format("  {} [{}];\n", node_id(g, i), attrs);
  }
  out += cluster(GraphNode::Kind::Output, "outputs", "invhouse");
  for (const GraphEdge& e : g.edges) {
    std::string attrs;
    if (std::string label = edge_label(e); !label.empty())
      attrs = "label=\"" + dot_text(label) + "\"";
    if (e.control) attrs += std::string(attrs.empty() ? "" : ", ") + "style=dashed";
    if (e.in_cycle)
      attrs += std::string(attrs.empty() ? "" : ", ") + "color=\"#e65100\", penwidth=3";
    out += fmt::format("  {} -> {}", node_id(g, e.from), node_id(g, e.to));
    if (!attrs.empty()) out += " [" + attrs + "]";
    out += ";\n";
  }
  out += "}\n";
  return out;
}

}  // namespace amllint
