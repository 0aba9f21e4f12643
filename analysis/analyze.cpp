#include "analyze.h"

#include <algorithm>

#include "file_kind.h"
#include "json_view.h"
#if __has_include("schema_validate.h")
#include "schema_validate.h"
#define AMLLINT_HAS_SCHEMA 1
#endif
#include "yaml_tree.h"

namespace amllint {
namespace {

// A file that is not text would only produce noise from the YAML parser.
bool encoding_problem(const Document& doc, Analysis& out) {
  const std::string& text = doc.text();
  size_t nul = text.find('\0');
  if (nul != std::string::npos) {
    uint32_t at = static_cast<uint32_t>(nul);
    out.diagnostics.push_back({{at, at + 1}, Severity::Error, "invalid-encoding",
                               "the file contains a NUL byte: it looks binary, not YAML text", {}});
    return true;
  }
  int64_t bad = doc.first_invalid_utf8();
  if (bad >= 0) {
    uint32_t at = static_cast<uint32_t>(bad);
    out.diagnostics.push_back({{at, at + 1}, Severity::Error, "invalid-encoding",
                               "the file is not valid UTF-8 (YAML specs must be UTF-8)", {}});
    return true;
  }
  return false;
}

// A file that does not parse still deserves its syntax error when it says it is a spec.
bool mentions_azure_ml(std::string_view text) {
  return text.find("azureml") != std::string_view::npos ||
         text.find("azuremlschemas") != std::string_view::npos;
}

}  // namespace

const char* file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::NotAzureMl: return "not an Azure ML spec";
    case FileKind::CommandJob: return "command job";
    case FileKind::SweepJob: return "sweep job";
    case FileKind::PipelineJob: return "pipeline job";
    case FileKind::AutoMLJob: return "AutoML job";
    case FileKind::SparkJob: return "Spark job";
    case FileKind::CommandComponent: return "command component";
    case FileKind::PipelineComponent: return "pipeline component";
    case FileKind::ParallelComponent: return "parallel component";
    case FileKind::SparkComponent: return "Spark component";
    case FileKind::DataTransferComponent: return "data transfer component";
  }
  return "unknown";
}

Analysis analyze(const Document& doc, const AnalysisOptions& options) {
  Analysis out;
  if (encoding_problem(doc, out)) return out;

  auto tree = std::make_shared<yaml::Tree>(yaml::parse(doc));
  out.tree = tree;
  out.kind = detect_kind(doc.text(), tree->root);
  if (out.kind == FileKind::NotAzureMl) {
    if (tree->syntax_error && mentions_azure_ml(doc.text())) {
      for (const Diagnostic& d : tree->diagnostics)
        if (d.code == "syntax-error") out.diagnostics.push_back(d);
    }
    return out;
  }
  out.diagnostics = tree->diagnostics;

#ifdef AMLLINT_HAS_SCHEMA
  JsonView view = to_json(tree->root);
  std::vector<Diagnostic> schema = validate_schema(out.kind, view);
  for (Diagnostic& d : schema) {
    // Text lost to syntax-error recovery would only show up again as a missing key.
    if (tree->syntax_error && d.code == "missing-key") continue;
    out.diagnostics.push_back(std::move(d));
  }
#endif
  normalize(out.diagnostics);
  return out;
}

}  // namespace amllint
