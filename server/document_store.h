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
  int version = 0;   // the client's, echoed in diagnostics; clients may repeat or skip them
  // Bumped by every open and edit, store-wide; results are matched to the text by it.
  uint64_t revision = 0;
  // Snapshots: a worker can analyse one while the next edit builds its successor. The store
  // edits a text in place only while it alone holds it, so a held one never changes.
  std::shared_ptr<const amllint::Document> doc;
  std::shared_ptr<const amllint::Analysis> analysis;
  uint64_t analysis_revision = 0;  // the revision `analysis` belongs to
  uint64_t analysis_id = 0;        // distinct per accepted analysis: the pull diagnostics resultId
  // `analysis` is an empty stand-in: the real one ran out of time (after `abandoned_after`
  // milliseconds) and was abandoned. A late real result may still replace it.
  bool abandoned = false;
  long abandoned_after = 0;
  // Pull diagnostics only: the diagnostics of `analysis` as an LSP JSON array in the negotiated
  // position encoding, serialized on the worker. A client that is pushed them has them already.
  std::shared_ptr<const std::string> diagnostics_json;
  // The array last published, as its hash and size rather than a copy (with 500 documents open
  // the copies took 0.7 MB), and the version it was published for; none since the document was
  // opened. Two different arrays of one document that agree on a 64-bit hash and the size are
  // not a practical concern.
  struct Published {
    size_t hash = 0;
    size_t size = 0;
    int version = 0;
  };
  std::optional<Published> published;
  // The typed JSON of `analysis`, built by the first feature that needs it.
  std::shared_ptr<const amllint::JsonView> view;
  // The text after every safe fix, computed on a worker for the first fix-all request of this
  // analysis; `fix_all_requested` is the analysis_id a job was submitted for.
  std::shared_ptr<const std::string> fixed_text;
  uint64_t fix_all_requested = 0;

  bool analysis_current() const { return analysis && analysis_revision == revision; }
};

class DocumentStore {
 public:
  // Bounds for a hostile or runaway client (a real workspace is far below them).
  static constexpr size_t kMaxDocuments = 1000;
  static constexpr size_t kMaxDocumentBytes = size_t(16) << 20;  // 16 MiB
  static constexpr size_t kMaxTotalBytes = size_t(256) << 20;    // 256 MiB over all documents

  // Null, with the reason in `refusal`, when a bound would be passed.
  OpenDocument* open(const std::string& uri, int version, std::string text,
                     std::string* refusal = nullptr);
  OpenDocument* find(const std::string& uri);
  // Applies the changes in order, each against the text the previous one produced. Returns
  // null when the document is not open, or when the result passes a bound: then the document
  // is closed (its text is no longer known) and `refusal` says why.
  OpenDocument* change(const std::string& uri, int version,
                       const std::vector<ContentChange>& changes, PositionEncoding enc,
                       std::string* refusal = nullptr);
  void close(const std::string& uri);
  size_t size() const { return docs_.size(); }
  size_t total_bytes() const { return total_bytes_; }
  template <typename F>
  void for_each(F f) {
    for (auto& [uri, d] : docs_) f(d);
  }

 private:
  std::map<std::string, OpenDocument> docs_;
  size_t total_bytes_ = 0;
  uint64_t next_revision_ = 1;
};

}  // namespace amlls
