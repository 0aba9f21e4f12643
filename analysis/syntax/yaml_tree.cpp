#include "syntax/yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <functional>
#include <istream>
#include <limits>
#include <ostream>
#include <streambuf>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "syntax/document.h"
#include "syntax/scalar_extent.h"
#include "syntax/yaml_errors.h"

namespace amllint::yaml {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}
bool is_white(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Builder : public YAML::EventHandler {
 public:
  Builder(const Document& doc, std::string_view src, Tree& tree, const ParseLimits& limits)
      : doc_(doc), src_(src), tree_(tree), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++documents_;
    document_start_ = mark.pos;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (skipping()) return;
    Node* n = tree_.make(NodeKind::Null);
    uint32_t at = content_start(mark);
    uint32_t len = null_token_length(at);
    if (len > 0) {
      n->range = {at, at + len};
    } else {
      uint32_t pos = empty_value_position();
      n->range = {pos, pos};
    }
    remember(anchor, n);
    add(n);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (skipping()) return;
    tree_.has_aliases = true;
    uint32_t at = clamp(mark.pos);
    uint32_t end = at + 1;
    while (end < src_.size() && !is_white(src_[end]) && src_[end] != ',' && src_[end] != ']' &&
           src_[end] != '}')
      ++end;
    auto it = anchors_.find(anchor);
    Node* target = it == anchors_.end() ? nullptr : it->second;
    // An alias inside the collection it names (`a: &x [*x]`) would make the tree a cycle, and
    // every walk over it endless: PyYAML builds such a value, but it expands without end and
    // the SDK rejects it (measured: "Not a valid string", "Unknown field").
    if (target && std::any_of(stack_.begin(), stack_.end(),
                              [&](const Frame& f) { return f.node == target; })) {
      tree_.diagnostics.push_back({{at, end},
                                   Severity::Error,
                                   "alias-limit",
                                   "this alias refers to a collection that contains it, so its "
                                   "expansion never ends; the aliased value is ignored",
                                   {}});
      Node* n = tree_.make(NodeKind::Null);
      n->range = {at, end};
      add(n);
      return;
    }
    if (target) alias_weight_ += target->weight;
    if (!target || alias_weight_ > limits_.max_alias_nodes) {
      if (target && !alias_limit_reported_) {
        alias_limit_reported_ = true;
        tree_.diagnostics.push_back(
            {{at, end},
             Severity::Error,
             "alias-limit",
             "alias expansion exceeds " + std::to_string(limits_.max_alias_nodes) +
                 " nodes; the aliased value is ignored (a YAML \"billion laughs\" document?)",
             {}});
      }
      Node* n = tree_.make(NodeKind::Null);
      n->range = {at, end};
      add(n);
      return;
    }
    if (target->kind == NodeKind::Scalar || target->kind == NodeKind::Null) {
      Node* copy = tree_.make(target->kind);
      copy->value = target->value;
      copy->style = target->style;
      copy->tag = target->tag;
      copy->range = {at, end};
      add(copy);
    } else {
      add(target);
    }
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (skipping()) return;
    Node* n = tree_.make(NodeKind::Scalar);
    uint32_t at = content_start(mark);
    tree_.set_value(*n, value);
    n->style = style_at(at, tag);
    if (tag != "?" && tag != "!") tree_.set_tag(*n, tag);
    n->range = {at, scalar_end(src_, at, n->style, value, parent_indent(), in_flow())};
    if (n->style == ScalarStyle::DoubleQuoted || n->style == ScalarStyle::SingleQuoted) {
      // yaml-cpp accepts a quote left open up to the end of the text; PyYAML does not.
      char quote = src_[at];
      if (n->range.end <= at + 1 || src_[n->range.end - 1] != quote) {
        tree_.diagnostics.push_back({{at, static_cast<uint32_t>(doc_.line_end(doc_.line_of(at)))},
                                     Severity::Error,
                                     "syntax-error",
                                     "invalid YAML: this quoted string is never closed",
                                     {}});
        tree_.syntax_error = true;
      }
    }
    remember(anchor, n);
    add(n);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(NodeKind::Sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(NodeKind::Mapping, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

  // Where the innermost flow collection still open at an error begins: an unclosed `[` or `{`
  // makes the parser fail at the end of the text, far from the mistake.
  int64_t open_flow_offset() const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
      if (it->node->flow) return it->node->range.begin;
    return -1;
  }

  // A quote left open swallows the rest of the text, and the parser fails at its end: find
  // the opening quote after the last complete node instead.
  int64_t unclosed_quote_offset() const {
    for (uint32_t i = last_end_; i < src_.size(); ++i) {
      char c = src_[i];
      if (c == '#' && (i == 0 || is_white(src_[i - 1]))) {
        while (i < src_.size() && src_[i] != '\n') ++i;
        continue;
      }
      if (c != '"' && c != '\'') continue;
      uint32_t k = i;
      while (k > 0 && is_space(src_[k - 1])) --k;
      char before = k == 0 ? '\n' : src_[k - 1];
      if (before != ':' && before != '-' && before != '[' && before != '{' && before != ',' &&
          before != '\n' && before != '\r')
        continue;
      auto style = c == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
      uint32_t end = scalar_end(src_, i, style, {}, -1, false);
      if (end >= src_.size() && (end <= i + 1 || src_[end - 1] != c)) return i;
      i = end - 1;
    }
    return -1;
  }

  // After a syntax error, containers still open are closed where their content stops.
  void close_all() {
    while (!stack_.empty()) close();
  }

 private:
  struct Frame {
    Node* node;
    Node* pending_key = nullptr;
    int indent = -1;
    uint32_t first = 0;  // of the collection's pairs or items in pairs_ or items_
  };

  bool skipping() const { return documents_ > 1; }

  uint32_t clamp(size_t pos) const { return static_cast<uint32_t>(std::min(pos, src_.size())); }

  // Marks of nodes with properties point at the `&anchor` or `!tag`: step over them.
  uint32_t content_start(const YAML::Mark& mark) const {
    uint32_t i = clamp(mark.pos);
    while (i < src_.size() && (src_[i] == '&' || src_[i] == '!')) {
      if (src_[i] == '!' && i + 1 < src_.size() && src_[i + 1] == '<') {
        while (i < src_.size() && src_[i] != '>') ++i;
        if (i < src_.size()) ++i;
      } else {
        while (i < src_.size() && !is_white(src_[i])) ++i;
      }
      while (i < src_.size() && is_white(src_[i])) ++i;
    }
    return i;
  }

  uint32_t null_token_length(uint32_t at) const {
    std::string_view rest = src_.substr(at);
    for (std::string_view t : {"null", "Null", "NULL", "~"}) {
      if (rest.substr(0, t.size()) == t) {
        size_t after = t.size();
        if (after == rest.size() || is_white(rest[after]) || rest[after] == ',' ||
            rest[after] == ']' || rest[after] == '}' || rest[after] == '#')
          return static_cast<uint32_t>(t.size());
      }
    }
    return 0;
  }

  // An empty value has no token: place it just after the `:` of its key, or after the `-`.
  uint32_t empty_value_position() const {
    if (!stack_.empty()) {
      const Frame& f = stack_.back();
      if (f.node->kind == NodeKind::Mapping && f.pending_key) {
        uint32_t i = f.pending_key->range.end;
        while (i < src_.size() && is_space(src_[i])) ++i;
        if (i < src_.size() && src_[i] == ':') ++i;
        return i;
      }
    }
    return last_end_;
  }

  ScalarStyle style_at(uint32_t at, const std::string& tag) const {
    if (tag == "?" || at >= src_.size()) return ScalarStyle::Plain;
    switch (src_[at]) {
      case '"': return ScalarStyle::DoubleQuoted;
      case '\'': return ScalarStyle::SingleQuoted;
      case '|': return ScalarStyle::Literal;
      case '>': return ScalarStyle::Folded;
      default: return ScalarStyle::Plain;
    }
  }

  int parent_indent() const {
    if (stack_.empty()) return -1;
    return stack_.back().indent;
  }

  bool in_flow() const {
    for (const Frame& f : stack_)
      if (f.node->flow) return true;
    return false;
  }

  void remember(YAML::anchor_t anchor, Node* n) {
    if (anchor) anchors_[anchor] = n;
  }

  void open(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (skipping()) return;
    Node* n = tree_.make(kind);
    uint32_t at = content_start(mark);
    n->range = {at, at};
    n->flow = at < src_.size() && (src_[at] == '[' || src_[at] == '{');
    if (tag != "?" && tag != "!") tree_.set_tag(*n, tag);
    remember(anchor, n);
    int indent = static_cast<int>(doc_.to_utf8(at).column);
    // A block sequence used as a mapping value may sit at the key's indentation.
    size_t first = kind == NodeKind::Mapping ? pairs_.size() : items_.size();
    stack_.push_back({n, nullptr, indent, static_cast<uint32_t>(first)});
  }

  void close() {
    if (skipping() || stack_.empty()) return;
    Frame f = stack_.back();
    stack_.pop_back();
    Node* n = f.node;
    const bool map = n->kind == NodeKind::Mapping;
    if (map) resolve_merges(f.first);
    uint32_t end = n->range.begin;
    uint64_t weight = 1;
    auto extend = [&](const Node* c) {
      if (c && c->range.end > end && c->range.begin >= n->range.begin) end = c->range.end;
      if (c) weight = std::min(kWeightCap, weight + c->weight);
    };
    if (map) {
      for (size_t i = f.first; i < pairs_.size(); ++i) {
        if (pairs_[i].merged) continue;
        extend(pairs_[i].key);
        extend(pairs_[i].value);
      }
    } else {
      for (size_t i = f.first; i < items_.size(); ++i) extend(items_[i]);
    }
    if (f.pending_key) extend(f.pending_key);
    if (n->flow) {
      char closer = n->kind == NodeKind::Mapping ? '}' : ']';
      uint32_t i = std::max(end, n->range.begin + 1);
      while (i < src_.size() && src_[i] != closer) {
        if (src_[i] == '#') {
          while (i < src_.size() && src_[i] != '\n') ++i;
          continue;
        }
        if (!is_white(src_[i]) && src_[i] != ',') break;
        ++i;
      }
      end = i < src_.size() && src_[i] == closer ? i + 1 : std::max(end, n->range.begin + 1);
    }
    n->range.end = end;
    n->weight = static_cast<uint32_t>(weight);
    if (map && has_duplicates(f.first)) {
      report_duplicates(f.first);
      drop_overridden(f.first);
    }
    // The collection is complete: its children leave the scratch stack for an array of exactly
    // their number in the tree's arena.
    if (map) {
      tree_.set_pairs(*n, pairs_.data() + f.first, pairs_.size() - f.first);
      pairs_.resize(f.first);
    } else {
      tree_.set_items(*n, items_.data() + f.first, items_.size() - f.first);
      items_.resize(f.first);
    }
    add(n);
  }

  void add(Node* n) {
    if (n->range.end > last_end_) last_end_ = n->range.end;
    if (stack_.empty()) {
      if (!tree_.root) tree_.root = n;
      return;
    }
    Frame& f = stack_.back();
    if (f.node->kind == NodeKind::Sequence) {
      items_.push_back(n);
    } else if (!f.pending_key) {
      f.pending_key = n;
    } else {
      // A key that is a syntax error stays out of the tree: one message for one mistake.
      if (f.node->flow || key_has_colon(*f.pending_key, *n))
        pairs_.push_back({f.pending_key, n, false});
      f.pending_key = nullptr;
    }
  }

  // yaml-cpp reads a key with no `:` on the last line of the text as a key with an empty value;
  // PyYAML (and so `az ml`) rejects it.
  bool key_has_colon(const Node& key, const Node& value) {
    if (value.kind != NodeKind::Null || value.range.end > value.range.begin) return true;
    uint32_t i = key.range.end;
    while (i < src_.size() && is_space(src_[i])) ++i;
    if (i < src_.size() && src_[i] == ':') return true;
    uint32_t b = key.range.begin;
    while (b > 0 && is_space(src_[b - 1])) --b;
    if (b > 0 && src_[b - 1] == '?') return true;  // an explicit `? key` may go without a value
    uint32_t line = doc_.line_of(key.range.begin);
    uint32_t end = std::max(key.range.end, std::min<uint32_t>(doc_.line_end(line), clamp(i)));
    std::string text(src_.substr(key.range.begin, key.range.end - key.range.begin));
    tree_.diagnostics.push_back({{key.range.begin, end},
                                 Severity::Error,
                                 "syntax-error",
                                 "invalid YAML: no `: ` follows `" + text +
                                     "`; write `key: value` (a `:` needs a space after it)",
                                 {}});
    tree_.syntax_error = true;
    return false;
  }

  static bool is_merge_key(const Node* k) {
    return k && k->kind == NodeKind::Scalar && k->style == ScalarStyle::Plain && k->value == "<<";
  }

  // PyYAML semantics: keys written in the mapping win over merged ones, and among merged
  // mappings the first one listed wins.
  void resolve_merges(size_t first) {
    if (std::none_of(pairs_.begin() + first, pairs_.end(),
                     [](const Pair& p) { return is_merge_key(p.key); }))
      return;
    // Scratch kept across mappings: a pipeline merges defaults into every step.
    std::vector<Pair>& own = merge_own_;
    std::vector<Pair>& merged = merge_from_;
    own.clear();
    merged.clear();
    auto has_key = [](const std::vector<Pair>& ps, const Node* key) {
      if (!key || key->kind != NodeKind::Scalar) return false;
      return std::any_of(ps.begin(), ps.end(), [&](const Pair& p) {
        return p.key && p.key->kind == NodeKind::Scalar && p.key->value == key->value;
      });
    };
    auto merge_from = [&](const Pair& at, const Node* source) {
      if (!source || source->kind != NodeKind::Mapping) {
        tree_.diagnostics.push_back({at.value ? at.value->range : at.key->range,
                                     Severity::Error,
                                     "invalid-merge",
                                     "a `<<` merge key needs a mapping or a list of mappings",
                                     {}});
        return;
      }
      for (const Pair& p : source->pairs)
        if (!has_key(merged, p.key)) merged.push_back({p.key, p.value, true});
    };
    for (size_t i = first; i < pairs_.size(); ++i) {
      const Pair& p = pairs_[i];
      if (!is_merge_key(p.key)) {
        own.push_back(p);
      } else if (p.value && p.value->kind == NodeKind::Sequence) {
        for (const Node* item : p.value->items) merge_from(p, item);
      } else {
        merge_from(p, p.value);
      }
    }
    for (const Pair& p : merged)
      if (!has_key(own, p.key)) own.push_back(p);
    pairs_.resize(first);
    pairs_.insert(pairs_.end(), own.begin(), own.end());
  }

  // Whether two scalar keys of the mapping whose pairs start at `first` are the same. Almost no
  // mapping has any, and most have a handful of keys: those are compared pairwise, without
  // building a hash table per mapping.
  bool has_duplicates(size_t first) const {
    const Pair* ps = pairs_.data() + first;
    const size_t count = pairs_.size() - first;
    auto key = [&](size_t i) -> const Text* {
      const Node* k = ps[i].key;
      return ps[i].merged || !k || k->kind != NodeKind::Scalar ? nullptr : &k->value;
    };
    if (count <= 32) {
      for (size_t i = 0; i < count; ++i) {
        const Text* a = key(i);
        if (!a) continue;
        for (size_t j = i + 1; j < count; ++j)
          if (const Text* b = key(j); b && *a == *b) return true;
      }
      return false;
    }
    std::unordered_set<std::string_view> seen;
    seen.reserve(count);
    for (size_t i = 0; i < count; ++i)
      if (const Text* k = key(i); k && !seen.insert(*k).second) return true;
    return false;
  }

  void report_duplicates(size_t first) {
    const Pair* ps = pairs_.data() + first;
    const size_t count = pairs_.size() - first;
    std::unordered_map<std::string_view, size_t> last;
    last.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      const Node* k = ps[i].key;
      if (ps[i].merged || !k || k->kind != NodeKind::Scalar) continue;
      last[k->value] = i;
    }
    for (size_t i = 0; i < count; ++i) {
      const Node* k = ps[i].key;
      if (ps[i].merged || !k || k->kind != NodeKind::Scalar) continue;
      size_t winner = last[k->value];
      if (winner == i) continue;
      uint32_t line = doc_.line_of(ps[winner].key->range.begin) + 1;
      tree_.diagnostics.push_back({k->range,
                                   Severity::Warning,
                                   "duplicate-key",
                                   "duplicate key `" + k->value.str() +
                                       "`: this value is ignored, the one on line " +
                                       std::to_string(line) + " wins",
                                   {}});
    }
  }

  // PyYAML keeps the last of duplicate keys: the earlier ones (reported above) leave the tree,
  // so that no check judges a value the service never reads.
  void drop_overridden(size_t first) {
    const size_t count = pairs_.size() - first;
    std::unordered_map<std::string_view, size_t> last;
    bool duplicates = false;
    for (size_t i = 0; i < count; ++i) {
      const Pair& p = pairs_[first + i];
      if (p.merged || !p.key || p.key->kind != NodeKind::Scalar) continue;
      duplicates |= last.count(p.key->value) > 0;
      last[p.key->value] = i;
    }
    if (!duplicates) return;
    size_t out = first;
    for (size_t i = 0; i < count; ++i) {
      const Pair p = pairs_[first + i];
      const Node* k = p.key;
      if (!p.merged && k && k->kind == NodeKind::Scalar && last[k->value] != i) continue;
      pairs_[out++] = p;
    }
    pairs_.resize(out);
  }

  const Document& doc_;
  std::string_view src_;
  Tree& tree_;
  const ParseLimits& limits_;
  std::vector<Frame> stack_;
  // The children of the collections still open, innermost last (Frame::first).
  std::vector<Pair> pairs_;
  std::vector<Node*> items_;
  std::vector<Pair> merge_own_, merge_from_;  // resolve_merges' scratch
  std::unordered_map<YAML::anchor_t, Node*> anchors_;
  uint64_t alias_weight_ = 0;
  bool alias_limit_reported_ = false;
  int documents_ = 0;
  int document_start_ = -1;
  uint32_t last_end_ = 0;

 public:
  int documents() const { return documents_; }
  // Offset of the first token of the last document begun.
  int document_start() const { return document_start_; }
};

// The text at which yaml-cpp stopped making progress (see parse_once).
std::string describe_stuck_at(std::string_view src, size_t at) {
  if (at < src.size() && src[at] == ',')
    return "invalid YAML: a `,` outside brackets; commas separate items only inside `[...]` "
           "or `{...}`";
  return "invalid YAML: the text cannot be read past this point";
}

struct ParseOutcome {
  bool failed = false;
  uint32_t error_offset = 0;
  int64_t open_flow_offset = -1;
  int64_t unclosed_quote_offset = -1;
  std::string message;
  bool explain = false;  // `message` is yaml-cpp's own: say it in words (yaml_errors.h)
};

// Lets yaml-cpp read `src` in place: an istringstream would first copy the whole text. yaml-cpp
// only reads (get, peek, putback of the byte just read, sgetn), so the buffer is never written.
class ViewBuf final : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view src) {
    char* begin = const_cast<char*>(src.data());
    setg(begin, begin, begin + src.size());
  }
};

ParseOutcome parse_once(const Document& doc, std::string_view src, Tree& tree,
                        const ParseLimits& limits) {
  tree.size_arenas(src.size());
  ViewBuf buf(src);
  std::istream in(&buf);
  Builder builder(doc, src, tree, limits);
  ParseOutcome out;
  try {
    YAML::Parser parser(in);
    // yaml-cpp leaves a token that no node can begin with (a `,` outside brackets) where it is
    // and returns an empty document before it, again and again. Every real document consumes
    // text, so one that starts where the previous one started means the parse is stuck.
    int previous_start = -1;
    while (parser.HandleNextDocument(builder)) {
      int start = builder.document_start();
      if (builder.documents() > 1 && start <= previous_start) {
        out.failed = true;
        out.error_offset = static_cast<uint32_t>(
            std::min<size_t>(start < 0 ? src.size() : static_cast<size_t>(start), src.size()));
        out.message = describe_stuck_at(src, out.error_offset);
        break;
      }
      previous_start = start;
    }
  } catch (const YAML::Exception& e) {
    out.open_flow_offset = builder.open_flow_offset();
    out.unclosed_quote_offset = builder.unclosed_quote_offset();
    builder.close_all();
    out.failed = true;
    out.error_offset = static_cast<uint32_t>(std::min<size_t>(
        e.mark.pos < 0 ? src.size() : static_cast<size_t>(e.mark.pos), src.size()));
    out.message = e.msg;
    out.explain = true;
    // yaml-cpp's depth guard reports "bad file"; say what happened.
    if (dynamic_cast<const YAML::DeepRecursion*>(&e)) {
      out.message = "invalid YAML: collections are nested too deeply to be read";
      out.explain = false;
    }
    if (out.unclosed_quote_offset >= 0) {
      out.explain = false;
      out.error_offset = static_cast<uint32_t>(out.unclosed_quote_offset);
      out.open_flow_offset = -1;
      out.message = "invalid YAML: this quoted string is never closed";
    }
  }
  return out;
}

// yaml-cpp stops at the first error. To keep checking the rest of the file, the line it
// stopped on is blanked (same length, so every offset stays valid) and the text parsed again.
// One mistake is reported once: an error of a group already reported (yaml_errors.h) is not,
// and a mistake that spans lines is mended or set aside on all of them at once.
constexpr int kMaxRecoveries = 8;
constexpr size_t kCompactMaxNodes = size_t{1} << 14;
constexpr size_t kRecoveryMaxBytes = 1 << 20;

// PyYAML, which the CLI loads specs with, reads a lone CR (old Mac line endings) as a line
// break, and so does Document; yaml-cpp does not. Same length: offsets stay the document's.
// Empty when the text has none.
std::string normalize_line_breaks(std::string_view text) {
  std::string out;
  for (size_t i = text.find('\r'); i != std::string_view::npos; i = text.find('\r', i + 1)) {
    if (i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (out.empty()) out = std::string(text);
    out[i] = '\n';
  }
  return out;
}

// Whether line `l` holds nothing but blanks or a comment.
bool is_comment_or_blank(const Document& doc, std::string_view src, uint32_t l) {
  for (uint32_t i = doc.line_start(l); i < doc.line_end(l) && i < src.size(); ++i) {
    if (src[i] == '#') return true;
    if (src[i] != ' ' && src[i] != '\t') return false;
  }
  return true;
}

// "line 7", "lines 7 and 9", "lines 7-13" (1-based), for a mistake seen on several lines; blank
// and comment lines in between do not break a run.
std::string describe_lines(const Document& doc, std::string_view src, std::vector<uint32_t> lines) {
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  if (lines.size() == 1) return "line " + std::to_string(lines[0] + 1);
  bool run = true;
  for (size_t i = 1; i < lines.size() && run; ++i)
    for (uint32_t l = lines[i - 1] + 1; l < lines[i] && run; ++l)
      run = is_comment_or_blank(doc, src, l);
  if (run)
    return "lines " + std::to_string(lines.front() + 1) + "-" + std::to_string(lines.back() + 1);
  std::string out = "lines ";
  for (size_t i = 0; i < lines.size() && i < 6; ++i) {
    if (i) out += i + 1 == lines.size() ? " and " : ", ";
    out += std::to_string(lines[i] + 1);
  }
  if (lines.size() > 6) out += " and more";
  return out;
}

// Tab-indented lines re-read with each tab as `width` spaces. The text grows, so the tree built
// from it is mapped back: only indentation changes, and no token starts inside it.
class TabExpansion {
 public:
  TabExpansion(const Document& doc, std::string_view src, const std::vector<uint32_t>& lines,
               int width) {
    std::vector<bool> expand(doc.line_count(), false);
    for (uint32_t l : lines)
      if (l < expand.size()) expand[l] = true;
    for (uint32_t l = 0; l < doc.line_count(); ++l) {
      uint32_t b = doc.line_start(l);
      uint32_t e =
          l + 1 < doc.line_count() ? doc.line_start(l + 1) : static_cast<uint32_t>(src.size());
      uint32_t indent = 0, grown = 0;
      orig_starts_.push_back(b);
      mod_starts_.push_back(static_cast<uint32_t>(text_.size()));
      if (expand[l]) {
        while (b + indent < e && (src[b + indent] == ' ' || src[b + indent] == '\t')) {
          grown += src[b + indent] == '\t' ? width : 1;
          text_.append(src[b + indent] == '\t' ? static_cast<size_t>(width) : 1, ' ');
          ++indent;
        }
      }
      indents_.push_back(indent);
      grown_.push_back(grown);
      text_.append(src.substr(b + indent, e - b - indent));
    }
    mod_starts_.push_back(static_cast<uint32_t>(text_.size()));
    orig_starts_.push_back(static_cast<uint32_t>(src.size()));
    indents_.push_back(0);
    grown_.push_back(0);
  }

  const std::string& text() const { return text_; }

  uint32_t to_original(size_t offset) const {
    size_t l =
        std::upper_bound(mod_starts_.begin(), mod_starts_.end(), offset) - mod_starts_.begin();
    l = l == 0 ? 0 : l - 1;
    uint32_t column = static_cast<uint32_t>(offset - mod_starts_[l]);
    uint32_t original =
        column < grown_[l] ? std::min(column, indents_[l]) : column - grown_[l] + indents_[l];
    return orig_starts_[l] + original;
  }

  void map_back(Tree& tree, ParseOutcome& out) const {
    auto map = [&](TextRange& r) { r = {to_original(r.begin), to_original(r.end)}; };
    for (Node& n : tree.nodes) map(n.range);
    for (Diagnostic& d : tree.diagnostics) map(d.range);
    out.error_offset = to_original(out.error_offset);
    if (out.open_flow_offset >= 0) out.open_flow_offset = to_original(out.open_flow_offset);
    if (out.unclosed_quote_offset >= 0)
      out.unclosed_quote_offset = to_original(out.unclosed_quote_offset);
  }

 private:
  std::string text_;
  std::vector<uint32_t> mod_starts_, orig_starts_, indents_, grown_;
};

// One parse of `src` (document coordinates), with the tab-indented `tab_lines` read as `width`
// spaces per tab when `width` is set.
ParseOutcome parse_with_tabs(const Document& doc, std::string_view src, Tree& tree,
                             const ParseLimits& limits, const std::vector<uint32_t>& tab_lines,
                             int width) {
  if (width == 0 || tab_lines.empty()) return parse_once(doc, src, tree, limits);
  TabExpansion expansion(doc, src, tab_lines, width);
  Document expanded(expansion.text());
  ParseOutcome out = parse_once(expanded, expansion.text(), tree, limits);
  expansion.map_back(tree, out);
  return out;
}

// Indentation of line `l` in `src` with tabs counted as `width` columns, or -1 for a line
// without content.
int indentation(const Document& doc, std::string_view src, uint32_t l, int width) {
  int n = 0;
  for (uint32_t i = doc.line_start(l); i < doc.line_end(l) && i < src.size(); ++i) {
    if (src[i] == ' ') {
      ++n;
    } else if (src[i] == '\t') {
      n += width;
    } else {
      return src[i] == '#' ? -1 : n;
    }
  }
  return -1;
}

// Whether line `l` opens a block: a key with nothing after its `:`, or a bare `-`.
bool opens_block(const Document& doc, std::string_view src, uint32_t l) {
  uint32_t e = std::min<uint32_t>(doc.line_end(l), static_cast<uint32_t>(src.size()));
  std::string_view text = src.substr(doc.line_start(l), e - doc.line_start(l));
  size_t hash = text.find(" #");
  if (hash != std::string_view::npos) text = text.substr(0, hash);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return !text.empty() && (text.back() == ':' || text.back() == '-');
}

// How well the tab-indented lines sit at this width. Two points for each neighbour that agrees
// with the line's place (deeper than a line above that opens a block, not deeper than one that
// does not; a line below deeper when the line opens a block, not deeper when it does not), and
// one when it lines up with a neighbour it does not open or close.
int plausibility(const Document& doc, std::string_view src, const std::vector<uint32_t>& tab_lines,
                 int width) {
  int score = 0;
  for (uint32_t l : tab_lines) {
    int own = indentation(doc, src, l, width);
    if (own < 0) continue;
    const bool opens = opens_block(doc, src, l);
    for (int64_t k = static_cast<int64_t>(l) - 1; k >= 0; --k) {
      int above = indentation(doc, src, static_cast<uint32_t>(k), width);
      if (above < 0) continue;
      const bool above_opens = opens_block(doc, src, static_cast<uint32_t>(k));
      score += 2 * (above_opens ? own > above : own <= above);
      score += !above_opens && own == above;
      break;
    }
    for (uint32_t k = l + 1; k < doc.line_count(); ++k) {
      int below = indentation(doc, src, k, width);
      if (below < 0) continue;
      score += 2 * (opens ? below > own : below <= own);
      score += !opens && below == own;
      break;
    }
  }
  return score;
}

// The tab width that reads the file best: editors use 2, 4 or 8 columns, and a tab standing in
// for 3 or 6 spaces is not rare. A width that parses beats one that does not; then the one that
// places the most tab-indented lines plausibly; then the one that reads furthest.
int best_tab_width(const Document& doc, std::string_view src, const ParseLimits& limits,
                   const std::vector<uint32_t>& tab_lines) {
  int best = 2;
  std::tuple<bool, int, int64_t> best_score{false, -1, -1};
  for (int width : {2, 4, 8, 3, 6}) {
    Tree trial;
    ParseOutcome out = parse_with_tabs(doc, src, trial, limits, tab_lines, width);
    std::tuple<bool, int, int64_t> score{
        !out.failed, plausibility(doc, src, tab_lines, width),
        out.failed ? static_cast<int64_t>(out.error_offset) : std::numeric_limits<int64_t>::max()};
    if (score > best_score) {
      best_score = score;
      best = width;
    }
  }
  return best;
}

// A key whose value stood on lines set aside reads as empty, and the schema would then report
// the empty value: one more message for the same syntax error. Such keys are left out of the
// tree (what is absent after a syntax error is not reported).
void drop_keys_of_blanked_values(const Document& doc, Tree& tree) {
  if (tree.blanked_lines.empty()) return;
  std::string_view text = doc.text();
  auto is_blanked = [&](uint32_t l) {
    return std::find(tree.blanked_lines.begin(), tree.blanked_lines.end(), l) !=
           tree.blanked_lines.end();
  };
  std::vector<Pair> kept;
  for (Node& n : tree.nodes) {
    if (n.kind != NodeKind::Mapping) continue;
    auto dropped = [&](const Pair& p) {
      if (p.merged || !p.key || !p.value || p.value->kind != NodeKind::Null ||
          p.value->range.end > p.value->range.begin)
        return false;
      uint32_t key_line = doc.line_of(p.key->range.begin);
      for (uint32_t l = key_line + 1; l < doc.line_count(); ++l) {
        bool content = false;
        for (uint32_t i = doc.line_start(l); i < doc.line_end(l); ++i)
          if (text[i] != ' ' && text[i] != '\t') {
            content = text[i] != '#';
            break;
          }
        if (content) return is_blanked(l);
      }
      return false;
    };
    if (std::none_of(n.pairs.begin(), n.pairs.end(), dropped)) continue;
    kept.clear();
    for (const Pair& p : n.pairs)
      if (!dropped(p)) kept.push_back(p);
    tree.set_pairs(n, kept.data(), kept.size());
  }
}

}  // namespace

Tree parse(const Document& doc, const ParseLimits& limits) {
  Tree tree;
  std::string scratch = normalize_line_breaks(doc.text());
  std::string_view src = scratch.empty() ? std::string_view(doc.text()) : std::string_view(scratch);
  std::vector<std::string> groups;  // of the syntax errors reported so far
  std::vector<uint32_t> mended;     // lines read on, not set aside, after their error
  std::vector<uint32_t> tab_lines;  // lines whose tab indentation is read as spaces
  int tab_width = 0;
  for (int attempt = 0;; ++attempt) {
    Tree current;
    ParseOutcome out = parse_with_tabs(doc, src, current, limits, tab_lines, tab_width);
    if (attempt == 0) {
      tree = std::move(current);
    } else if (current.root) {
      // Keep the recovered tree, but the diagnostics about the original text.
      auto diags = std::move(tree.diagnostics);
      auto blanked = std::move(tree.blanked_lines);
      tree = std::move(current);
      tree.diagnostics.insert(tree.diagnostics.begin(), diags.begin(), diags.end());
      tree.blanked_lines = std::move(blanked);
      tree.syntax_error = true;
    }
    if (!out.failed) break;
    // Inside an unclosed `[` or `{` the parser fails somewhere later; the opener is the mistake.
    if (out.open_flow_offset >= 0 &&
        !std::count(tree.blanked_lines.begin(), tree.blanked_lines.end(),
                    doc.line_of(static_cast<uint32_t>(out.open_flow_offset))))
      out.error_offset = static_cast<uint32_t>(out.open_flow_offset);
    uint32_t line = doc.line_of(out.error_offset);
    auto blanked = [&](uint32_t l) {
      return std::find(tree.blanked_lines.begin(), tree.blanked_lines.end(), l) !=
             tree.blanked_lines.end();
    };
    yaml::SyntaxExplanation ex;
    if (out.explain) {
      ex = yaml::explain_syntax_error(doc, src, out.error_offset, out.message);
    } else {
      ex.message = out.message;
    }
    // A line already read on was reported; what it still gets wrong is the same mistake.
    const bool repeated =
        (!ex.group.empty() && std::find(groups.begin(), groups.end(), ex.group) != groups.end()) ||
        std::find(mended.begin(), mended.end(), line) != mended.end();
    const bool recover = attempt + 1 < kMaxRecoveries && doc.size() <= kRecoveryMaxBytes;
    // Tab indentation: re-read every tab-indented line with the tab width under which the file
    // reads furthest, so that the tree keeps what those lines hold; the fix uses that width.
    if (ex.group == "tab" && !repeated && recover) {
      tab_lines = ex.lines;
      tab_width = best_tab_width(doc, src, limits, tab_lines);
      ex.edits.clear();
      for (uint32_t l : tab_lines)
        for (const TextEdit& e : yaml::tab_indent_edits(doc, src, l))
          ex.edits.push_back({e.range, std::string(static_cast<size_t>(tab_width), ' ')});
      ex.mend.clear();
    }
    if (!repeated && (attempt == 0 || !blanked(line))) {
      uint32_t b = out.error_offset, e = doc.line_end(line);
      if (b >= e) b = doc.line_start(line);
      TextRange range{b, std::max(e, b)};
      if (out.explain && ex.range.end > ex.range.begin) range = ex.range;
      std::string message = ex.message;
      if (ex.lines.size() > 1) message += " (" + describe_lines(doc, src, ex.lines) + ")";
      std::vector<Fix> fixes;
      // A mend of broken YAML infers the structure that was meant (a tab's width, where a
      // value ends): a guess the user confirms.
      if (!ex.edits.empty()) fixes.push_back({ex.fix_title, ex.edits, Applicability::Unsafe});
      tree.diagnostics.push_back(
          {range, Severity::Error, "syntax-error", std::move(message), std::move(fixes)});
      if (!ex.group.empty()) groups.push_back(ex.group);
    }
    tree.syntax_error = true;
    if (!recover) break;
    if (scratch.empty()) scratch = doc.text();
    // A quote never closed: read on with the quote as a space, the rest of the line a value.
    if (out.unclosed_quote_offset >= 0 && !repeated)
      ex.mend.push_back({{static_cast<uint32_t>(out.unclosed_quote_offset),
                          static_cast<uint32_t>(out.unclosed_quote_offset) + 1},
                         " "});
    if (ex.group == "tab" && !repeated) {
      for (uint32_t l : tab_lines) mended.push_back(l);
      continue;
    }
    // Mend the line where the intent is plain (a value's `: ` read as spaces), so the tree keeps
    // its key; a line mended once is blanked if it fails again.
    bool mended_now = false;
    if (!repeated) {
      for (const TextEdit& e : ex.mend) {
        if (e.range.end > scratch.size() || e.range.end != e.range.begin + e.new_text.size())
          continue;
        if (scratch.compare(e.range.begin, e.new_text.size(), e.new_text) == 0) continue;
        scratch.replace(e.range.begin, e.new_text.size(), e.new_text);
        mended.push_back(doc.line_of(e.range.begin));
        mended_now = true;
      }
    }
    if (!mended_now) {
      auto is_blank = [&](uint32_t l) {
        for (uint32_t i = doc.line_start(l); i < doc.line_end(l); ++i)
          if (scratch[i] != ' ' && scratch[i] != '\t') return false;
        return true;
      };
      if ((blanked(line) || is_blank(line)) && out.open_flow_offset >= 0)
        line = doc.line_of(static_cast<uint32_t>(out.open_flow_offset));
      if (blanked(line) || is_blank(line)) break;
      // The mistake may sit above where the parser stopped: set that line aside instead.
      if (ex.culprit_line >= 0 && !blanked(static_cast<uint32_t>(ex.culprit_line)) &&
          !is_blank(static_cast<uint32_t>(ex.culprit_line)))
        line = static_cast<uint32_t>(ex.culprit_line);
      std::vector<uint32_t> lines = {line};
      // A block indented too deep is one mistake: set all of its lines aside together.
      if (ex.group.starts_with("indent@"))
        for (uint32_t l : ex.lines)
          if (l != line && !blanked(l)) lines.push_back(l);
      for (uint32_t l : lines) {
        for (uint32_t i = doc.line_start(l); i < doc.line_end(l); ++i) scratch[i] = ' ';
        tree.blanked_lines.push_back(l);
      }
    }
    src = scratch;
  }
  drop_keys_of_blanked_values(doc, tree);
  // A small tree loses up to a fifth of its slots to the last chunk: give them back. A large
  // one wastes at most 511 slots of many thousands, not worth a second copy of its nodes.
  if (tree.nodes.size() <= kCompactMaxNodes) tree.compact();
  return tree;
}

Arena& Arena::operator=(Arena&& other) noexcept {
  if (this != &other) {
    release();
    last_ = std::exchange(other.last_, nullptr);
    cur_ = std::exchange(other.cur_, nullptr);
    end_ = std::exchange(other.end_, nullptr);
    used_ = std::exchange(other.used_, 0);
    reserved_ = std::exchange(other.reserved_, 0);
    next_ = std::exchange(other.next_, 0);
  }
  return *this;
}

void Arena::release() {
  for (Chunk* c = last_; c;) {
    Chunk* previous = c->previous;
    std::free(c);
    c = previous;
  }
  last_ = nullptr;
  cur_ = end_ = nullptr;
  used_ = reserved_ = 0;
}

void* Arena::grow(size_t bytes, size_t align) {
  // Doubling: a chunk as large as all before it, so that the chunks are few and the unused end
  // of the last one is at most half (or kMaxChunk) of what was reserved.
  size_t want = next_ ? next_ : std::clamp(reserved_, kMinChunk, kMaxChunk);
  // The data after a header is aligned as malloc aligns (16 bytes).
  size_t size = std::max(want, bytes + (align > alignof(std::max_align_t) ? align : 0));
  auto* c = static_cast<Chunk*>(std::malloc(sizeof(Chunk) + size));
  if (!c) throw std::bad_alloc();
  c->previous = last_;
  c->size = size;
  last_ = c;
  reserved_ += size;
  next_ = 0;
  cur_ = reinterpret_cast<char*>(c + 1);
  end_ = cur_ + size;
  return allocate(bytes, align);
}

size_t Arena::chunks() const {
  size_t n = 0;
  for (const Chunk* c = last_; c; c = c->previous) ++n;
  return n;
}

bool Arena::contains(const void* p) const {
  auto at = reinterpret_cast<uintptr_t>(p);
  for (const Chunk* c = last_; c; c = c->previous) {
    auto begin = reinterpret_cast<uintptr_t>(c + 1);
    if (at >= begin && at < begin + c->size) return true;
  }
  return false;
}

ptrdiff_t Arena::shrink_to_fit() {
  Chunk* chunk = last_;
  if (!chunk || chunk->previous) return 0;
  char* data = reinterpret_cast<char*>(chunk + 1);
  const size_t in_use = static_cast<size_t>(cur_ - data);
  if (in_use == chunk->size) return 0;
  const auto old = reinterpret_cast<uintptr_t>(data);
  void* p = std::realloc(static_cast<void*>(chunk), sizeof(Chunk) + in_use);
  if (!p) return 0;  // the block is left as it was
  last_ = static_cast<Chunk*>(p);
  last_->size = in_use;
  reserved_ = in_use;
  cur_ = end_ = reinterpret_cast<char*>(last_ + 1) + in_use;
  return static_cast<ptrdiff_t>(reinterpret_cast<uintptr_t>(last_ + 1) - old);
}

Text Tree::store_text(std::string_view text) {
  if (text.empty()) return {};
  // An arena another tree adopted is not written to again: a new one takes the text.
  if (strings_ && strings_.use_count() > 1) {
    borrowed_bytes_ += strings_->reserved();
    borrowed_.push_back(std::move(strings_));
  }
  if (!strings_) strings_ = std::make_shared<Arena>(next_text_chunk_);
  char* p = static_cast<char*>(strings_->allocate(text.size(), 1));
  std::memcpy(p, text.data(), text.size());
  live_text_ += text.size();
  return Text(p, static_cast<uint32_t>(text.size()));
}

void Tree::size_arenas(size_t text_bytes) {
  // Tags may be longer than written ("!!str" is "tag:yaml.org,2002:str").
  next_text_chunk_ = std::clamp(text_bytes + 64, Arena::kMinChunk, Arena::kMaxChunk);
  lists_.size_next_chunk(std::clamp(text_bytes, Arena::kMinChunk, Arena::kMaxChunk));
}

void Tree::adopt_strings_from(const Tree& other) {
  if (&other == this) return;
  auto adopt = [&](const std::shared_ptr<const Arena>& a) {
    if (!a || a == strings_ || std::find(borrowed_.begin(), borrowed_.end(), a) != borrowed_.end())
      return;
    borrowed_bytes_ += a->reserved();
    borrowed_.push_back(a);
  };
  adopt(other.strings_);
  for (const auto& a : other.borrowed_) adopt(a);
}

void Tree::settle_strings() {
  if (borrowed_.empty()) return;
  // Some slack, so that a small tree does not copy its text over a few hundred bytes.
  if (borrowed_.size() > kMaxBorrowed || borrowed_bytes_ > 2 * live_text_ + Arena::kMaxChunk)
    reown_strings();
}

void Tree::reown_strings() {
  size_t total = 0;
  for (const Node& n : nodes) total += n.value.size() + n.tag.size();
  auto fresh = std::make_shared<Arena>(total);
  auto copy = [&](Text& t) {
    if (t.empty()) return;
    char* p = static_cast<char*>(fresh->allocate(t.size(), 1));
    std::memcpy(p, t.data(), t.size());
    t = Text(p, t.size_);
  };
  for (Node& n : nodes) {
    copy(n.value);
    copy(n.tag);
  }
  strings_ = std::move(fresh);
  borrowed_.clear();
  borrowed_bytes_ = 0;
  live_text_ = total;
}

void Tree::compact() {
  const size_t size = nodes.size_;
  if (size == 0) return;
  auto& chunks = nodes.chunks_;
  // The old chunks by address, with the index of their first node, to map a pointer to its node.
  struct Span {
    const Node* begin;
    size_t capacity;
    size_t first;
  };
  const bool in_one_chunk = chunks.size() == 1 && chunks[0].capacity == size;
  std::vector<Span> spans;
  std::unique_ptr<Node[]> fresh;
  Node* out = chunks[0].nodes.get();
  if (!in_one_chunk) {
    spans.reserve(chunks.size());
    size_t first = 0;
    for (const NodeStore::Chunk& c : chunks) {
      spans.push_back({c.nodes.get(), c.capacity, first});
      first += c.capacity;
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return std::less<>()(a.begin, b.begin); });
    fresh.reset(new Node[size]);
    out = fresh.get();
    // Chunks hold consecutive indexes in the order they were made; only the last one is partial.
    size_t i = 0;
    for (const Node& n : nodes) out[i++] = n;
  }
  auto moved = [&](Node* n) -> Node* {
    if (!n || in_one_chunk) return n;
    auto it = std::upper_bound(spans.begin(), spans.end(), n, [](const Node* p, const Span& s) {
      return std::less<>()(p, s.begin);
    });
    --it;
    return out + it->first + static_cast<size_t>(n - it->begin);
  };
  // The lists, repointed at the moved nodes, into one block of exactly their size (pairs and
  // node pointers are both 8-byte aligned multiples of 8 bytes: no padding between them).
  size_t list_bytes = 0;
  for (size_t k = 0; k < size; ++k)
    list_bytes += out[k].pairs.size() * sizeof(Pair) + out[k].items.size() * sizeof(Node*);
  Arena lists(list_bytes);
  for (size_t k = 0; k < size; ++k) {
    Node& n = out[k];
    if (!n.pairs.empty()) {
      auto* ps = static_cast<Pair*>(lists.allocate(n.pairs.size() * sizeof(Pair), alignof(Pair)));
      for (size_t i = 0; i < n.pairs.size(); ++i)
        ps[i] = {moved(n.pairs[i].key), moved(n.pairs[i].value), n.pairs[i].merged};
      n.pairs = NodeList<Pair>(ps, n.pairs.size());
    }
    if (!n.items.empty()) {
      auto* is =
          static_cast<Node**>(lists.allocate(n.items.size() * sizeof(Node*), alignof(Node*)));
      for (size_t i = 0; i < n.items.size(); ++i) is[i] = moved(n.items[i]);
      n.items = NodeList<Node*>(is, n.items.size());
    }
  }
  lists_ = std::move(lists);
  root = moved(root);
  if (!in_one_chunk) {
    chunks.clear();
    chunks.push_back({std::move(fresh), size});
    nodes.used_ = size;
  }
  // The text: the unused end of its one chunk goes back (realloc shrinks in place, but may
  // move it), or several chunks become one. An arena shared with another tree stays as it is.
  if (!strings_ || !borrowed_.empty() || strings_.use_count() > 1) return;
  if (strings_->chunks() > 1) {
    reown_strings();
    return;
  }
  if (ptrdiff_t shift = strings_->shrink_to_fit()) {
    auto repoint = [&](Text& t) {
      if (!t.empty())
        t.data_ = reinterpret_cast<const char*>(reinterpret_cast<uintptr_t>(t.data_) + shift);
    };
    for (size_t k = 0; k < size; ++k) {
      repoint(out[k].value);
      repoint(out[k].tag);
    }
  }
}

std::ostream& operator<<(std::ostream& out, Text text) {
  return out << text.view();
}

const Node* Node::get(std::string_view key) const {
  const Pair* p = find_pair(key);
  return p ? p->value : nullptr;
}

const Pair* Node::find_pair(std::string_view key) const {
  for (auto it = pairs.rbegin(); it != pairs.rend(); ++it)
    if (it->key && it->key->kind == NodeKind::Scalar && it->key->value == key) return &*it;
  return nullptr;
}

std::vector<const Node*> path_to(const Tree& tree, uint32_t offset) {
  std::vector<const Node*> path;
  const Node* n = tree.root;
  while (n) {
    path.push_back(n);
    const Node* next = nullptr;
    for (const Pair& p : n->pairs) {
      if (p.merged) continue;
      for (const Node* c : {p.key, p.value})
        if (c && c->range.begin <= offset && offset <= c->range.end && c != n) next = c;
    }
    for (const Node* c : n->items)
      if (c && c->range.begin <= offset && offset <= c->range.end && c != n) next = c;
    if (next == n || (next && std::find(path.begin(), path.end(), next) != path.end())) break;
    n = next;
  }
  return path;
}

}  // namespace amllint::yaml
