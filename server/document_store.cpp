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
  // Not a const object, so that change() may edit it in place once nobody else holds it.
  d.doc = std::make_shared<amllint::Document>(std::move(text));
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
  // Edited in place when nothing else holds the text (its analysis has ended, no job waits with
  // it, and analyses keep no reference to it): copying it cost the loop 0.3 ms per keystroke in
  // a 30,000-line pipeline. Else the new text is a copy, and whoever holds the old keeps it.
  // Every document is made here and in open() as a non-const object, so editing it is allowed.
  const size_t before = d->doc->text().size();
  const bool in_place = d->doc.use_count() == 1;
  std::shared_ptr<amllint::Document> next = in_place
                                                ? std::const_pointer_cast<amllint::Document>(d->doc)
                                                : std::make_shared<amllint::Document>(*d->doc);
  // Closes the document when the edit cannot be made; an edited-in-place text counts with its
  // new size, which close() takes off.
  auto give_up = [&] {
    if (in_place) total_bytes_ = total_bytes_ - before + next->text().size();
    close(uri);
  };
  try {
    for (const ContentChange& c : changes) {
      if (!c.range) {
        *next = amllint::Document(c.text);
      } else {
        next->replace(to_text_range(*next, *c.range, enc), c.text);
      }
      size_t others = total_bytes_ - before;
      if (next->text().size() > kMaxDocumentBytes ||
          others + next->text().size() > kMaxTotalBytes) {
        if (refusal)
          *refusal = "the document grew past " + mib(kMaxDocumentBytes) + " (or all of them past " +
                     mib(kMaxTotalBytes) + ")";
        give_up();
        return nullptr;
      }
    }
  } catch (...) {
    // Out of memory half-way: an edited-in-place text is neither the old nor the new one.
    if (in_place) give_up();
    throw;
  }
  total_bytes_ = total_bytes_ - before + next->text().size();
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
