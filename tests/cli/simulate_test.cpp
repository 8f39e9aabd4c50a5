// `gilsim simulate`: the classic GIL exercises in virtual time, with the
// numbers issue 7 asks for (4 cores).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/support/run.h"

namespace {

namespace fs = std::filesystem;
using gilsim_test::Result;

const fs::path kRoot = GILSIM_SOURCE_DIR;
const std::string kGilsim = GILSIM_BINARY;

Result gilsim(const std::string& args, bool stderr_too = true) {
  return gilsim_test::run_in(kRoot.string(), "'" + kGilsim + "' " + args, stderr_too);
}

nlohmann::json simulate_json(const std::string& args) {
  Result r = gilsim("simulate " + args + " --json", false);
  EXPECT_EQ(r.status, 0) << args << "\n" << r.out;
  try {
    return nlohmann::json::parse(r.out);
  } catch (const std::exception& e) {
    ADD_FAILURE() << args << ": not JSON: " << e.what() << "\n" << r.out;
    return nlohmann::json::object();
  }
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("gilsim_simulate_test_" + std::to_string(::getpid()) + "_" + name)).string();
}

// The number after `label` in the program's output ("... 4 threads 0.050 s").
double number_after(const std::string& text, const std::string& label) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(label + R"(\s*([0-9.]+))"))) return -1;
  return std::stod(m[1].str());
}

TEST(Simulate, CpuBoundThreadsTakeTurnsOnTheGil) {
  for (const char* model : {"gil", "cpython-3.11"}) {
    nlohmann::json j = simulate_json(std::string("examples/cpu_bound_threads.py --cores 4 --model ") + model);
    double speedup = j.value("speedup", 0.0);
    EXPECT_LE(speedup, 1.1) << model << "\n" << j.dump(2);
    EXPECT_GE(speedup, 0.9) << model << "\n" << j.dump(2);
    // Each worker waited for the GIL about three times as long as it ran.
    int workers = 0;
    for (const auto& t : j["threads"]) {
      if (t["name"].get<std::string>().find("(run)") == std::string::npos) continue;
      ++workers;
      EXPECT_GT(t["gil_wait"].get<double>(), t["cpu_time"].get<double>()) << model << "\n" << t.dump();
    }
    EXPECT_EQ(workers, 4) << j.dump(2);
    EXPECT_GT(j.value("gil_handoffs", 0), 4) << model;
  }
}

// Python 2's GIL (sim/costs.json, "python2_gil"): every 100 bytecodes the
// holder releases it and takes it back.  On 4 cores a waiter is woken on
// its own core each time and races the holder: each release costs 1.47 us
// and the waiter wins 56% of them.  cpu_bound_threads.py's loop body is 11
// bytecodes costing 69 ns, so 100 bytecodes cost 627.3 ns, and with a
// battle at each release the work runs at 627.3 / (627.3 + 1470) = 0.299
// of its speed alone: the threads take 3.3 times as long as one thread
// doing all of it (bench/py2_gil_battle measured 3.3x with two threads).
TEST(Simulate, Python2GilFightsItselfOnManyCores) {
  nlohmann::json j = simulate_json("examples/cpu_bound_threads.py --cores 4 --model python2-gil");
  EXPECT_EQ(j.value("model", ""), "python2-gil");
  EXPECT_EQ(j.value("check_interval", 0), 100);
  EXPECT_NEAR(j.value("speedup", 0.0), 0.299, 0.005) << j.dump(2);
  // A battle at nearly every check: 4 x 3,300,023 bytecodes / 100, less the
  // end, when one thread is left and nobody waits.
  auto battles = j.value("gil_battles", uint64_t{0}), handoffs = j.value("gil_handoffs", uint64_t{0});
  EXPECT_GE(battles, 120000u);
  EXPECT_LE(battles, 132001u);
  EXPECT_NEAR(static_cast<double>(handoffs) / static_cast<double>(battles), 0.56, 0.001);
  // The same work under the 3.2 GIL: no battles, a forced switch every 5 ms.
  nlohmann::json g = simulate_json("examples/cpu_bound_threads.py --cores 4 --model gil");
  EXPECT_EQ(g.value("gil_battles", uint64_t{7}), 7u) << "gil has no battles to report";
  // The same work (and a few hundred uncontended releases, 10 ns each,
  // while one thread ran alone).
  EXPECT_NEAR(j.value("serial_time", 0.0), g.value("serial_time", 0.0), 1e-5);
  EXPECT_GT(j.value("wall_time", 0.0), 3.2 * g.value("wall_time", 0.0));
  // The timeline draws 74,000 turns, most narrower than a pixel, as
  // stacked shares per pixel column: a small picture that still shows
  // each worker running and waiting.
  std::string svg = temp_path("py2.svg");
  ASSERT_EQ(gilsim("simulate examples/cpu_bound_threads.py --model python2-gil --svg '" + svg + "'").status, 0);
  std::ifstream in(svg);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_LT(text.size(), 100000u);
  // Over the first 266 ms each worker ran 20.7 ms (8%) and spent 48.5 ms
  // (18%) in battles: a quarter of the 194 ms the battles cost.
  EXPECT_TRUE(std::regex_search(text, std::regex("running 8%, retaking the GIL against a waiter 18%, waiting for the "
                                                 "GIL 7[34]%: 0.0")))
      << text.substr(0, 3000);
  fs::remove(svg);
}

// On one core the woken waiter cannot run until the OS preempts the
// holder, about every 4 ms (os_timeslice): few switches, and no time lost
// but the releases themselves (10 ns each).
TEST(Simulate, Python2GilOnOneCoreSwitchesWhenTheOsPreempts) {
  nlohmann::json j = simulate_json("examples/cpu_bound_threads.py --cores 1 --model python2-gil");
  EXPECT_GE(j.value("speedup", 0.0), 0.99) << j.dump(2);
  EXPECT_EQ(j.value("gil_battles", uint64_t{1}), 0u);
  // 84 ms of work in 4 ms turns.
  EXPECT_GE(j.value("gil_handoffs", 0), 18) << j.dump(2);
  EXPECT_LE(j.value("gil_handoffs", 0), 24) << j.dump(2);
  // The 33,000 releases, 10 ns each, are the difference from gil's time.
  nlohmann::json g = simulate_json("examples/cpu_bound_threads.py --cores 1 --model gil");
  EXPECT_NEAR(j.value("serial_time", 0.0) - g.value("serial_time", 0.0), 132000 * 10e-9, 5e-6) << j.dump(2);
}

// CPython's finalization stops daemon threads when the main thread ends:
// a spinner that never ends does not keep the simulation going.
TEST(Simulate, ADaemonThreadEndsWithTheMainThread) {
  nlohmann::json j = simulate_json("tests/programs/threads_daemon.py");
  EXPECT_EQ(j.value("exit_code", -1), 0);
  EXPECT_EQ(j.value("output", ""), "woke beside the spinner\nmain done; the daemon is still spinning: True\n");
  // Beside the spinner, each time the main thread or the sleeper wants the
  // GIL back it waits one switch interval (5 ms): the main thread gets it
  // back after starting the spinner (5 ms) and the sleeper (10 ms), the
  // sleeper after its 10 ms sleep (20 ms), the main thread after the join
  // (25 ms), and then the run ends, with the spinner still spinning.
  EXPECT_NEAR(j.value("wall_time", 0.0), 0.025, 0.0001) << j.dump(2);
}

TEST(Simulate, WithoutTheGilCpuBoundThreadsRunInParallel) {
  nlohmann::json j = simulate_json("examples/cpu_bound_threads.py --cores 4 --model free-threaded");
  EXPECT_GE(j.value("speedup", 0.0), 3.5) << j.dump(2);
  // On 2 cores the 4 threads wait for cores: about half the speedup.
  nlohmann::json two = simulate_json("examples/cpu_bound_threads.py --cores 2 --model free-threaded");
  EXPECT_GE(two.value("speedup", 0.0), 1.8) << two.dump(2);
  EXPECT_LE(two.value("speedup", 0.0), 2.1) << two.dump(2);
  // They take turns of one OS time slice (4 ms): all four end near the
  // end, each having waited for a core about as long as it ran.
  double wall = two.value("wall_time", 0.0);
  for (const auto& t : two["threads"]) {
    if (t["name"].get<std::string>().find("(run)") == std::string::npos) continue;
    EXPECT_GE(t["end"].get<double>(), 0.9 * wall) << t.dump();
    EXPECT_NEAR(t["core_wait"].get<double>(), t["cpu_time"].get<double>(), 0.1 * t["cpu_time"].get<double>())
        << t.dump();
  }
}

TEST(Simulate, OneThreadIsSlowerFreeThreadedByItsReferenceCounting) {
  // The same bytecodes cost the same under both models: the difference in
  // wall time is the modelled cost of free-threaded reference counting
  // (and the GIL's one uncontended take, 1 us, under gil).
  std::string prog = temp_path("one.py");
  std::ofstream(prog) << "total = 0\nfor i in range(20000):\n    total += i % 7\nprint(total)\n";
  nlohmann::json gil = simulate_json("'" + prog + "' --model gil");
  nlohmann::json ft = simulate_json("'" + prog + "' --model free-threaded");
  double rc = ft["threads"][0]["refcount_time"].get<double>();
  EXPECT_GT(rc, 0) << ft.dump(2);
  EXPECT_EQ(gil["threads"][0]["refcount_time"].get<double>(), 0) << gil.dump(2);
  double diff = ft["wall_time"].get<double>() - gil["wall_time"].get<double>();
  EXPECT_NEAR(diff, rc - 1e-6, 1e-8) << gil.dump(2) << ft.dump(2);
  EXPECT_EQ(gil["output"], "59997\n");  // what python3.11 prints
  // The text report says how much.
  Result r = gilsim("simulate '" + prog + "' --model free-threaded");
  EXPECT_NE(r.out.find("beyond plain adds under free-threaded"), std::string::npos) << r.out;
  fs::remove(prog);
}

TEST(Simulate, FourProcessesRunInParallelEachWithItsOwnGil) {
  nlohmann::json j = simulate_json("examples/cpu_bound_processes.py --cores 4");
  EXPECT_GE(j.value("speedup", 0.0), 3.5) << j.dump(2);
  int children = 0;
  for (const auto& t : j["threads"])
    if (t["name"].get<std::string>().rfind("Process-", 0) == 0) {
      ++children;
      EXPECT_EQ(t["gil_wait"].get<double>(), 0) << t.dump();  // nobody else wants its GIL
    }
  EXPECT_EQ(children, 4) << j.dump(2);
  // Each child computes what python3.11 computes: sum((i * seed) % 7 for i in range(2_000_000)).
  for (const char* line : {"process 1 computed 5999995\n", "process 4 computed 5999998\n"})
    EXPECT_NE(j["output"].get<std::string>().find(line), std::string::npos) << j["output"];
  // On one core the processes take turns: no faster than one thread.
  nlohmann::json one = simulate_json("examples/cpu_bound_processes.py --cores 1");
  EXPECT_LE(one.value("speedup", 9.0), 1.0) << one.dump(2);
}

TEST(Simulate, AProcessStartsAsSpawnDoes) {
  // The module runs again as __mp_main__ (its main block does not), then
  // target(*args): the parent's later change of `counter` is not seen.
  // python3.11 with multiprocessing.set_start_method("spawn") prints the
  // same two lines.
  std::string prog = temp_path("spawn.py");
  std::ofstream(prog) << "import multiprocessing\ncounter = 0\n\n\ndef child(n, name):\n    global counter\n"
                         "    counter += n\n    print(\"child\", name, counter, __name__)\n\n\n"
                         "if __name__ == \"__main__\":\n    counter = 100\n"
                         "    p = multiprocessing.Process(target=child, args=(5, \"a\"))\n    p.start()\n    p.join()\n"
                         "    print(\"parent\", counter, p.exitcode)\n";
  nlohmann::json j = simulate_json("'" + prog + "'");
  EXPECT_EQ(j["output"], "child a 5 __mp_main__\nparent 100 0\n") << j.dump(2);
  fs::remove(prog);
}

TEST(Simulate, CWorkThatReleasesTheGilRunsInParallel) {
  Result r = gilsim("simulate examples/native_release.py --cores 4");
  EXPECT_EQ(r.status, 0) << r.out;
  // 4 x 10 ms holding the GIL, one after another; releasing it, side by side.
  EXPECT_NE(r.out.find("holding the GIL: 40.0 ms"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("releasing the GIL: 10.0 ms"), std::string::npos) << r.out;
}

TEST(Simulate, TheSameCpuBoundProgramUnderEveryModel) {
  double plain_cpu = 0;
  std::map<std::string, double> rc;
  for (const char* model : {"gil", "cpython-3.11", "nogil-naive", "nogil-object-locks", "nogil-atomic-rc",
                            "nogil-cas-rc", "free-threaded"}) {
    nlohmann::json j = simulate_json(std::string("examples/cpu_bound_threads.py --model ") + model);
    bool gil = std::string(model) == "gil" || std::string(model) == "cpython-3.11";
    double speedup = j.value("speedup", 0.0);
    if (gil) EXPECT_LE(speedup, 1.1) << model;
    else EXPECT_GE(speedup, 3.5) << model;
    double cpu = 0, count = 0;
    for (const auto& t : j["threads"]) cpu += t["cpu_time"].get<double>(), count += t["refcount_time"].get<double>();
    if (std::string(model) == "gil") plain_cpu = cpu;
    rc[model] = count;
    // The same bytecodes: the CPU time differs from gil's by the counting alone.
    EXPECT_NEAR(cpu - count, plain_cpu, 1e-6) << model;
  }
  // A lock per change costs more than a compare-and-swap, which costs more
  // than an atomic add, which costs more than biased counting.
  EXPECT_GT(rc["nogil-object-locks"], rc["nogil-cas-rc"]);
  EXPECT_GT(rc["nogil-cas-rc"], rc["nogil-atomic-rc"]);
  EXPECT_GT(rc["nogil-atomic-rc"], rc["free-threaded"]);
  EXPECT_GT(rc["free-threaded"], 0);
  EXPECT_EQ(rc["nogil-naive"], 0);
}

TEST(Simulate, AnUnguardedProcessStartIsRefusedInTheChildAsSpawnDoes) {
  // python3.11 with the spawn start method: the child raises RuntimeError
  // while it runs the module again, and the parent sees exit code 1.
  std::string prog = temp_path("unguarded.py");
  std::ofstream(prog) << "import multiprocessing\n\n\ndef child():\n    print(\"child ran\")\n\n\n"
                         "p = multiprocessing.Process(target=child)\np.start()\np.join()\nprint(\"exitcode\", p.exitcode)\n";
  nlohmann::json j = simulate_json("'" + prog + "'");
  std::string out = j["output"];
  EXPECT_NE(out.find("RuntimeError: An attempt has been made to start a new process before the current process has "
                     "finished its bootstrapping phase"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("exitcode 1\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("child ran"), std::string::npos) << out;
  fs::remove(prog);
}

TEST(Simulate, SysSetswitchintervalChangesTheInterval) {
  // convoy.py with sys.setswitchinterval(0.001) at its top: each operation
  // waits about 1 ms for the GIL instead of 5.
  std::ifstream in(kRoot / "examples/convoy.py");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto at = text.find("import time\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 12, "import sys\nsys.setswitchinterval(0.001)\n");
  std::string prog = temp_path("interval.py");
  std::ofstream(prog) << text;
  Result r = gilsim("simulate '" + prog + "'");
  double beside = number_after(r.out, "CPU-bound thread:");
  EXPECT_GE(beside, 1.0) << r.out;
  EXPECT_LT(beside, 1.5) << r.out;
  fs::remove(prog);
}

TEST(Simulate, IoBoundThreadsOverlapTheirWaits) {
  Result r = gilsim("simulate examples/io_bound_threads.py --cores 4");
  EXPECT_EQ(r.status, 0) << r.out;
  double seq = number_after(r.out, "sequential"), thr = number_after(r.out, "4 threads");
  ASSERT_GT(thr, 0) << r.out;
  EXPECT_GE(seq / thr, 3.5) << r.out;
  // 4 waits of 0.05 s one after another, then side by side (virtual time is exact).
  EXPECT_NE(r.out.find("sequential 0.200 s, 4 threads 0.050 s"), std::string::npos) << r.out;
}

TEST(Simulate, AnIoThreadBesideACpuBoundOneWaitsASwitchIntervalPerOperation) {
  Result r = gilsim("simulate examples/convoy.py --cores 4");
  EXPECT_EQ(r.status, 0) << r.out;
  double alone = number_after(r.out, "alone:"), beside = number_after(r.out, "CPU-bound thread:");
  ASSERT_GT(alone, 0) << r.out;
  EXPECT_GE(beside / alone, 10) << r.out;
  // Each 0.2 ms wait is followed by a wait for the GIL of one 5 ms interval.
  EXPECT_GE(beside, 5.0) << r.out;
  Result ft = gilsim("simulate examples/convoy.py --cores 4 --model free-threaded");
  double ft_alone = number_after(ft.out, "alone:"), ft_beside = number_after(ft.out, "CPU-bound thread:");
  EXPECT_LT(ft_beside / ft_alone, 1.5) << ft.out;
  // A shorter switch interval shortens the convoy.
  Result shorter = gilsim("simulate examples/convoy.py --switch-interval 1ms");
  double s_beside = number_after(shorter.out, "CPU-bound thread:");
  EXPECT_LT(s_beside, 1.5) << shorter.out;
  EXPECT_GE(s_beside, 1.0) << shorter.out;
}

TEST(Simulate, SameProgramAndOptionsGiveTheSameBytes) {
  std::string a = temp_path("a.svg"), b = temp_path("b.svg");
  Result r1 = gilsim("simulate examples/convoy.py --svg '" + a + "'");
  Result r2 = gilsim("simulate examples/convoy.py --svg '" + b + "'");
  // Byte for byte, but for the SVG's path.
  EXPECT_EQ(r1.out.substr(0, r1.out.find("Timeline written")), r2.out.substr(0, r2.out.find("Timeline written")));
  EXPECT_NE(r1.out.find("Timeline written to " + a), std::string::npos) << r1.out;
  std::ifstream fa(a), fb(b);
  std::string sa((std::istreambuf_iterator<char>(fa)), {}), sb((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_FALSE(sa.empty());
  EXPECT_EQ(sa, sb);
  // A lane per thread, each with the activities it had.
  EXPECT_NE(sa.find("data-thread=\"Thread-2 (spin)\""), std::string::npos);
  EXPECT_NE(sa.find("class=\"waiting for the GIL\""), std::string::npos);
  EXPECT_NE(sa.find("class=\"sleeping or in I/O\""), std::string::npos);
  fs::remove(a);
  fs::remove(b);
}

TEST(Simulate, BadOptionsExitWith2AndSayWhy) {
  struct Case {
    std::string args, says;
  } cases[] = {
      {"examples/convoy.py --model nogil-magic", "unknown model 'nogil-magic'"},
      {"examples/convoy.py --cores 0", "--cores 0 is out of range"},
      {"examples/convoy.py --switch-interval fast", "--switch-interval 'fast' is not a duration"},
      {"examples/convoy.py --switch-interval -5ms", "is not a duration"},
      {"examples/convoy.py --costs /nonexistent/costs.json", "cannot read the cost table /nonexistent/costs.json"},
      {"/nonexistent/prog.py", "/nonexistent/prog.py"},
  };
  for (const auto& c : cases) {
    Result r = gilsim("simulate " + c.args);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.args << "\n" << r.out;
  }
  // A cost table with a wrong field names the file and the field.
  std::string costs = temp_path("costs.json");
  std::ofstream(costs) << R"({"bytecode": {"default": 6, "LOAD_FAST": "fast"}, "refcount": {}, "gil": {}})";
  Result r = gilsim("simulate examples/convoy.py --costs '" + costs + "'");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(costs + ": \"bytecode\".\"LOAD_FAST\" must be a number"), std::string::npos) << r.out;
  // So does one with a share that is not a share.
  nlohmann::json table = nlohmann::json::parse(gilsim("simulate --print-costs", false).out);
  table["python2_gil"]["waiter_wins"] = 1.5;
  std::ofstream(costs) << table.dump();
  r = gilsim("simulate examples/convoy.py --model python2-gil --costs '" + costs + "'");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(costs + ": \"python2_gil\".\"waiter_wins\" must be a share from 0 to 1"), std::string::npos)
      << r.out;
  fs::remove(costs);
}

TEST(Simulate, TheCostTableIsAFileAUserCanChange) {
  Result p = gilsim("simulate --print-costs", false);
  EXPECT_EQ(p.status, 0);
  nlohmann::json table = nlohmann::json::parse(p.out);
  EXPECT_TRUE(table.contains("sources")) << p.out;
  // Doubling every bytecode's cost doubles a one-thread program's time
  // (the GIL's one take, 1 us, aside).
  std::string prog = temp_path("double.py");
  std::ofstream(prog) << "n = 0\nwhile n < 10000:\n    n += 1\n";
  for (auto& [op, ns] : table["bytecode"].items()) ns = ns.get<double>() * 2;
  std::string costs = temp_path("double.json");
  std::ofstream(costs) << table.dump();
  double base = simulate_json("'" + prog + "'")["wall_time"].get<double>();
  double doubled = simulate_json("'" + prog + "' --costs '" + costs + "'")["wall_time"].get<double>();
  EXPECT_NEAR(doubled - 1e-6, 2 * (base - 1e-6), 1e-8);
  fs::remove(prog);
  fs::remove(costs);
}

}  // namespace
