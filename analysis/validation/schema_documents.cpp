#include "validation/schema_documents.h"

#include <string>
#include <unordered_map>

#include "bundled_schemas.h"

namespace amllint {

const nlohmann::json* schema_document(std::string_view name) {
  static const auto docs = [] {
    std::unordered_map<std::string, nlohmann::json> all;
    for (const auto& s : bundled_schemas())
      all.emplace(std::string(s.name), nlohmann::json::parse(s.text.begin(), s.text.end()));
    return all;
  }();
  auto it = docs.find(std::string(name));
  return it == docs.end() ? nullptr : &it->second;
}

std::string_view schema_document_name(std::string_view uri) {
  auto hash = uri.find('#');
  if (hash != std::string_view::npos) uri = uri.substr(0, hash);
  auto slash = uri.rfind('/');
  return slash == std::string_view::npos ? uri : uri.substr(slash + 1);
}

const char* schema_file_name(FileKind kind) {
  switch (kind) {
    case FileKind::CommandJob: return "command_job.json";
    case FileKind::SweepJob: return "sweep_job.json";
    case FileKind::PipelineJob: return "pipeline_job.json";
    case FileKind::AutoMLJob: return "automl_job.json";
    case FileKind::SparkJob: return "spark_job.json";
    case FileKind::CommandComponent: return "command_component.json";
    case FileKind::PipelineComponent: return "pipeline_component.json";
    case FileKind::ParallelComponent: return "parallel_component.json";
    case FileKind::SparkComponent: return "spark_component.json";
    case FileKind::DataTransferComponent: return "data_transfer_component.json";
    case FileKind::NotAzureMl: break;
  }
  return nullptr;
}

}  // namespace amllint
