#include "yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "document.h"
#include "scalar_extent.h"

namespace amllint::yaml {
namespace {

constexpr uint64_t kWeightCap = uint64_t{1} << 60;

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
    uint32_t at = clamp(mark.pos);
    uint32_t end = at + 1;
    while (end < src_.size() && !is_white(src_[end]) && src_[end] != ',' && src_[end] != ']' &&
           src_[end] != '}')
      ++end;
    auto it = anchors_.find(anchor);
    Node* target = it == anchors_.end() ? nullptr : it->second;
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
    n->value = value;
    n->style = style_at(at, tag);
    if (tag != "?" && tag != "!") n->tag = tag;
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
    if (tag != "?" && tag != "!") n->tag = tag;
    remember(anchor, n);
    int indent = static_cast<int>(doc_.to_utf8(at).column);
    // A block sequence used as a mapping value may sit at the key's indentation.
    stack_.push_back({n, nullptr, indent});
  }

  void close() {
    if (skipping() || stack_.empty()) return;
    Frame f = stack_.back();
    stack_.pop_back();
    Node* n = f.node;
    if (n->kind == NodeKind::Mapping) resolve_merges(*n);
    uint32_t end = n->range.begin;
    uint64_t weight = 1;
    auto extend = [&](const Node* c) {
      if (c && c->range.end > end && c->range.begin >= n->range.begin) end = c->range.end;
      if (c) weight = std::min(kWeightCap, weight + c->weight);
    };
    for (const Pair& p : n->pairs) {
      if (p.merged) continue;
      extend(p.key);
      extend(p.value);
    }
    for (const Node* c : n->items) extend(c);
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
    n->weight = weight;
    if (n->kind == NodeKind::Mapping) report_duplicates(*n);
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
      f.node->items.push_back(n);
    } else if (!f.pending_key) {
      f.pending_key = n;
    } else {
      f.node->pairs.push_back({f.pending_key, n, false});
      f.pending_key = nullptr;
    }
  }

  static bool is_merge_key(const Node* k) {
    return k && k->kind == NodeKind::Scalar && k->style == ScalarStyle::Plain && k->value == "<<";
  }

  // PyYAML semantics: keys written in the mapping win over merged ones, and among merged
  // mappings the first one listed wins.
  void resolve_merges(Node& map) {
    if (std::none_of(map.pairs.begin(), map.pairs.end(),
                     [](const Pair& p) { return is_merge_key(p.key); }))
      return;
    std::vector<Pair> own, merged;
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
    for (const Pair& p : map.pairs) {
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
    map.pairs = std::move(own);
  }

  void report_duplicates(const Node& map) {
    const auto& ps = map.pairs;
    std::unordered_map<std::string_view, size_t> last;
    last.reserve(ps.size());
    for (size_t i = 0; i < ps.size(); ++i) {
      const Node* k = ps[i].key;
      if (ps[i].merged || !k || k->kind != NodeKind::Scalar) continue;
      last[k->value] = i;
    }
    for (size_t i = 0; i < ps.size(); ++i) {
      const Node* k = ps[i].key;
      if (ps[i].merged || !k || k->kind != NodeKind::Scalar) continue;
      size_t winner = last[k->value];
      if (winner == i) continue;
      uint32_t line = doc_.line_of(ps[winner].key->range.begin) + 1;
      tree_.diagnostics.push_back({k->range,
                                   Severity::Warning,
                                   "duplicate-key",
                                   "duplicate key `" + k->value +
                                       "`: this value is ignored, the one on line " +
                                       std::to_string(line) + " wins",
                                   {}});
    }
  }

  const Document& doc_;
  std::string_view src_;
  Tree& tree_;
  const ParseLimits& limits_;
  std::vector<Frame> stack_;
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

std::string describe_parser_error(const std::string& msg) {
  if (msg.empty()) return "invalid YAML";
  return "invalid YAML: " + msg;
}

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
};

ParseOutcome parse_once(const Document& doc, std::string_view src, Tree& tree,
                        const ParseLimits& limits) {
  std::istringstream in{std::string(src)};
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
        // The previous document was the first empty one at that token: not a document.
        tree.multiple_documents = builder.documents() > 3;
        out.failed = true;
        out.error_offset = static_cast<uint32_t>(
            std::min<size_t>(start < 0 ? src.size() : static_cast<size_t>(start), src.size()));
        out.message = describe_stuck_at(src, out.error_offset);
        break;
      }
      previous_start = start;
      if (builder.documents() > 1) tree.multiple_documents = true;
    }
  } catch (const YAML::Exception& e) {
    out.open_flow_offset = builder.open_flow_offset();
    out.unclosed_quote_offset = builder.unclosed_quote_offset();
    builder.close_all();
    out.failed = true;
    out.error_offset = static_cast<uint32_t>(std::min<size_t>(
        e.mark.pos < 0 ? src.size() : static_cast<size_t>(e.mark.pos), src.size()));
    out.message = describe_parser_error(e.msg);
    // yaml-cpp's depth guard reports "bad file"; say what happened.
    if (dynamic_cast<const YAML::DeepRecursion*>(&e))
      out.message = "invalid YAML: collections are nested too deeply to be read";
    if (out.unclosed_quote_offset >= 0) {
      out.error_offset = static_cast<uint32_t>(out.unclosed_quote_offset);
      out.open_flow_offset = -1;
      out.message = "invalid YAML: this quoted string is never closed";
    }
  }
  return out;
}

// yaml-cpp stops at the first error. To keep checking the rest of the file, the line it
// stopped on is blanked (same length, so every offset stays valid) and the text parsed again.
constexpr int kMaxRecoveries = 8;
constexpr size_t kRecoveryMaxBytes = 1 << 20;

}  // namespace

Tree parse(const Document& doc, const ParseLimits& limits) {
  Tree tree;
  std::string scratch;
  std::string_view src = doc.text();
  for (int attempt = 0;; ++attempt) {
    Tree current;
    ParseOutcome out = parse_once(doc, src, current, limits);
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
    if (attempt == 0 || !blanked(line)) {
      uint32_t b = out.error_offset, e = doc.line_end(line);
      if (b >= e) b = doc.line_start(line);
      tree.diagnostics.push_back(
          {{b, std::max(e, b)}, Severity::Error, "syntax-error", out.message, {}});
    }
    tree.syntax_error = true;
    if (attempt + 1 >= kMaxRecoveries || doc.size() > kRecoveryMaxBytes) break;
    std::string_view current_text = scratch.empty() ? std::string_view(doc.text()) : scratch;
    auto is_blank = [&](uint32_t l) {
      for (uint32_t i = doc.line_start(l); i < doc.line_end(l); ++i)
        if (current_text[i] != ' ' && current_text[i] != '\t') return false;
      return true;
    };
    if ((blanked(line) || is_blank(line)) && out.open_flow_offset >= 0)
      line = doc.line_of(static_cast<uint32_t>(out.open_flow_offset));
    if (blanked(line) || is_blank(line)) break;
    if (scratch.empty()) scratch = doc.text();
    for (uint32_t i = doc.line_start(line); i < doc.line_end(line); ++i) scratch[i] = ' ';
    tree.blanked_lines.push_back(line);
    src = scratch;
  }
  return tree;
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
