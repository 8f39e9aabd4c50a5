// examples/README.md is tested: every program in examples/ has a row in its
// gallery, and every verdict in a row is what its command prints today
// under that model.  A row's command names the model as `--model M`; the
// test runs it once per model column and reads the cell's value from it:
//
//   gilsim check ...     the verdict: "pass" (every schedule explored),
//                        "pass (budget)" (none failed within the budget),
//                        or the violation's kind ("expect", "refcount", ...)
//   gilsim simulate ...  the speedup, "1.00x"
//   gilsim run ...       the last line printed (the program's, or gilsim's message)
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run.h"

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = GILSIM_SOURCE_DIR;
const std::string kGilsim = GILSIM_BINARY;

std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|') {
      size_t b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
      out.push_back(b == std::string::npos ? "" : cur.substr(b, e - b + 1));
      cur.clear();
    } else {
      cur += row[i];
    }
  }
  return out;
}

std::string unquote(const std::string& s) {  // `code` -> code
  return s.size() >= 2 && s.front() == '`' && s.back() == '`' ? s.substr(1, s.size() - 2) : s;
}

std::string value_of(const std::string& command) {
  bool check = command.rfind("gilsim check ", 0) == 0, simulate = command.rfind("gilsim simulate ", 0) == 0;
  std::string cmd = "'" + kGilsim + "'" + command.substr(6) + (check || simulate ? " --json" : "");
  // run: what the terminal shows last (stdout, or gilsim's message on stderr).
  gilsim_test::Result r = gilsim_test::run_in(kRoot.string(), cmd, !check && !simulate);
  if (check || simulate) {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(r.out);
    } catch (const std::exception&) {
      return "(not JSON: " + r.out.substr(0, 200) + ")";
    }
    if (simulate) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2fx", j.value("speedup", 0.0));
      return buf;
    }
    if (j.value("verdict", "") == "pass") return j.value("complete", false) ? "pass" : "pass (budget)";
    return j.contains("violation") ? j["violation"].value("kind", "?") : "?";
  }
  std::string last;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) last = line;
  return last;
}

TEST(Gallery, EveryExampleHasARowAndEveryVerdictHolds) {
  std::ifstream f(kRoot / "examples/README.md");
  ASSERT_TRUE(f) << "examples/README.md is missing";
  std::vector<std::string> header;
  std::set<std::string> listed;
  int rows = 0;
  for (std::string line; std::getline(f, line);) {
    if (line.rfind("| program", 0) == 0) {
      header = cells(line);
      continue;
    }
    if (header.empty() || line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> c = cells(line);
    ASSERT_EQ(c.size(), header.size()) << line;
    std::string program = unquote(c[0]);
    listed.insert(program);
    std::string command = unquote(c[2]);
    ASSERT_NE(command.find("examples/" + program), std::string::npos) << line;
    ASSERT_NE(command.find("--model M"), std::string::npos) << line;
    ++rows;
    for (size_t k = 3; k < header.size(); ++k) {
      std::string model = unquote(header[k]);
      std::string cmd = command;
      cmd.replace(cmd.find("--model M"), 9, "--model " + model);
      EXPECT_EQ(value_of(cmd), c[k]) << program << " under " << model << ": " << cmd;
    }
  }
  EXPECT_GE(rows, 10);
  for (const auto& e : fs::directory_iterator(kRoot / "examples")) {
    if (e.path().extension() != ".py") continue;
    EXPECT_TRUE(listed.count(e.path().filename().string())) << e.path().filename() << " has no row in examples/README.md";
  }
}

}  // namespace
