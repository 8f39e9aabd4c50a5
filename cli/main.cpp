// The `gilsim` command: a thin layer over the libraries that parses the
// command line (CLI11), runs one subcommand and maps the result to the exit
// codes of DESIGN.md: 0 success, 1 a violation or a failed program, 2 bad
// usage or bad input (with a FILE:LINE:COL message).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <string>

#include "vm/compiler.h"
#include "vm/diagnostic.h"
#include "vm/dis.h"

namespace {

constexpr const char* kVersion = "gilsim 0.1.0";

int cmd_dis(const std::string& path) {
  auto code = vm::compile_file(path);
  std::string text = vm::disassemble(*code);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gilsim: a deterministic simulator and model checker for a CPython-like VM"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  std::string dis_path;
  auto* dis = app.add_subcommand("dis", "Disassemble a program exactly as `python3.11 -m dis` does");
  dis->add_option("PROG", dis_path, "Python source file")->required();
  dis->footer("Example:\n  gilsim dis examples/counter.py");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "gilsim: " << e.what() << "\nRun 'gilsim --help' for usage.\n";
    return 2;
  }

  try {
    if (dis->parsed()) return cmd_dis(dis_path);
  } catch (const vm::CompileError& e) {
    std::fflush(stdout);
    std::cerr << e.diagnostic().format() << "\n";
    return 2;
  }
  return 2;
}
