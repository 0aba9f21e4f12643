// The open documents, their versions, and the newest analysis of each. Loop thread only.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyze.h"
#include "positions.h"

namespace amllint {
struct JsonView;
}

namespace amlls {

struct ContentChange {
  std::optional<lsp::Range> range;  // none: the text replaces the whole document
  std::string text;
};

struct OpenDocument {
  std::string uri;
  std::string path;  // local path for file: URIs, else empty
  int version = 0;
  // Immutable snapshots: a worker can analyse one while the next edit builds its successor.
  std::shared_ptr<const amllint::Document> doc;
  std::shared_ptr<const amllint::Analysis> analysis;
  int analysis_version = -1;  // the version `analysis` belongs to
  uint64_t analysis_id = 0;   // distinct per accepted analysis: the pull diagnostics resultId
  // The typed JSON of `analysis`, built by the first feature that needs it.
  std::shared_ptr<const amllint::JsonView> view;
  // The text after every safe fix, computed by the first fix-all request of this analysis.
  std::shared_ptr<const std::string> fixed_text;

  bool analysis_current() const { return analysis && analysis_version == version; }
};

class DocumentStore {
 public:
  OpenDocument& open(const std::string& uri, int version, std::string text);
  OpenDocument* find(const std::string& uri);
  // Applies the changes in order, each against the text the previous one produced.
  // Returns null when the document is not open.
  OpenDocument* change(const std::string& uri, int version,
                       const std::vector<ContentChange>& changes, PositionEncoding enc);
  void close(const std::string& uri);
  size_t size() const { return docs_.size(); }
  template <typename F>
  void for_each(F f) {
    for (auto& [uri, d] : docs_) f(d);
  }

 private:
  std::map<std::string, OpenDocument> docs_;
};

}  // namespace amlls
