// `amllint graph FILE`: the step graph of a pipeline job or pipeline component, as Mermaid or
// DOT text on standard output.
#pragma once

#include <string>
#include <vector>

namespace amllint::cli {

// `args` are the arguments after `graph`; returns the exit status.
int run_graph(const std::vector<std::string>& args);

const char* graph_usage_text();

}  // namespace amllint::cli
