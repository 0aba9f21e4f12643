#include "external/shellcheck.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "environment.h"
#include "model/expressions.h"

namespace amllint {

const std::vector<SilencedCheck> kShellcheckSilenced = {
    {2154,
     "a variable that is referenced but not assigned: in a job it comes from "
     "`environment_variables`, the image or Azure ML itself (`AZUREML_*`), which shellcheck "
     "cannot see"},
    {1091, "a sourced file that shellcheck cannot follow: it is in the image or the code folder"},
    {2148, "no shebang: commands are run by bash, which amllint tells shellcheck (`--shell=bash`)"},
};

namespace {

// A batch that takes longer than this is skipped (the user still gets every other finding).
constexpr std::chrono::milliseconds kTimeout{5000};
constexpr size_t kMaxCacheEntries = 4096;

std::string excluded_codes() {
  std::string out;
  for (const SilencedCheck& c : kShellcheckSilenced)
    out += (out.empty() ? "SC" : ",SC") + std::to_string(c.code);
  return out;
}

std::vector<std::string> shellcheck_args() {
  // json1 counts columns in characters with a tab as one, which is what the mapping expects.
  return {"--shell=bash", "--format=json1", "--norc", "--exclude=" + excluded_codes()};
}

// Byte offset in `script` of a 1-based line and a 1-based column counted in code points.
uint32_t offset_of(std::string_view script, const std::vector<uint32_t>& line_starts, int line,
                   int column) {
  if (line < 1) return 0;
  if (static_cast<size_t>(line) > line_starts.size()) return static_cast<uint32_t>(script.size());
  uint32_t at = line_starts[static_cast<size_t>(line) - 1];
  for (int c = 1; c < column && at < script.size() && script[at] != '\n'; ++c) {
    ++at;
    while (at < script.size() && (static_cast<unsigned char>(script[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

std::vector<uint32_t> line_starts_of(std::string_view s) {
  std::vector<uint32_t> starts{0};
  for (uint32_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n') starts.push_back(i + 1);
  return starts;
}

// Findings per command text, shared by every analysis of the process (the server reanalyses a
// file on each edit; most of its commands have not changed).
struct Cache {
  std::mutex mutex;
  std::map<std::string, std::vector<ShellcheckFinding>, std::less<>> entries;
};
Cache& cache() {
  static Cache c;
  return c;
}

}  // namespace

std::string command_script(std::string_view value, std::vector<TextRange>* placeholders) {
  if (!may_contain_binding(value)) return command_script(value, nullptr, placeholders);
  BindingScan scan = scan_bindings(value);
  return command_script(value, &scan, placeholders);
}

std::string command_script(std::string_view value, const BindingScan* scan,
                           std::vector<TextRange>* placeholders) {
  std::string script(value);
  // `{inputs.x}`, the 2021 spelling, is rewritten to a binding by the SDK in a command
  // (legacy-binding-syntax says so); `${inputs.x}` is the shell's own and stays.
  for (const BraceBinding& b : find_brace_bindings(value)) {
    if (b.dollar) continue;
    for (uint32_t i = b.range.begin; i < b.range.end && i < script.size(); ++i) script[i] = 'x';
    if (placeholders) placeholders->push_back(b.range);
  }
  if (!scan) return script;
  for (const Binding& b : scan->bindings) {
    for (uint32_t i = b.range.begin; i < b.range.end && i < script.size(); ++i)
      if (script[i] != '\n') script[i] = 'x';
    if (placeholders) placeholders->push_back(b.range);
  }
  for (const OptionalBlock& block : scan->optional_blocks) {
    for (uint32_t i = block.range.begin; i < block.inner.begin && i < script.size(); ++i)
      script[i] = ' ';
    for (uint32_t i = block.inner.end; i < block.range.end && i < script.size(); ++i)
      script[i] = ' ';
  }
  return script;
}

std::string shellcheck_program(Environment& env) {
  const char* chosen = std::getenv("AMLLINT_SHELLCHECK");
  std::string name = chosen ? chosen : "shellcheck";
  if (name.empty() || name == "off" || name == "none") return {};
  return env.find_program(name);
}

std::optional<std::vector<std::vector<ShellcheckFinding>>> run_shellcheck(
    Environment& env, const std::vector<std::string>& scripts,
    std::shared_ptr<const std::atomic<bool>> cancel) {
  std::vector<std::vector<ShellcheckFinding>> found(scripts.size());
  if (scripts.empty()) return found;
  const std::string program = shellcheck_program(env);
  if (program.empty()) return std::nullopt;
  const std::vector<std::string> args = shellcheck_args();
  std::string key_prefix = program;
  for (const std::string& a : args) key_prefix += '\0' + a;
  key_prefix += '\0';

  // Only the commands not seen before go to shellcheck.
  std::vector<size_t> todo;
  {
    std::lock_guard lock(cache().mutex);
    for (size_t i = 0; i < scripts.size(); ++i) {
      auto it = cache().entries.find(key_prefix + scripts[i]);
      if (it != cache().entries.end()) {
        found[i] = it->second;
      } else if (std::find_if(todo.begin(), todo.end(),
                              [&](size_t j) { return scripts[j] == scripts[i]; }) == todo.end()) {
        todo.push_back(i);
      }
    }
  }
  if (!todo.empty()) {
    ProgramRun run;
    run.program = program;
    run.args = args;
    run.timeout = kTimeout;
    run.cancel = std::move(cancel);
    for (size_t i : todo) run.files.push_back(scripts[i]);
    ProgramResult result = env.run_program(run);
    // shellcheck exits 1 when it has findings; anything else is trouble.
    if (result.status != ProgramResult::Status::Exited || result.exit_code > 1 ||
        result.file_paths.size() != todo.size())
      return std::nullopt;
    nlohmann::json json = nlohmann::json::parse(result.out, nullptr, false);
    if (!json.is_object() || !json.contains("comments") || !json["comments"].is_array())
      return std::nullopt;
    std::map<std::string, size_t> index_of;
    for (size_t k = 0; k < todo.size(); ++k) index_of[result.file_paths[k]] = todo[k];
    std::vector<std::vector<ShellcheckFinding>> fresh(scripts.size());
    for (const nlohmann::json& c : json["comments"]) {
      if (!c.is_object()) continue;
      auto file = index_of.find(c.value("file", std::string()));
      if (file == index_of.end()) continue;
      const std::string& script = scripts[file->second];
      std::vector<uint32_t> starts = line_starts_of(script);
      ShellcheckFinding f;
      f.range.begin = offset_of(script, starts, c.value("line", 1), c.value("column", 1));
      f.range.end = std::max(
          f.range.begin, offset_of(script, starts, c.value("endLine", 1), c.value("endColumn", 1)));
      f.level = c.value("level", std::string("warning"));
      f.code = c.value("code", 0);
      f.message = c.value("message", std::string());
      fresh[file->second].push_back(std::move(f));
    }
    std::lock_guard lock(cache().mutex);
    if (cache().entries.size() + todo.size() > kMaxCacheEntries) cache().entries.clear();
    for (size_t i : todo) cache().entries[key_prefix + scripts[i]] = fresh[i];
    for (size_t i = 0; i < scripts.size(); ++i)
      if (found[i].empty()) {
        auto it = cache().entries.find(key_prefix + scripts[i]);
        if (it != cache().entries.end()) found[i] = it->second;
      }
  }
  return found;
}

std::string shellcheck_availability(Environment& env) {
  const std::string program = shellcheck_program(env);
  if (program.empty())
    return "Here: shellcheck was not found (install the `shellcheck` package, or set "
           "AMLLINT_SHELLCHECK to its path), so this rule is off.";
  return "Here: this rule runs " + program + " --shell=bash --exclude=" + excluded_codes() + ".";
}

}  // namespace amllint
