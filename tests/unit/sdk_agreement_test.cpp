// amllint reports an error exactly when `az ml` rejects the file. Ground truth is
// azure-ai-ml 1.34's own client-side validation (../shared/tools/sdk-oracle, plus the checks `az ml
// job create` runs after its first network call: tests/sdk_agreement/submit_checks.py), run once
// over seeded faults in real corpus files and over the unmodified files, and committed as data in
// tests/sdk_agreement/ (faults.jsonl, verdicts.jsonl): this test needs neither the oracle nor a
// network. Each faulted text is analysed in memory as if it were saved beside its original
// (`<stem>__<id><ext>`, the name the oracle saw), so its relative `code:` and `component:` paths
// resolve the same way. Where the service is known to decide otherwise than the client-side SDK,
// exceptions.jsonl says what amllint must report instead, and why.
//
// AMLLINT_SDK_AGREEMENT_REPORT=<file> appends one JSON line per case (for the team's table).
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "config/config.h"
#include "environment.h"
#include "fixes/fix_all.h"
#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace amllint;

namespace {

fs::path agreement_dir() {
  return fs::path(AMLLINT_TEST_DATA) / "sdk_agreement";
}

struct Fault {
  json rec;  // id, class, file, kind, line, offset, from, to, note (+ field, step, ...)
  std::string id() const { return rec.at("id"); }
  std::string cls() const { return rec.at("class"); }
  std::string file() const { return rec.at("file"); }
};

struct Verdict {
  bool rejects = false;  // accepted == false; `other` files (accepted null) are not rejected
  std::string stage, error;
};

// What amllint must report where the service decides otherwise than the client-side SDK.
struct Exception {
  std::string id, cls, file;  // what it covers: one fault, one class, or one corpus file
  // Narrows a class to the faults whose attributes have these values (e.g. field, ctx).
  std::map<std::string, std::string> where;
  bool error = false;  // amllint must report an error (true) or none (false)
  std::string reason;
  bool covers(const Fault& f) const {
    if (!id.empty()) return f.id() == id;
    if (cls.empty() || f.cls() != cls) return false;
    for (const auto& [key, value] : where)
      if (!f.rec.contains(key) || f.rec.at(key) != value) return false;
    return true;
  }
  std::string name() const {
    if (!id.empty()) return id;
    if (!file.empty()) return file;
    std::string n = cls;
    for (const auto& [key, value] : where) n += " " + key + "=" + value;
    return n;
  }
};

std::vector<json> read_jsonl(const fs::path& path) {
  std::vector<json> out;
  std::istringstream in(amllint::testing::read_file(path));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    out.push_back(json::parse(line));
  }
  return out;
}

struct Data {
  json header;
  std::vector<Fault> faults;
  std::map<std::string, Verdict> verdicts;  // by fault id
  std::map<std::string, Verdict> files;     // unmodified corpus files, by path under corpus/
  std::vector<Exception> exceptions;
};

// Rejected by the oracle, or (`submit`) by the checks `az ml job create` runs after its first
// network call, replayed offline by submit_checks.py.
Verdict verdict_of(const json& v) {
  Verdict out;
  out.rejects = v.at("accepted").is_boolean() && !v.at("accepted").get<bool>();
  if (v.at("stage").is_string()) out.stage = v.at("stage");
  if (v.at("error").is_string()) out.error = v.at("error");
  const json& submit = v.contains("submit") ? v.at("submit") : json();
  if (!out.rejects && submit.is_object() && submit.at("accepted") == false) {
    out.rejects = true;
    out.stage = "submit";
    if (submit.at("error").is_string()) out.error = submit.at("error");
  }
  return out;
}

const Data& data() {
  static const Data d = [] {
    Data d;
    for (json& f : read_jsonl(agreement_dir() / "faults.jsonl")) d.faults.push_back({std::move(f)});
    auto verdicts = read_jsonl(agreement_dir() / "verdicts.jsonl");
    if (!verdicts.empty()) d.header = verdicts.front();
    for (size_t i = 1; i < verdicts.size(); ++i) {
      const json& v = verdicts[i];
      if (v.contains("id"))
        d.verdicts[v.at("id")] = verdict_of(v);
      else
        d.files[v.at("file")] = verdict_of(v);
    }
    for (const json& e : read_jsonl(agreement_dir() / "exceptions.jsonl")) {
      Exception x;
      x.id = e.value("id", "");
      x.cls = e.value("class", "");
      x.file = e.value("file", "");
      x.error = e.at("amllint") == "error";
      x.reason = e.value("reason", "");
      for (const auto& [key, value] : e.items())
        if (key != "id" && key != "class" && key != "file" && key != "amllint" && key != "reason")
          x.where[key] = value.get<std::string>();
      d.exceptions.push_back(std::move(x));
    }
    return d;
  }();
  return d;
}

// The faulted file's name beside its original, as sdk_verdicts.py wrote it for the oracle.
std::string faulted_name(const std::string& file, const std::string& id) {
  fs::path p(file);
  return (p.parent_path() / (p.stem().string() + "__" + id + p.extension().string())).string();
}

// The original text with the fault's one replacement; empty optional when `from` is not there.
std::optional<std::string> apply(const Fault& f) {
  std::string text =
      amllint::testing::read_file(amllint::testing::shared_dir() / "corpus" / f.file());
  size_t at = f.rec.at("offset").get<size_t>();
  std::string from = f.rec.at("from");
  if (at > text.size() || text.compare(at, from.size(), from) != 0) return std::nullopt;
  return text.replace(at, from.size(), f.rec.at("to").get<std::string>());
}

struct Outcome {
  std::vector<std::string> errors, others;  // described errors; codes of other diagnostics
};

Outcome lint(std::string text, const fs::path& path, const std::string& shown) {
  // One disk environment for all cases, so referenced components are parsed once; the default
  // configuration, as `amllint` has without a `.amllint.yaml`.
  static const auto env = make_disk_environment();
  static const auto config = std::make_shared<const Config>();
  Document doc(std::move(text));
  Analysis a = analyze(doc, {path.string(), env, config});
  Outcome out;
  for (const Diagnostic& d : a.diagnostics) {
    if (d.severity == Severity::Error)
      out.errors.push_back(amllint::testing::describe(shown, doc, d));
    else
      out.others.push_back(std::string(severity_name(d.severity)) + " " + d.code);
  }
  return out;
}

void report(const json& line) {
  const char* path = std::getenv("AMLLINT_SDK_AGREEMENT_REPORT");
  if (!path || !*path) return;
  std::ofstream(path, std::ios::app) << line.dump() + "\n" << std::flush;
}

std::string quote(const std::string& s, size_t max = 70) {
  std::string q = json(s.size() > max ? s.substr(0, max) + "..." : s).dump();
  return q;
}

std::string describe_sdk(const Verdict& v) {
  return v.rejects ? "rejects (" + v.stage + "): " + v.error : "accepts";
}

std::string describe_ours(const Outcome& o) {
  if (o.errors.empty()) {
    std::string s = "no error";
    if (!o.others.empty()) {
      s += " (";
      for (size_t i = 0; i < o.others.size(); ++i) s += (i ? ", " : "") + o.others[i];
      s += ")";
    }
    return s;
  }
  std::string s = "errors:";
  for (const std::string& e : o.errors) s += "\n        " + e;
  return s;
}

std::vector<std::string> classes() {
  std::set<std::string> names;
  for (const Fault& f : data().faults) names.insert(f.cls());
  return {names.begin(), names.end()};
}

}  // namespace

// The committed data is what the test claims it is: enough faults in enough classes, each one
// re-applicable to today's corpus, each with a verdict from the SDK version we name, and every
// exception explained and still needed.
TEST(SdkAgreementData, IsCompleteAndMatchesTheCorpus) {
  const Data& d = data();
  EXPECT_EQ(d.header.value("sdk", ""), "azure-ai-ml");
  EXPECT_EQ(d.header.value("version", ""), "1.34.0");
  EXPECT_GE(d.faults.size(), 1500u);
  EXPECT_GE(classes().size(), 20u);
  EXPECT_GT(d.files.size(), 100u) << "corpus verdicts missing";
  std::set<std::string> ids;
  std::string problems;
  for (const Fault& f : d.faults) {
    if (!ids.insert(f.id()).second) problems += f.id() + ": duplicate id\n";
    if (!d.verdicts.count(f.id())) problems += f.id() + ": no SDK verdict\n";
    if (!apply(f)) problems += f.id() + ": `from` is not at its offset in " + f.file() + "\n";
  }
  for (const auto& [id, v] : d.verdicts)
    if (!ids.count(id)) problems += id + ": verdict for no fault\n";
  for (const Exception& x : d.exceptions) {
    std::string name = x.name();
    if (x.reason.size() < 20) problems += "exception " + name + ": no reason given\n";
    // An exception must override at least one SDK verdict, or it is stale.
    size_t overrides = 0;
    for (const Fault& f : d.faults)
      if (x.covers(f) && d.verdicts.count(f.id()) && d.verdicts.at(f.id()).rejects != x.error)
        ++overrides;
    if (!x.file.empty() && d.files.count(x.file) && d.files.at(x.file).rejects != x.error)
      ++overrides;
    if (overrides == 0) problems += "exception " + name + ": overrides no SDK verdict\n";
  }
  EXPECT_EQ(problems, "");
}

class SdkAgreement : public ::testing::TestWithParam<std::string> {};

// For every fault of one class: an error from amllint exactly when the SDK rejects the file
// (or, for a listed exception, exactly as the exception says).
TEST_P(SdkAgreement, ErrorExactlyWhenTheSdkRejects) {
  const Data& d = data();
  std::string disagreements;
  size_t n = 0, bad = 0;
  for (const Fault& f : d.faults) {
    if (f.cls() != GetParam()) continue;
    ++n;
    auto text = apply(f);
    ASSERT_TRUE(text) << f.id() << ": `from` is not at its offset in " << f.file();
    auto it = d.verdicts.find(f.id());
    ASSERT_NE(it, d.verdicts.end()) << f.id() << ": no SDK verdict";
    const Verdict& sdk = it->second;
    std::string name = faulted_name(f.file(), f.id());
    Outcome ours = lint(std::move(*text), amllint::testing::shared_dir() / "corpus" / name,
                        fs::path(name).filename().string());
    const Exception* exc = nullptr;
    for (const Exception& x : d.exceptions)
      if (x.covers(f)) exc = &x;
    bool want = exc ? exc->error : sdk.rejects;
    bool got = !ours.errors.empty();
    report({{"id", f.id()},
            {"class", f.cls()},
            {"file", f.file()},
            {"line", f.rec.at("line")},
            {"field", f.rec.value("field", "")},
            {"from", f.rec.at("from")},
            {"to", f.rec.at("to")},
            {"sdk_rejects", sdk.rejects},
            {"sdk_stage", sdk.stage},
            {"sdk_error", sdk.error},
            {"exception", exc != nullptr},
            {"want_error", want},
            {"amllint_error", got},
            {"errors", ours.errors},
            {"others", ours.others}});
    if (want == got) continue;
    ++bad;
    disagreements += "  " + f.id() + "  " + f.file() + ":" +
                     std::to_string(f.rec.value("line", 0)) + "  " + quote(f.rec.at("from")) +
                     " -> " + quote(f.rec.at("to")) + "\n";
    disagreements += "      SDK: " + describe_sdk(sdk) + "\n";
    if (exc)
      disagreements += "      exception: amllint must report " +
                       std::string(exc->error ? "an error" : "no error") + ": " + exc->reason +
                       "\n";
    disagreements += "      amllint: " + describe_ours(ours) + "\n";
  }
  EXPECT_GT(n, 0u);
  EXPECT_EQ(bad, 0u) << bad << " of " << n << " faults of class " << GetParam()
                     << " disagree with the SDK:\n"
                     << disagreements;
}

INSTANTIATE_TEST_SUITE_P(Class, SdkAgreement, ::testing::ValuesIn(classes()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (char c : info.param) name += std::isalnum(c) ? c : '_';
                           return name;
                         });

// The unmodified corpus files, judged the same way (kind `other`: no error at all).
TEST(SdkAgreementCorpus, ErrorExactlyWhenTheSdkRejects) {
  const Data& d = data();
  std::string disagreements;
  size_t bad = 0;
  for (const auto& [file, sdk] : d.files) {
    fs::path path = amllint::testing::shared_dir() / "corpus" / file;
    Outcome ours = lint(amllint::testing::read_file(path), path, file);
    const Exception* exc = nullptr;
    for (const Exception& x : d.exceptions)
      if (x.file == file) exc = &x;
    bool want = exc ? exc->error : sdk.rejects;
    bool got = !ours.errors.empty();
    report({{"file", file},
            {"class", "(corpus)"},
            {"sdk_rejects", sdk.rejects},
            {"sdk_stage", sdk.stage},
            {"sdk_error", sdk.error},
            {"exception", exc != nullptr},
            {"want_error", want},
            {"amllint_error", got},
            {"errors", ours.errors},
            {"others", ours.others}});
    if (want == got) continue;
    ++bad;
    disagreements += "  " + file + "\n      SDK: " + describe_sdk(sdk) +
                     "\n      amllint: " + describe_ours(ours) + "\n";
  }
  EXPECT_EQ(bad, 0u) << bad << " corpus files disagree with the SDK:\n" << disagreements;
}

// `--fix` on every seeded fault: it applies only fixes that are safe, and a guessed name (the
// did-you-mean of a misspelt key, enum value, type or scheme) is offered but left for
// `--unsafe-fixes` (issue 10).
TEST(SdkAgreementFixes, SafeFixAllAppliesOnlySafeFixesAndNoGuessedName) {
  static const auto env = make_disk_environment();
  static const auto config = std::make_shared<const Config>();
  const std::set<std::string> guess_classes = {"unknown-key-job", "unknown-key-inline-step",
                                               "enum-typo",       "type-typo-job",
                                               "scheme-typo",     "misspelt-required-key"};
  size_t changed = 0, guesses_offered = 0;
  std::string problems;
  for (const Fault& f : data().faults) {
    auto text = apply(f);
    ASSERT_TRUE(text) << f.id();
    const fs::path path =
        amllint::testing::shared_dir() / "corpus" / faulted_name(f.file(), f.id());
    const AnalysisOptions options{path.string(), env, config};
    Analysis first = analyze(Document(*text), options);
    std::set<std::string> safe, unsafe;
    for (const Diagnostic& d : first.diagnostics)
      for (const Fix& fix : d.fixes) (fix.safe() ? safe : unsafe).insert(fix.title);
    const bool guess_offered = guess_classes.count(f.cls()) && !unsafe.empty();
    guesses_offered += guess_offered;
    FixOutcome out = fix_all(*text, options, std::move(first));
    if (out.text != Document(*text).text()) ++changed;
    for (const std::string& title : out.applied)
      if (unsafe.count(title) && !safe.count(title))
        problems += f.id() + ": applied the unsafe fix `" + title + "`\n";
    // The guessed spelling is not written: the fault's text is still there.
    if (guess_offered && !f.rec.at("to").get<std::string>().empty() &&
        out.text.find(f.rec.at("to").get<std::string>()) == std::string::npos)
      problems += f.id() + ": the guessed fix was applied without --unsafe-fixes\n";
  }
  EXPECT_EQ(problems, "");
  // Measured when written: 217 of 3,688 faulted files change under safe fixes (dates quoted,
  // 2021 spellings, search_space rewrites); guessed names are offered on hundreds.
  EXPECT_GT(changed, 100u);
  EXPECT_GT(guesses_offered, 200u);
  std::cout << "safe fix-all changed " << changed << " of " << data().faults.size()
            << " faulted files; a guessed fix was offered and held back on " << guesses_offered
            << "\n";
}
