#include "model/shell_words.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace amllint {
namespace {

TextRange make_range(size_t begin, size_t end) {
  return TextRange{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}
bool is_operator_char(char c) {
  return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>';
}

// Longest first, so `&&` wins over `&`.
constexpr std::array<std::string_view, 17> kOperators = {
    "<<-", "&&", "||", ";;", "<<", ">>", "<&", ">&", "<>", ">|", ";", "|", "&", "(", ")", "<", ">"};

bool is_redirection(std::string_view op) {
  return op.find_first_of("<>") != std::string_view::npos;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  ShellParse run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (is_blank(c)) {
        ++i_;
      } else if (c == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
        i_ += 2;  // line continuation between words
      } else if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (c == '\n') {
        push(ShellTokenKind::Newline, i_, i_ + 1);
        ++i_;
        read_heredoc_bodies();
      } else if (is_operator_char(c)) {
        operator_token();
      } else {
        word();
      }
    }
    for (const auto& h : pending_heredocs_) {
      out_.issues.push_back({ShellIssueKind::UnterminatedHeredoc, h.range,
                             "here-document '" + h.delimiter + "' has no body or terminator"});
    }
    return std::move(out_);
  }

 private:
  struct PendingHeredoc {
    std::string delimiter;
    bool strip_tabs;
    TextRange range;
  };

  void push(ShellTokenKind kind, size_t begin, size_t end) {
    ShellToken t;
    t.kind = kind;
    t.range = make_range(begin, end);
    t.text = std::string(s_.substr(begin, end - begin));
    out_.tokens.push_back(std::move(t));
  }

  void operator_token() {
    for (std::string_view op : kOperators) {
      if (s_.substr(i_).starts_with(op)) {
        push(ShellTokenKind::Operator, i_, i_ + op.size());
        i_ += op.size();
        if (op == "<<" || op == "<<-") heredoc_operator(op == "<<-");
        return;
      }
    }
  }

  // The word after `<<` names the terminator; the body starts on the next line.
  void heredoc_operator(bool strip_tabs) {
    while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
    if (i_ >= s_.size() || s_[i_] == '\n' || is_operator_char(s_[i_])) return;
    size_t begin = i_;
    word();
    pending_heredocs_.push_back({out_.tokens.back().value, strip_tabs, make_range(begin, i_)});
  }

  void read_heredoc_bodies() {
    for (const auto& h : pending_heredocs_) {
      bool closed = false;
      while (i_ < s_.size()) {
        size_t eol = s_.find('\n', i_);
        size_t end = eol == std::string_view::npos ? s_.size() : eol;
        std::string_view line = s_.substr(i_, end - i_);
        if (h.strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        i_ = eol == std::string_view::npos ? s_.size() : eol + 1;
        if (line == h.delimiter) {
          closed = true;
          break;
        }
      }
      if (!closed) {
        out_.issues.push_back({ShellIssueKind::UnterminatedHeredoc, h.range,
                               "here-document is not terminated by '" + h.delimiter + "'"});
      }
    }
    pending_heredocs_.clear();
  }

  // Skips from an opening character to its unquoted closing one, honouring nesting. Returns the
  // offset after the closer, or npos.
  size_t skip_balanced(size_t at, char open, char close) {
    int depth = 0;
    for (size_t j = at; j < s_.size(); ++j) {
      char c = s_[j];
      if (c == '\\') {
        ++j;
      } else if (c == '\'') {
        j = s_.find('\'', j + 1);
        if (j == std::string_view::npos) return j;
      } else if (c == '"') {
        j = skip_double_quoted(j + 1);
        if (j == std::string_view::npos) return j;
        --j;
      } else if (c == '`') {
        j = skip_backticks(j + 1);
        if (j == std::string_view::npos) return j;
        --j;
      } else if (c == open) {
        ++depth;
      } else if (c == close) {
        if (--depth == 0) return j + 1;
      }
    }
    return std::string_view::npos;
  }

  // From just after an opening `"`; returns the offset after the closing one, or npos.
  size_t skip_double_quoted(size_t at) {
    for (size_t j = at; j < s_.size(); ++j) {
      char c = s_[j];
      if (c == '\\') {
        ++j;
      } else if (c == '"') {
        return j + 1;
      } else if (c == '$' && j + 1 < s_.size() && s_[j + 1] == '(') {
        j = skip_balanced(j + 1, '(', ')');
        if (j == std::string_view::npos) return j;
        --j;
      } else if (c == '`') {
        j = skip_backticks(j + 1);
        if (j == std::string_view::npos) return j;
        --j;
      }
    }
    return std::string_view::npos;
  }

  size_t skip_backticks(size_t at) {
    for (size_t j = at; j < s_.size(); ++j) {
      if (s_[j] == '\\') {
        ++j;
      } else if (s_[j] == '`') {
        return j + 1;
      }
    }
    return std::string_view::npos;
  }

  void unterminated(ShellIssueKind kind, size_t begin, const char* what) {
    out_.issues.push_back({kind, make_range(begin, s_.size()), std::string(what)});
  }

  // A `$`-introduced part at i_: bindings, substitutions, parameters. Appends the raw text to
  // `value` and advances.
  void dollar(ShellToken& t) {
    std::string_view rest = s_.substr(i_);
    size_t end = std::string_view::npos;
    if (rest.starts_with("${{") || rest.starts_with("$[[") || rest.starts_with("$<<")) {
      std::string_view close = rest[1] == '{' ? "}}" : rest[1] == '[' ? "]]" : ">>";
      size_t c = rest.find(close, 3);
      // `$<<` is only a binding when it closes on the same line without spaces; otherwise `$`
      // is literal and `<<` a here-document.
      bool binding = c != std::string_view::npos;
      if (binding && rest[1] == '<') {
        std::string_view inner = rest.substr(3, c - 3);
        binding = !inner.empty() && inner.find_first_of(" \t\n") == std::string_view::npos;
      }
      if (binding) {
        end = i_ + c + close.size();
        t.has_binding = true;
      } else if (rest[1] != '<') {
        end = s_.size();  // unclosed binding: the expression scanner reports it
        t.has_binding = true;
      } else {
        t.value += '$';
        ++i_;
        return;
      }
    } else if (rest.starts_with("$(")) {
      end = skip_balanced(i_ + 1, '(', ')');
      t.has_expansion = true;
      if (end == std::string_view::npos) {
        unterminated(ShellIssueKind::UnterminatedSubstitution, i_, "'$(' is not closed");
        end = s_.size();
      }
    } else if (rest.starts_with("${")) {
      end = skip_balanced(i_ + 1, '{', '}');
      t.has_expansion = true;
      if (end == std::string_view::npos) {
        unterminated(ShellIssueKind::UnterminatedSubstitution, i_, "'${' is not closed");
        end = s_.size();
      }
    } else if (rest.size() > 1 &&
               (is_name_char(rest[1]) ||
                std::string_view("@*#?$!-").find(rest[1]) != std::string_view::npos)) {
      end = i_ + 2;
      if (is_name_char(rest[1]) && !std::isdigit(static_cast<unsigned char>(rest[1]))) {
        while (end < s_.size() && is_name_char(s_[end])) ++end;
      }
      t.has_expansion = true;
    } else {
      end = i_ + 1;
    }
    t.value.append(s_.substr(i_, end - i_));
    i_ = end;
  }

  void word() {
    ShellToken t;
    t.kind = ShellTokenKind::Word;
    size_t begin = i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (is_blank(c) || c == '\n' || is_operator_char(c)) break;
      if (c == '\\') {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
          i_ += 2;
          continue;
        }
        if (i_ + 1 == s_.size()) {
          // A backslash ending the script escapes nothing: sh keeps it.
          t.value += '\\';
          ++i_;
          continue;
        }
        t.quoted = true;
        t.value += s_[i_ + 1];
        i_ += 2;
      } else if (c == '\'') {
        t.quoted = true;
        size_t close = s_.find('\'', i_ + 1);
        if (close == std::string_view::npos) {
          unterminated(ShellIssueKind::UnterminatedQuote, i_, "single quote is not closed");
          close = s_.size();
        }
        t.value.append(s_.substr(i_ + 1, close - i_ - 1));
        i_ = std::min(close + 1, s_.size());
      } else if (c == '"') {
        t.quoted = true;
        double_quoted(t);
      } else if (c == '$') {
        dollar(t);
      } else if (c == '`') {
        size_t end = skip_backticks(i_ + 1);
        t.has_expansion = true;
        if (end == std::string_view::npos) {
          unterminated(ShellIssueKind::UnterminatedSubstitution, i_, "backquote is not closed");
          end = s_.size();
        }
        t.value.append(s_.substr(i_, end - i_));
        i_ = end;
      } else {
        t.value += c;
        ++i_;
      }
    }
    t.range = make_range(begin, i_);
    t.text = std::string(s_.substr(begin, i_ - begin));
    out_.tokens.push_back(std::move(t));
  }

  void double_quoted(ShellToken& t) {
    size_t open = i_;
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return;
      }
      if (c == '\\' && i_ + 1 < s_.size()) {
        char n = s_[i_ + 1];
        if (n == '\n') {
          i_ += 2;
          continue;
        }
        if (n == '$' || n == '`' || n == '"' || n == '\\') {
          t.value += n;
        } else {
          t.value += '\\';
          t.value += n;
        }
        i_ += 2;
      } else if (c == '$') {
        dollar(t);
      } else if (c == '`') {
        size_t end = skip_backticks(i_ + 1);
        t.has_expansion = true;
        if (end == std::string_view::npos) end = s_.size();
        t.value.append(s_.substr(i_, end - i_));
        i_ = end;
      } else {
        t.value += c;
        ++i_;
      }
    }
    unterminated(ShellIssueKind::UnterminatedQuote, open, "double quote is not closed");
  }

  std::string_view s_;
  size_t i_ = 0;
  ShellParse out_;
  std::vector<PendingHeredoc> pending_heredocs_;
};

bool is_assignment(const ShellToken& t) {
  size_t eq = t.text.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  if (std::isdigit(static_cast<unsigned char>(t.text[0]))) return false;
  return std::all_of(t.text.begin(), t.text.begin() + eq, is_name_char);
}

bool is_prefix_word(std::string_view w) {
  static constexpr std::array<std::string_view, 17> kWords = {
      "!",    "{",    "if",  "then",  "else", "elif",    "do",      "while", "until",
      "time", "sudo", "env", "nohup", "exec", "command", "builtin", "xargs"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

void finish_command(ShellParse& p, std::vector<size_t>& words, std::string terminator) {
  if (words.empty()) {
    // `a &&` followed by a newline continues the list; keep the operator on the last command.
    return;
  }
  SimpleCommand cmd;
  cmd.words = std::move(words);
  words.clear();
  cmd.range =
      make_range(p.tokens[cmd.words.front()].range.begin, p.tokens[cmd.words.back()].range.end);
  cmd.terminator = std::move(terminator);
  size_t k = 0;
  bool after_wrapper = false;  // options of sudo/env come before the program
  while (k < cmd.words.size()) {
    const ShellToken& t = p.tokens[cmd.words[k]];
    bool wrapper_option = after_wrapper && t.value.starts_with("-");
    if (is_assignment(t) || wrapper_option || (!t.quoted && is_prefix_word(t.value))) {
      after_wrapper = wrapper_option || t.value == "sudo" || t.value == "env" ||
                      (after_wrapper && is_assignment(t));
      ++k;
    } else {
      break;
    }
  }
  cmd.program = k;
  p.commands.push_back(std::move(cmd));
}

void build_commands(ShellParse& p) {
  std::vector<size_t> words;
  for (size_t i = 0; i < p.tokens.size(); ++i) {
    const ShellToken& t = p.tokens[i];
    if (t.kind == ShellTokenKind::Word) {
      words.push_back(i);
      continue;
    }
    if (t.kind == ShellTokenKind::Newline) {
      bool continued =
          !p.commands.empty() && words.empty() &&
          (p.commands.back().terminator == "&&" || p.commands.back().terminator == "||" ||
           p.commands.back().terminator == "|");
      if (!continued) finish_command(p, words, "\n");
      continue;
    }
    if (is_redirection(t.text)) {
      // `2>&1`: the digits glued to the operator are its descriptor, not an argument.
      if (!words.empty()) {
        const ShellToken& prev = p.tokens[words.back()];
        if (prev.range.end == t.range.begin && !prev.quoted && !prev.value.empty() &&
            std::all_of(prev.value.begin(), prev.value.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
          words.pop_back();
        }
      }
      if (i + 1 < p.tokens.size() && p.tokens[i + 1].kind == ShellTokenKind::Word) ++i;
      continue;
    }
    finish_command(p, words, t.text);
  }
  finish_command(p, words, "");
}

std::string_view base_name(std::string_view program) {
  size_t slash = program.rfind('/');
  return slash == std::string_view::npos ? program : program.substr(slash + 1);
}

// pip, pip3, pip3.10; python, python3, python3.11
bool is_versioned(std::string_view word, std::string_view stem) {
  if (!word.starts_with(stem)) return false;
  std::string_view rest = word.substr(stem.size());
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

// The first argument at or after `from` that is not an option.
size_t next_operand(const std::vector<std::string_view>& argv, size_t from) {
  while (from < argv.size() && argv[from].starts_with("-")) ++from;
  return from;
}

}  // namespace

std::vector<std::string_view> ShellParse::argv(const SimpleCommand& command) const {
  std::vector<std::string_view> out;
  for (size_t k = command.program; k < command.words.size(); ++k) {
    out.push_back(tokens[command.words[k]].value);
  }
  return out;
}

size_t ShellParse::longest_and_chain() const {
  size_t longest = 0;
  size_t current = 0;
  for (size_t i = 0; i < commands.size(); ++i) {
    current = (i > 0 && commands[i - 1].terminator == "&&") ? current + 1 : 1;
    longest = std::max(longest, current);
  }
  return longest;
}

ShellParse parse_shell(std::string_view script) {
  ShellParse parse = Lexer(script).run();
  build_commands(parse);
  return parse;
}

std::vector<PackageInstall> find_package_installs(const ShellParse& parse) {
  std::vector<PackageInstall> found;
  for (size_t c = 0; c < parse.commands.size(); ++c) {
    const SimpleCommand& cmd = parse.commands[c];
    std::vector<std::string_view> argv = parse.argv(cmd);
    if (argv.empty()) continue;
    std::string_view program = base_name(argv[0]);
    std::string tool;
    size_t verb = std::string_view::npos;
    if (is_versioned(program, "pip")) {
      tool = "pip";
      verb = next_operand(argv, 1);
    } else if (is_versioned(program, "python") || program == "py") {
      // `-m` must come among the interpreter's own options, before any script or `-c` code.
      size_t m = 1;
      while (m < argv.size() && argv[m] != "-m" && argv[m] != "-c" && argv[m].starts_with("-")) ++m;
      if (m < argv.size() && argv[m] != "-m") m = argv.size();
      if (m + 1 < argv.size() && is_versioned(argv[m + 1], "pip")) {
        tool = "pip";
        verb = next_operand(argv, m + 2);
      }
    } else if (program == "uv") {
      size_t sub = next_operand(argv, 1);
      if (sub < argv.size() && argv[sub] == "pip") {
        tool = "pip";
        verb = next_operand(argv, sub + 1);
      }
    } else if (program == "conda" || program == "mamba" || program == "micromamba") {
      tool = std::string(program);
      verb = next_operand(argv, 1);
      if (verb < argv.size() && argv[verb] == "env") {
        size_t sub = next_operand(argv, verb + 1);
        if (sub < argv.size() && (argv[sub] == "create" || argv[sub] == "update")) {
          verb = sub;
        } else {
          verb = std::string_view::npos;
        }
      } else if (verb < argv.size() && (argv[verb] == "create" || argv[verb] == "update")) {
        // conda create/update also resolve and download packages at run time
      } else if (verb < argv.size() && argv[verb] != "install") {
        verb = std::string_view::npos;
      }
    }
    if (tool.empty() || verb >= argv.size()) continue;
    if (tool == "pip" && argv[verb] != "install") continue;
    const ShellToken& first = parse.tokens[cmd.words[cmd.program]];
    const ShellToken& last = parse.tokens[cmd.words[cmd.program + verb]];
    found.push_back({tool, make_range(first.range.begin, last.range.end), c});
  }
  return found;
}

}  // namespace amllint
