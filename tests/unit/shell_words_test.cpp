#include "model/shell_words.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace amllint {
namespace {

std::string_view slice(std::string_view text, TextRange r) {
  return text.substr(r.begin, r.end - r.begin);
}

std::vector<std::string> words(const ShellParse& p) {
  std::vector<std::string> out;
  for (const ShellToken& t : p.tokens) {
    if (t.kind == ShellTokenKind::Word) out.push_back(t.value);
  }
  return out;
}

std::vector<std::string> argv_of(const ShellParse& p, size_t command) {
  std::vector<std::string> out;
  for (std::string_view w : p.argv(p.commands.at(command))) out.emplace_back(w);
  return out;
}

using Strings = std::vector<std::string>;

TEST(ShellWords, QuotesAndEscapes) {
  std::string_view text = R"(echo 'a b' "c \"d\" $HOME" e\ f g"h"i)";
  ShellParse p = parse_shell(text);
  EXPECT_EQ(words(p), (Strings{"echo", "a b", "c \"d\" $HOME", "e f", "ghi"}));
  EXPECT_TRUE(p.issues.empty());
  EXPECT_EQ(slice(text, p.tokens[1].range), "'a b'");
  EXPECT_TRUE(p.tokens[1].quoted);
  EXPECT_FALSE(p.tokens[0].quoted);
  EXPECT_TRUE(p.tokens[2].has_expansion);
}

TEST(ShellWords, OperatorsSplitCommands) {
  ShellParse p = parse_shell("cd src && python a.py || echo failed; ls | wc -l & wait");
  ASSERT_EQ(p.commands.size(), 6u);
  EXPECT_EQ(argv_of(p, 0), (Strings{"cd", "src"}));
  EXPECT_EQ(p.commands[0].terminator, "&&");
  EXPECT_EQ(p.commands[1].terminator, "||");
  EXPECT_EQ(p.commands[2].terminator, ";");
  EXPECT_EQ(p.commands[3].terminator, "|");
  EXPECT_EQ(p.commands[4].terminator, "&");
  EXPECT_EQ(p.commands[5].terminator, "");
  EXPECT_EQ(argv_of(p, 4), (Strings{"wc", "-l"}));
}

TEST(ShellWords, NewlinesCommentsAndContinuations) {
  std::string text =
      "# prepare\n"
      "python prep.py \\\n"
      "  --raw ${{inputs.raw}} # trailing comment && not a command\n"
      "\n"
      "python train.py\n";
  ShellParse p = parse_shell(text);
  ASSERT_EQ(p.commands.size(), 2u);
  EXPECT_EQ(argv_of(p, 0), (Strings{"python", "prep.py", "--raw", "${{inputs.raw}}"}));
  EXPECT_EQ(p.commands[0].terminator, "\n");
  EXPECT_EQ(argv_of(p, 1), (Strings{"python", "train.py"}));
  EXPECT_EQ(p.longest_and_chain(), 1u);
}

TEST(ShellWords, OperatorAtLineEndContinuesTheList) {
  ShellParse p = parse_shell("pip install -r req.txt &&\n python train.py");
  ASSERT_EQ(p.commands.size(), 2u);
  EXPECT_EQ(p.commands[0].terminator, "&&");
  EXPECT_EQ(p.longest_and_chain(), 2u);
}

TEST(ShellWords, BindingsAreOpaqueWordParts) {
  std::string_view text =
      "python t.py --x ${{inputs.a b}} $[[--lr ${{inputs.lr}}]] --y=${{outputs.o}}/f";
  ShellParse p = parse_shell(text);
  ASSERT_EQ(p.commands.size(), 1u);
  EXPECT_EQ(argv_of(p, 0), (Strings{"python", "t.py", "--x", "${{inputs.a b}}",
                                    "$[[--lr ${{inputs.lr}}]]", "--y=${{outputs.o}}/f"}));
  EXPECT_TRUE(p.tokens[3].has_binding);
  EXPECT_EQ(slice(text, p.tokens[4].range), "$[[--lr ${{inputs.lr}}]]");
}

TEST(ShellWords, SubstitutionsStayInOneWord) {
  std::string_view text = "echo $(ls -l | grep \"a b\") `date; x` $((1 + 2)) ${X:-a b}; true";
  ShellParse p = parse_shell(text);
  ASSERT_EQ(p.commands.size(), 2u);
  EXPECT_EQ(argv_of(p, 0),
            (Strings{"echo", "$(ls -l | grep \"a b\")", "`date; x`", "$((1 + 2))", "${X:-a b}"}));
  EXPECT_TRUE(p.issues.empty());
}

TEST(ShellWords, RedirectionsAreNotArguments) {
  ShellParse p = parse_shell("python a.py > out.log 2>&1 < in.txt");
  ASSERT_EQ(p.commands.size(), 1u);
  EXPECT_EQ(argv_of(p, 0), (Strings{"python", "a.py"}));
}

TEST(ShellWords, HeredocBodyIsSkipped) {
  std::string text =
      "cat <<EOF > setup.txt\n"
      "pip install torch && echo && a && b\n"
      "EOF\n"
      "python train.py\n";
  ShellParse p = parse_shell(text);
  ASSERT_EQ(p.commands.size(), 2u);
  EXPECT_EQ(argv_of(p, 0), (Strings{"cat"}));
  EXPECT_EQ(argv_of(p, 1), (Strings{"python", "train.py"}));
  EXPECT_TRUE(find_package_installs(p).empty());
  EXPECT_TRUE(p.issues.empty());

  ShellParse open = parse_shell("cat <<'END'\nno end here\n");
  ASSERT_EQ(open.issues.size(), 1u);
  EXPECT_EQ(open.issues[0].kind, ShellIssueKind::UnterminatedHeredoc);
}

TEST(ShellWords, UnterminatedQuotesAreReported) {
  ShellParse p = parse_shell("echo 'abc");
  ASSERT_EQ(p.issues.size(), 1u);
  EXPECT_EQ(p.issues[0].kind, ShellIssueKind::UnterminatedQuote);
  ShellParse d = parse_shell("echo \"abc");
  ASSERT_EQ(d.issues.size(), 1u);
  ShellParse s = parse_shell("echo $(abc");
  ASSERT_EQ(s.issues.size(), 1u);
  EXPECT_EQ(s.issues[0].kind, ShellIssueKind::UnterminatedSubstitution);
}

TEST(ShellWords, ProgramSkipsAssignmentsAndWrappers) {
  ShellParse p = parse_shell(
      "CUDA_VISIBLE_DEVICES=0 OMP=1 python a.py; sudo -H pip install x; env -i A=1 pip3 install y");
  ASSERT_EQ(p.commands.size(), 3u);
  EXPECT_EQ(argv_of(p, 0), (Strings{"python", "a.py"}));
  EXPECT_EQ(argv_of(p, 1), (Strings{"pip", "install", "x"}));
  EXPECT_EQ(argv_of(p, 2), (Strings{"pip3", "install", "y"}));
  EXPECT_EQ(find_package_installs(p).size(), 2u);
}

TEST(ShellWords, FindsPackageInstalls) {
  std::string_view text =
      "pip install -r requirements.txt && python -m pip install --upgrade mlflow && "
      "conda install -y numpy && /usr/bin/python3.10 -m pip install x && conda env create -f "
      "env.yml && "
      "uv pip install y && pip3.11 --quiet install z && python train.py";
  ShellParse p = parse_shell(text);
  auto found = find_package_installs(p);
  ASSERT_EQ(found.size(), 7u);
  EXPECT_EQ(found[0].tool, "pip");
  EXPECT_EQ(slice(text, found[0].range), "pip install");
  EXPECT_EQ(slice(text, found[1].range), "python -m pip install");
  EXPECT_EQ(found[2].tool, "conda");
  EXPECT_EQ(slice(text, found[2].range), "conda install");
  EXPECT_EQ(slice(text, found[3].range), "/usr/bin/python3.10 -m pip install");
  EXPECT_EQ(slice(text, found[4].range), "conda env create");
  EXPECT_EQ(slice(text, found[5].range), "uv pip install");
  EXPECT_EQ(slice(text, found[6].range), "pip3.11 --quiet install");
  EXPECT_EQ(p.longest_and_chain(), 8u);
}

TEST(ShellWords, PackageInstallTextThatIsNotACommand) {
  for (const char* text :
       {"echo pip install torch", "echo \"run: pip install x\"",
        "python train.py --note 'pip install'", "# pip install torch\npython a.py", "pip list",
        "pip freeze > r.txt", "conda activate env", "python -m pip list",
        "grep 'pip install' setup.sh", "pipx run x",
        "python -c \"import os; os.system('pip install x')\""}) {
    ShellParse p = parse_shell(text);
    EXPECT_TRUE(find_package_installs(p).empty()) << text;
  }
}

TEST(ShellWords, PackageInstallInsideControlFlow) {
  ShellParse p =
      parse_shell("if [ -f r.txt ]; then pip install -r r.txt; fi\n(cd src && pip install .)");
  auto found = find_package_installs(p);
  ASSERT_EQ(found.size(), 2u);
}

TEST(ShellWords, AndChains) {
  EXPECT_EQ(parse_shell("").longest_and_chain(), 0u);
  EXPECT_EQ(parse_shell("a").longest_and_chain(), 1u);
  EXPECT_EQ(parse_shell("a && b && c; d && e").longest_and_chain(), 3u);
  EXPECT_EQ(parse_shell("a && b || c && d").longest_and_chain(), 2u);
  EXPECT_EQ(parse_shell("echo 'a && b && c'").longest_and_chain(), 1u);
}

TEST(ShellWords, CorpusCommand) {
  // cli/jobs/single-step/pytorch/cifar-distributed/job.yml style, a folded command.
  std::string_view text =
      "python train.py --epochs ${{inputs.epochs}} --learning-rate ${{inputs.learning_rate}} "
      "--data-dir ${{inputs.cifar}}";
  ShellParse p = parse_shell(text);
  ASSERT_EQ(p.commands.size(), 1u);
  auto argv = argv_of(p, 0);
  ASSERT_EQ(argv.size(), 8u);
  EXPECT_EQ(argv[3], "${{inputs.epochs}}");
  EXPECT_TRUE(p.issues.empty());
}

// Every `command` of the corpus tokenises cleanly; the installs found are exactly the ones a
// reader sees (pip install as a command word), and none comes from echo text.
TEST(ShellWords, CorpusCommands) {
  namespace fs = std::filesystem;
  fs::path corpus = fs::path(AMLLINT_SHARED_DIR) / "corpus" / "azureml-examples";
  if (!fs::exists(corpus)) GTEST_SKIP() << "corpus not found";
  size_t commands = 0;
  std::map<std::string, size_t> installs;  // file name -> installs found
  size_t longest_chain = 0;
  std::function<void(const YAML::Node&, const std::string&)> visit = [&](const YAML::Node& node,
                                                                         const std::string& file) {
    if (node.IsMap()) {
      for (const auto& kv : node) {
        if (kv.first.as<std::string>("") == "command" && kv.second.IsScalar()) {
          ++commands;
          ShellParse p = parse_shell(kv.second.Scalar());
          EXPECT_TRUE(p.issues.empty()) << file << ": " << kv.second.Scalar();
          size_t n = find_package_installs(p).size();
          if (n > 0) installs[fs::path(file).filename().string()] += n;
          longest_chain = std::max(longest_chain, p.longest_and_chain());
        }
        visit(kv.second, file);
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node) visit(item, file);
    }
  };
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    std::string ext = entry.path().extension().string();
    if (ext != ".yml" && ext != ".yaml") continue;
    try {
      visit(YAML::LoadFile(entry.path().string()), entry.path().string());
    } catch (const YAML::Exception&) {
    }
  }
  EXPECT_GT(commands, 50u);
  EXPECT_EQ(installs["hello-git.yml"], 1u);
  EXPECT_EQ(installs["hello-notebook.yml"], 1u);
  EXPECT_EQ(installs["hello-pipeline-io.yml"], 0u);  // echo "hello" && echo "world"
  EXPECT_GE(longest_chain, 2u);
}

}  // namespace
}  // namespace amllint
