// docs/tutorial.md is tested: every command in its ```console blocks runs,
// in order, in a fresh directory holding a copy of examples/, with the
// built `gilsim` first on PATH, and its output (stdout and stderr, as a
// terminal shows them) must be what the tutorial shows.  In the expected
// text a line that is only `[...]` stands for any number of lines, and
// `[...]` inside a line for any text: the tutorial uses them for elapsed
// times and for long listings it abridges, nothing else.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run.h"

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = GILSIM_SOURCE_DIR;
const std::string kGilsim = GILSIM_BINARY;

struct Command {
  int line = 0;  // in the tutorial
  std::string text;
  std::vector<std::string> expected;
};

std::vector<Command> commands_of(const std::string& markdown) {
  std::vector<Command> out;
  std::istringstream in(markdown);
  bool console = false;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (!console) {
      console = line == "```console";
      continue;
    }
    if (line == "```") {
      console = false;
    } else if (line.rfind("$ ", 0) == 0) {
      out.push_back(Command{n, line.substr(2), {}});
    } else if (!out.empty()) {
      out.back().expected.push_back(line);
    }
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// `pattern` with `[...]` matching any text.
bool line_matches(const std::string& pattern, const std::string& line) {
  size_t star = pattern.find("[...]");
  if (star == std::string::npos) return pattern == line;
  if (line.compare(0, star, pattern, 0, star) != 0) return false;
  std::string rest = pattern.substr(star + 5);
  for (size_t k = star; k <= line.size(); ++k)
    if (line_matches(rest, line.substr(k))) return true;
  return false;
}

// The expected lines against the actual, with `[...]` lines matching any
// number of lines.
bool matches(const std::vector<std::string>& want, size_t i, const std::vector<std::string>& got, size_t j) {
  if (i == want.size()) return j == got.size();
  if (want[i] == "[...]") {
    for (size_t k = j; k <= got.size(); ++k)
      if (matches(want, i + 1, got, k)) return true;
    return false;
  }
  return j < got.size() && line_matches(want[i], got[j]) && matches(want, i + 1, got, j + 1);
}

std::string first_difference(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  for (size_t k = 0; k < std::max(want.size(), got.size()); ++k) {
    std::string w = k < want.size() ? want[k] : "(nothing)", g = k < got.size() ? got[k] : "(nothing)";
    if (w == "[...]") return "(the difference is after an abridged part)";
    if (!line_matches(w, g)) return "first difference at output line " + std::to_string(k + 1) + ":\n  tutorial: " + w +
                                    "\n  actual:   " + g;
  }
  return "";
}

TEST(Tutorial, EveryCommandPrintsWhatTheTutorialShows) {
  std::ifstream f(kRoot / "docs/tutorial.md");
  ASSERT_TRUE(f) << "docs/tutorial.md is missing";
  std::stringstream ss;
  ss << f.rdbuf();
  std::vector<Command> cmds = commands_of(ss.str());
  ASSERT_GE(cmds.size(), 20u) << "the tutorial's console blocks were not found";

  fs::path dir = fs::temp_directory_path() / ("gilsim_tutorial_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(kRoot / "examples", dir / "examples", fs::copy_options::recursive);
  std::string path = fs::path(kGilsim).parent_path().string();
  for (const Command& c : cmds) {
    gilsim_test::Result r =
        gilsim_test::run_in(dir.string(), "env -u NO_COLOR PATH='" + path + "':\"$PATH\" " + c.text, true);
    std::vector<std::string> got = lines_of(r.out);
    std::vector<std::string> want = c.expected;
    while (!want.empty() && want.back().empty()) want.pop_back();  // the blank line before a block's end
    while (!got.empty() && got.back().empty()) got.pop_back();
    EXPECT_TRUE(matches(want, 0, got, 0)) << "docs/tutorial.md:" << c.line << ": $ " << c.text << "\n"
                                          << first_difference(want, got) << "\n--- actual output:\n"
                                          << r.out;
  }
  fs::remove_all(dir);
}

}  // namespace
