#include "graph_command.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app.h"
#include "discover.h"
#include "lint_job.h"
#include "model/pipeline_graph.h"
#include "terminal.h"

namespace amllint::cli {
namespace {

std::string read_input(const Input& input, std::string& out) {
  std::ifstream file;
  if (!input.from_stdin) {
    std::error_code ec;
    if (std::filesystem::is_directory(input.path, ec)) return "is a directory";
    file.open(input.path, std::ios::binary);
    if (!file) return std::strerror(errno);
  }
  std::istream& in = input.from_stdin ? std::cin : file;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  if (out.size() > kMaxFileBytes)
    return "file is larger than " + std::to_string(kMaxFileBytes >> 20) + " MB";
  return {};
}

}  // namespace

const char* graph_usage_text() {
  return R"(Usage: amllint graph [options] <file|->

Prints the step graph of a pipeline job or pipeline component: its inputs and outputs, each
step with its type and component, and an edge for every binding between them, labelled with
the output and the input it connects. Steps with errors are marked, and steps that feed each
other in a cycle are drawn as one (thick edges).

Options:
  -f, --format <fmt>       mermaid (default) or dot
  -c, --config <file>      use this .amllint.yaml (default: the nearest one)
      --stdin-filename <p> the path to resolve references from, for "-"
  -h, --help               show this help

Exit status: 0 graph printed, 2 usage or I/O error, or the file is not a pipeline.
)";
}

int run_graph(const std::vector<std::string>& args) {
  std::string format = "mermaid", config, stdin_filename;
  std::vector<std::string> paths;
  auto usage_error = [](const std::string& message) {
    fmt::print(stderr, "amllint graph: {}\nTry 'amllint graph --help' for more information.\n",
               printable(message));
    return kExitTrouble;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0)
      if (size_t eq = arg.find('='); eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg.resize(eq);
      }
    auto value = [&](std::string& target) {
      if (inline_value) {
        target = *inline_value;
      } else if (i + 1 < args.size()) {
        target = args[++i];
      } else {
        return false;
      }
      return true;
    };
    if (arg == "-h" || arg == "--help") {
      fmt::print("{}", graph_usage_text());
      return kExitClean;
    } else if (arg == "-f" || arg == "--format") {
      if (!value(format)) return usage_error(arg + " needs a value");
      if (format != "mermaid" && format != "dot")
        return usage_error("unknown format '" + format + "' (expected mermaid or dot)");
    } else if (arg == "-c" || arg == "--config") {
      if (!value(config)) return usage_error(arg + " needs a value");
    } else if (arg == "--stdin-filename") {
      if (!value(stdin_filename)) return usage_error(arg + " needs a value");
    } else if (arg == "-" || arg.empty() || arg[0] != '-') {
      paths.push_back(arg);
    } else {
      return usage_error("unknown option " + arg);
    }
  }
  if (paths.size() != 1) return usage_error("expected one pipeline file");

  LintSettings settings;
  if (!config.empty())
    if (std::string error = load_config(config, settings.config); !error.empty()) {
      fmt::print(stderr, "amllint: {}\n", printable(error));
      return kExitTrouble;
    }
  Discovery discovery = discover(paths, stdin_filename);
  for (const std::string& e : discovery.errors) fmt::print(stderr, "amllint: {}\n", printable(e));
  if (!discovery.errors.empty() || discovery.files.size() != 1) {
    if (discovery.errors.empty()) usage_error("expected one pipeline file, not a folder");
    return kExitTrouble;
  }
  const Input& input = discovery.files[0];
  std::string text;
  if (std::string error = read_input(input, text); !error.empty()) {
    fmt::print(stderr, "amllint: {}: {}\n", printable(input.path), printable(error));
    return kExitTrouble;
  }
  AnalysisOptions options;
  options.config = settings.config;
  if (!input.from_stdin || input.path != "<stdin>") options.path = input.path;
  Document doc(std::move(text));
  Analysis analysis = analyze(doc, options);
  std::optional<PipelineGraph> graph = build_pipeline_graph(doc, analysis);
  if (!graph) {
    fmt::print(stderr, "amllint: {}: not a pipeline job or pipeline component ({})\n",
               printable(input.path), file_kind_name(analysis.kind));
    return kExitTrouble;
  }
  fmt::print("{}", format == "dot" ? render_dot(*graph) : render_mermaid(*graph));
  return kExitClean;
}

}  // namespace amllint::cli
