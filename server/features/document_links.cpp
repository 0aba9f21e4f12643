#include "document_links.h"

#include "file_uri.h"
#include "navigation/links.h"

namespace amlls {

std::vector<lsp::DocumentLink> document_links(const FeatureInput& in) {
  std::vector<lsp::DocumentLink> out;
  if (!in.is_azure_ml()) return out;
  for (auto& link : amllint::nav::file_links(in.analysis, std::string(in.path), in.environment()))
    out.push_back({in.range(link.range), path_to_uri(link.path), link.path});
  return out;
}

}  // namespace amlls
