// The one entry point both faces call: analyse the text of one file, get its diagnostics.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "syntax/document.h"

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
// Component specs (command, pipeline, parallel, spark, data transfer), as opposed to jobs.
bool is_component_kind(FileKind kind);

namespace yaml {
struct Tree;
}
struct JobModel;
struct Config;
class Environment;
struct AnalysisMemo;

struct Analysis {
  FileKind kind = FileKind::NotAzureMl;
  std::vector<Diagnostic> diagnostics;  // normalised: sorted and deduplicated
  std::shared_ptr<const yaml::Tree> tree;
  std::shared_ptr<const JobModel> model;  // null when the file is not an Azure ML spec
  bool ignored = false;                   // excluded by an `ignore` glob of `.amllint.yaml`
  // What a later analysis of the same file may reuse (AnalysisOptions::previous); null when
  // the file is small or of a shape that is parsed whole every time (incremental/memo.h).
  std::shared_ptr<const AnalysisMemo> memo;
};

struct AnalysisOptions {
  // Path of the file on disk (absolute or relative to the working directory); relative
  // references inside the file resolve from its folder. Empty for an unsaved buffer.
  std::string path;
  // Where other files, folders and `.amllint.yaml` are read; null uses a process-wide disk
  // environment. The server passes its own so that it can invalidate what changed.
  std::shared_ptr<Environment> env;
  // A configuration that replaces the `.amllint.yaml` lookup (`amllint --config`, editor
  // settings); null looks the file up from the file's folder.
  std::shared_ptr<const Config> config;
  // Set by a caller that no longer wants the result (the server's watchdog, once the time
  // budget is spent): analyze() then throws AnalysisCancelled at its next checkpoint (between
  // phases and between rules) instead of running to the end. Null: never cancelled.
  std::shared_ptr<const std::atomic<bool>> cancel;
  // The analysis of an earlier text of the same file (the server passes its latest): analyze()
  // reuses what the edit did not touch (analysis/incremental/). Null: analyse from scratch. The
  // result is the same either way; only the cost differs.
  std::shared_ptr<const Analysis> previous;
};

// Thrown by analyze() when `AnalysisOptions::cancel` was set. Not a std::exception, so that
// handlers that contain a failing rule do not swallow it.
struct AnalysisCancelled {};

Analysis analyze(const Document& doc, const AnalysisOptions& options);

}  // namespace amllint
