#include "document_store.h"

#include "file_uri.h"

namespace amlls {
namespace {

std::string mib(size_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

}  // namespace

OpenDocument* DocumentStore::open(const std::string& uri, int version, std::string text,
                                  std::string* refusal) {
  auto refuse = [&](std::string why) -> OpenDocument* {
    if (refusal) *refusal = std::move(why);
    return nullptr;
  };
  OpenDocument* existing = find(uri);
  size_t others = total_bytes_ - (existing ? existing->doc->text().size() : 0);
  if (!existing && docs_.size() >= kMaxDocuments)
    return refuse("more than " + std::to_string(kMaxDocuments) + " documents are open");
  if (text.size() > kMaxDocumentBytes)
    return refuse("the document is larger than " + mib(kMaxDocumentBytes));
  if (others + text.size() > kMaxTotalBytes)
    return refuse("the open documents would pass " + mib(kMaxTotalBytes));
  OpenDocument& d = docs_[uri];
  d = OpenDocument{};
  d.uri = uri;
  d.path = uri_to_path(uri);
  d.version = version;
  d.revision = next_revision_++;
  d.doc = std::make_shared<const amllint::Document>(std::move(text));
  total_bytes_ = others + d.doc->text().size();
  return &d;
}

OpenDocument* DocumentStore::find(const std::string& uri) {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : &it->second;
}

OpenDocument* DocumentStore::change(const std::string& uri, int version,
                                    const std::vector<ContentChange>& changes, PositionEncoding enc,
                                    std::string* refusal) {
  OpenDocument* d = find(uri);
  if (!d) return nullptr;
  auto next = std::make_shared<amllint::Document>(*d->doc);
  for (const ContentChange& c : changes) {
    if (!c.range) {
      *next = amllint::Document(c.text);
    } else {
      next->replace(to_text_range(*next, *c.range, enc), c.text);
    }
    size_t others = total_bytes_ - d->doc->text().size();
    if (next->text().size() > kMaxDocumentBytes || others + next->text().size() > kMaxTotalBytes) {
      if (refusal)
        *refusal = "the document grew past " + mib(kMaxDocumentBytes) + " (or all of them past " +
                   mib(kMaxTotalBytes) + ")";
      close(uri);
      return nullptr;
    }
  }
  total_bytes_ = total_bytes_ - d->doc->text().size() + next->text().size();
  d->doc = std::move(next);
  d->version = version;
  d->revision = next_revision_++;
  return d;
}

void DocumentStore::close(const std::string& uri) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) return;
  total_bytes_ -= it->second.doc->text().size();
  docs_.erase(it);
}

}  // namespace amlls
