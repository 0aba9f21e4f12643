// Helpers shared by the unit tests: reading files, running the analysis, locating data.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyze.h"

namespace amllint::testing {

std::string read_file(const std::filesystem::path& path);
std::filesystem::path shared_dir();    // ../shared beside the repo
std::filesystem::path corpus_dir();    // ../shared/corpus/azureml-examples
std::filesystem::path fixtures_dir();  // tests/fixtures
// Every YAML file of the corpus and the fixtures, sorted, and the editor benchmark's 202-step
// pipeline last: what the locality tests check each pipeline step of.
std::vector<std::filesystem::path> pipeline_test_files();

// One row of ../shared/corpus/classification.csv: a file and the kind recorded for it by hand.
struct ClassifiedFile {
  std::string path;  // relative to ../shared/corpus
  std::string kind;  // "command-job", "other", ...
};
std::vector<ClassifiedFile> classified_corpus_files();
// The FileKind a classification names; NotAzureMl for "other" and kinds we do not model.
FileKind file_kind_of(const std::string& classification);

struct Linted {
  Document doc;
  Analysis analysis;
};
Linted lint_file(const std::filesystem::path& path);
Linted lint_text(std::string text, const std::string& path = "inline.yml");

// "path:line:col: severity: message [code]" for failure messages.
std::string describe(const std::string& path, const Document& doc, const Diagnostic& d);

}  // namespace amllint::testing
