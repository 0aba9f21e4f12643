// The one entry point both faces call: analyse the text of one file, get its diagnostics.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "document.h"

namespace amllint {

// What a YAML file is, decided by its `type:` and shape (FACTS.md §1), never by `$schema` alone.
enum class FileKind {
  NotAzureMl,  // conda files, workflows, random YAML: no diagnostics at all
  CommandJob,
  SweepJob,
  PipelineJob,
  AutoMLJob,
  SparkJob,
  CommandComponent,
  PipelineComponent,
  ParallelComponent,
  SparkComponent,
  DataTransferComponent,
};

const char* file_kind_name(FileKind kind);

namespace yaml {
struct Tree;
}

struct Analysis {
  FileKind kind = FileKind::NotAzureMl;
  std::vector<Diagnostic> diagnostics;  // normalised: sorted and deduplicated
  std::shared_ptr<const yaml::Tree> tree;
};

struct AnalysisOptions {
  // Path of the file on disk (absolute or relative to the working directory); relative
  // references inside the file resolve from its folder. Empty for an unsaved buffer.
  std::string path;
};

Analysis analyze(const Document& doc, const AnalysisOptions& options);

}  // namespace amllint
