#include "document_store.h"

#include "file_uri.h"

namespace amlls {

OpenDocument& DocumentStore::open(const std::string& uri, int version, std::string text) {
  OpenDocument& d = docs_[uri];
  d = OpenDocument{};
  d.uri = uri;
  d.path = uri_to_path(uri);
  d.version = version;
  d.doc = std::make_shared<const amllint::Document>(std::move(text));
  return d;
}

OpenDocument* DocumentStore::find(const std::string& uri) {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : &it->second;
}

OpenDocument* DocumentStore::change(const std::string& uri, int version,
                                    const std::vector<ContentChange>& changes,
                                    PositionEncoding enc) {
  OpenDocument* d = find(uri);
  if (!d) return nullptr;
  auto next = std::make_shared<amllint::Document>(*d->doc);
  for (const ContentChange& c : changes) {
    if (!c.range) {
      *next = amllint::Document(c.text);
      continue;
    }
    next->replace(to_text_range(*next, *c.range, enc), c.text);
  }
  d->doc = std::move(next);
  d->version = version;
  return d;
}

void DocumentStore::close(const std::string& uri) {
  docs_.erase(uri);
}

}  // namespace amlls
