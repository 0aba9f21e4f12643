#include "model/pipeline_graph.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "model/job_model.h"
#include "syntax/json_view.h"
#include "syntax/yaml_tree.h"

namespace amllint {
namespace {

// Where inside its step a binding sits, e.g. ["inputs", "x"] or ["compute"].
std::vector<std::string> field_in_step(const BoundExpression& e) {
  std::vector<std::string> tokens = split_pointer(e.pointer);
  // The file's own pipeline: /jobs/<step>/...
  if (tokens.size() >= 2 && tokens[0] == "jobs") tokens.erase(tokens.begin(), tokens.begin() + 2);
  return tokens;
}

// The port or field a binding fills: `x` for inputs/x, else the dotted field (`compute`).
std::string port_label(const std::vector<std::string>& field) {
  if (field.size() >= 2 && (field[0] == "inputs" || field[0] == "outputs")) return field[1];
  std::string out;
  for (const std::string& t : field) out += (out.empty() ? "" : ".") + t;
  return out;
}

std::string scalar_text(const yaml::Node* n) {
  if (!n || !n->is_scalar()) return {};
  std::string v = n->value.str();
  if (v.size() > 40) v = v.substr(0, 37) + "...";
  return v;
}

std::string component_label(const Step& s) {
  const yaml::Node* c = s.component;
  if (c && c->is_scalar()) {
    // A local file: also the name and version it declares, which is what the job lists show.
    const yaml::Node* root = s.component_file ? s.component_file->tree.root : nullptr;
    if (!root || !root->is_mapping()) return c->value.str();
    std::string name = scalar_text(root->get("name"));
    std::string version = scalar_text(root->get("version"));
    if (name.empty()) return c->value.str();
    return c->value + " (" + name + (version.empty() ? "" : ":" + version) + ")";
  }
  if (c && c->is_mapping()) {
    std::string name = scalar_text(c->get("name"));
    std::string type = scalar_text(c->get("type"));
    std::string label = "inline " + (type.empty() ? std::string("command") : type) + " component";
    return name.empty() ? label : label + " " + name;
  }
  if (s.node && s.node->is_mapping()) {
    if (s.node->get("command")) return "inline";
    if (s.node->get("trial")) return "inline trial";
  }
  return {};
}

std::string step_type(const Step& s) {
  if (!s.type.empty()) return s.type;
  if (s.node && s.node->is_mapping() && s.node->get("command")) return "command";
  return {};
}

GraphNode port_node(GraphNode::Kind kind, const Port& p, const Document& doc) {
  GraphNode n;
  n.kind = kind;
  n.name = p.name;
  n.type = p.type;
  if (p.is_literal) {
    n.value = scalar_text(p.value);
  } else if (p.value && p.value->is_mapping()) {
    n.value = scalar_text(p.value->get("default"));
    if (n.value.empty()) n.value = scalar_text(p.value->get("path"));
  }
  if (p.key) n.line = doc.line_of(p.key->range.begin) + 1;
  return n;
}

// The range a step's diagnostics are counted in: from its key to the end of its body.
TextRange step_extent(const Step& s) {
  uint32_t begin = s.key ? s.key->range.begin : 0;
  uint32_t end = s.node ? std::max(s.node->range.end, begin) : (s.key ? s.key->range.end : 0);
  return {begin, end};
}

// Strongly connected components of the step-to-step data edges (Tarjan): a step is in a cycle
// when its component has more than one step or it reads its own output.
std::vector<int> components(size_t n, const std::vector<std::vector<size_t>>& out) {
  std::vector<int> index(n, -1), low(n, 0), comp(n, -1);
  std::vector<bool> on_stack(n, false);
  std::vector<size_t> stack;
  int counter = 0, comps = 0;
  std::function<void(size_t)> visit = [&](size_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    for (size_t w : out[v]) {
      if (index[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack[w]) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      size_t w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        comp[w] = comps;
      } while (w != v);
      ++comps;
    }
  };
  for (size_t v = 0; v < n; ++v)
    if (index[v] < 0) visit(v);
  return comp;
}

}  // namespace

std::optional<PipelineGraph> build_pipeline_graph(const Document& doc, const Analysis& analysis) {
  if (analysis.kind != FileKind::PipelineJob && analysis.kind != FileKind::PipelineComponent)
    return std::nullopt;
  if (!analysis.model) return std::nullopt;
  const JobModel& m = *analysis.model;
  PipelineGraph g;
  g.kind = analysis.kind;
  if (m.root && m.root->is_mapping()) {
    g.title = scalar_text(m.root->get("display_name"));
    if (g.title.empty()) g.title = scalar_text(m.root->get("name"));
  }

  std::map<std::string, size_t, std::less<>> input_at, output_at;
  for (const Port& p : m.inputs) {
    input_at.emplace(p.name, g.nodes.size());
    g.nodes.push_back(port_node(GraphNode::Kind::Input, p, doc));
  }
  const size_t first_step = g.nodes.size();
  for (const Step& s : m.steps) {
    GraphNode n;
    n.kind = GraphNode::Kind::Step;
    n.name = s.name;
    n.type = step_type(s);
    n.component = component_label(s);
    if (s.key) n.line = doc.line_of(s.key->range.begin) + 1;
    g.nodes.push_back(std::move(n));
  }
  for (const Port& p : m.outputs) {
    output_at.emplace(p.name, g.nodes.size());
    g.nodes.push_back(port_node(GraphNode::Kind::Output, p, doc));
  }

  // Diagnostics land on the step whose declaration holds them.
  for (const Diagnostic& d : analysis.diagnostics) {
    if (d.severity == Severity::Error) ++g.file_errors;
    for (size_t i = 0; i < m.steps.size(); ++i) {
      TextRange r = step_extent(m.steps[i]);
      if (d.range.begin < r.begin || d.range.begin >= r.end) continue;
      GraphNode& n = g.nodes[first_step + i];
      if (d.severity == Severity::Error) ++n.errors;
      if (d.severity == Severity::Warning) ++n.warnings;
      break;
    }
  }

  std::set<std::tuple<size_t, size_t, std::string, std::string, bool>> seen;
  auto add_edge = [&](size_t from, size_t to, std::string from_port, std::string to_port,
                      bool control) {
    if (!seen.emplace(from, to, from_port, to_port, control).second) return;
    g.edges.push_back({from, to, std::move(from_port), std::move(to_port), control, false});
  };
  for (const BoundExpression& e : m.bindings) {
    // Only the file's own pipeline: an inline pipeline component's steps are drawn as one step.
    if (e.scope != BindingScope::Parent || e.owner != &m) continue;
    if (e.step < 0 || static_cast<size_t>(e.step) >= m.steps.size()) continue;
    const size_t here = first_step + static_cast<size_t>(e.step);
    const std::string field = port_label(field_in_step(e));
    const Binding& b = e.binding;
    switch (b.kind) {
      case BindingKind::ParentInput: {
        // `inputs.group.x` is drawn from the group's input.
        std::string head = b.name.substr(0, b.name.find('.'));
        if (auto it = input_at.find(head); it != input_at.end())
          add_edge(it->second, here, b.name, field, false);
        break;
      }
      case BindingKind::ParentOutput:
        if (auto it = output_at.find(b.name); it != output_at.end())
          add_edge(here, it->second, field, b.name, false);
        break;
      case BindingKind::ParentJobOutput:
        if (const Step* src = m.step(b.step))
          add_edge(first_step + static_cast<size_t>(src - m.steps.data()), here, b.name, field,
                   false);
        break;
      case BindingKind::ParentJob:
        // A control-flow step (if_else, do_while) naming the step it runs.
        if (const Step* target = m.step(b.step))
          add_edge(here, first_step + static_cast<size_t>(target - m.steps.data()), "", field,
                   true);
        break;
      default: break;
    }
  }

  // Cycles among steps, over data edges only (as `pipeline-cycle` judges them).
  const size_t steps = m.steps.size();
  std::vector<std::vector<size_t>> out(steps);
  for (const GraphEdge& e : g.edges)
    if (!e.control && e.from >= first_step && e.from < first_step + steps && e.to >= first_step &&
        e.to < first_step + steps)
      out[e.from - first_step].push_back(e.to - first_step);
  std::vector<int> comp = components(steps, out);
  std::map<int, size_t> comp_size;
  for (int c : comp) ++comp_size[c];
  for (GraphEdge& e : g.edges) {
    if (e.control || e.from < first_step || e.to < first_step || e.from >= first_step + steps ||
        e.to >= first_step + steps)
      continue;
    size_t a = e.from - first_step, b = e.to - first_step;
    if (comp[a] == comp[b] && (a == b || comp_size[comp[a]] > 1)) {
      e.in_cycle = true;
      g.nodes[e.from].in_cycle = g.nodes[e.to].in_cycle = true;
      g.has_cycle = true;
    }
  }
  return g;
}

}  // namespace amllint
