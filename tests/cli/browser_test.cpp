// The HTML page of `gilsim replay --format html`, opened in headless
// Chromium (installed by scripts/test.sh): a script added to a copy of the
// page clicks its buttons and moves its slider as a user would, and reads
// back what the page then shows; Chromium's --dump-dom hands that to the
// test.  A screenshot of the page at the step of the lost update's second
// store is kept in the build tree (tests/browser/replay-html.png).
//
// What the page must show comes from examples/counter.py, by hand: x starts
// at 0, both threads read 0, both store 1, x ends as 1 (the lost update).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/support/run.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const fs::path kRoot = GILSIM_SOURCE_DIR;
const std::string kGilsim = GILSIM_BINARY;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string chromium(const std::string& args) {
  gilsim_test::Result r = gilsim_test::run_in(
      kRoot.string(), "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
                      "--no-first-run --hide-scrollbars " + args, false);
  EXPECT_EQ(r.status, 0) << r.out;
  return r.out;
}

// Clicks through the page and records what it shows, into #test-result.
const char* kDriver = R"JS(
<script>
(function () {
  const $ = (id) => document.getElementById(id);
  const x = () => { const c = document.querySelector('#globals tr[data-name="x"] td.value'); return c ? c.textContent : null; };
  const out = {start: $("position").textContent, rows: document.querySelectorAll("#bytecodes tr[data-step]").length,
               steps: [], threads: [...document.querySelectorAll("#bytecodes th .tag")].map((e) => e.textContent)};
  $("last").click();
  out.last = $("position").textContent;
  out.lastX = x();
  out.violation = $("violation").textContent;
  out.nowRowsAtLast = document.querySelectorAll("#bytecodes tr.now").length;
  out.todoRowsAtLast = document.querySelectorAll("#bytecodes tr.todo").length;
  $("first").click();
  out.first = $("position").textContent;
  out.todoRowsAtFirst = document.querySelectorAll("#bytecodes tr.todo").length;
  // Step forward with the button to the end, noting x and the step's thread line.
  for (let guard = 0; guard < 10000; ++guard) {
    out.steps.push({position: $("position").textContent, x: x(), now: $("now").textContent,
                    current: [...document.querySelectorAll(".src div.current")].map((d) => d.id)});
    const before = $("position").textContent;
    $("next").click();
    if ($("position").textContent === before) break;
  }
  $("prev").click();
  out.afterPrev = $("position").textContent;
  const slider = $("slider");
  slider.value = 3;
  slider.dispatchEvent(new Event("input"));
  out.afterSlider = $("position").textContent;
  const pre = document.createElement("pre");
  pre.id = "test-result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
)JS";

TEST(Browser, ReplayPageStepsThroughTheLostUpdate) {
  ASSERT_EQ(std::system("command -v chromium >/dev/null 2>&1"), 0)
      << "chromium is missing: scripts/test.sh installs it (apt-get install chromium)";
  fs::path dir = fs::path(kGilsim).parent_path() / "tests/browser";
  fs::create_directories(dir);
  std::string trace = (dir / "counter.json").string();
  fs::path page = dir / "replay.html", driven = dir / "replay-driven.html", shot = dir / "replay-html.png";
  fs::remove(shot);
  gilsim_test::Result c = gilsim_test::run_in(kRoot.string(), "'" + kGilsim + "' check examples/counter.py --trace-out '" + trace + "'");
  ASSERT_EQ(c.status, 1) << c.out;
  gilsim_test::Result h = gilsim_test::run_in(kRoot.string(), "'" + kGilsim + "' replay '" + trace + "' --format html -o '" + page.string() + "'");
  ASSERT_EQ(h.status, 1) << h.out;
  std::string html = slurp(page);
  // Self-contained: nothing fetched from anywhere.
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  std::string with_driver = html;
  with_driver.insert(with_driver.rfind("</body>"), kDriver);
  {
    std::ofstream out(driven, std::ios::binary);
    out << with_driver;
  }
  std::string dom = chromium("--dump-dom 'file://" + driven.string() + "'");
  auto from = dom.find("<pre id=\"test-result\">");
  ASSERT_NE(from, std::string::npos) << "the page's script did not run:\n" << dom.substr(0, 2000);
  from += std::string("<pre id=\"test-result\">").size();
  std::string text = dom.substr(from, dom.find("</pre>", from) - from);
  // --dump-dom escapes &, < and > in text.
  for (auto [a, b] : {std::pair<std::string, std::string>{"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
    for (size_t at = text.find(a); at != std::string::npos; at = text.find(a, at + 1)) text.replace(at, a.size(), b);
  json r = json::parse(text);
  json t = json::parse(slurp(trace));
  size_t steps = t["steps"].size();
  EXPECT_EQ(r["start"], "step 1 of " + std::to_string(steps));
  EXPECT_EQ(r["last"], "step " + std::to_string(steps) + " of " + std::to_string(steps));
  EXPECT_EQ(r["first"], "step 1 of " + std::to_string(steps));
  EXPECT_EQ(r["threads"], json({"MainThread", "Thread-1 (inc)", "Thread-2 (inc)"}));
  EXPECT_GT(r["rows"].get<int>(), 20);
  EXPECT_EQ(r["todoRowsAtLast"], 0);
  EXPECT_GT(r["nowRowsAtLast"].get<int>(), 0);
  EXPECT_GT(r["todoRowsAtFirst"].get<int>(), 0);
  EXPECT_EQ(r["lastX"], "1") << "x ends as 1: one update was lost";
  EXPECT_NE(r["violation"].get<std::string>().find("VIOLATION (expect)"), std::string::npos) << r["violation"];
  ASSERT_EQ(r["steps"].size(), steps) << "the next button visits every step once";
  // x is 0 once defined, becomes 1, and never 2.
  bool zero = false, one = false;
  for (const json& s : r["steps"]) {
    if (s["x"].is_null()) continue;
    EXPECT_TRUE(s["x"] == "0" || s["x"] == "1") << s.dump();
    if (s["x"] == "0") {
      EXPECT_FALSE(one) << "x went back to 0";
      zero = true;
    }
    if (s["x"] == "1") one = true;
    // The line of the thread that ran is marked (a step without a bytecode,
    // a thread's start, has none).
    if (s["now"].get<std::string>().find(" ran ") != std::string::npos) {
      EXPECT_FALSE(s["current"].empty()) << s.dump();
    }
  }
  EXPECT_TRUE(zero && one);
  EXPECT_EQ(r["afterPrev"], "step " + std::to_string(steps - 1) + " of " + std::to_string(steps));
  EXPECT_EQ(r["afterSlider"], "step 3 of " + std::to_string(steps));
  // The screenshot, at the last step.
  chromium("--window-size=1400,1000 --screenshot='" + shot.string() + "' 'file://" + page.string() + "#step=" +
           std::to_string(steps) + "'");
  ASSERT_TRUE(fs::exists(shot));
  EXPECT_GT(fs::file_size(shot), 20000u) << "a blank page would compress to almost nothing";
}

// The SVG timeline of `gilsim simulate`: 4 CPU-bound threads taking turns
// on the GIL.  A script measures what Chromium laid out: every lane's label
// is drawn and apart from the next, the bars are tall enough to see, the
// legend's entries do not overlap; the test keeps a screenshot
// (tests/browser/simulate-svg.png).
TEST(Browser, SimulateTimelineShowsEachThreadsLaneLegibly) {
  fs::path dir = fs::path(kGilsim).parent_path() / "tests/browser";
  fs::create_directories(dir);
  fs::path svg = dir / "simulate.svg", page = dir / "simulate-driven.html", shot = dir / "simulate-svg.png";
  gilsim_test::Result r = gilsim_test::run_in(
      kRoot.string(), "'" + kGilsim + "' simulate examples/cpu_bound_threads.py --svg '" + svg.string() + "'", true);
  ASSERT_EQ(r.status, 0) << r.out;
  std::string text = slurp(svg);
  ASSERT_FALSE(text.empty());
  std::ofstream(page) << "<!DOCTYPE html><html><body>" << text << R"JS(
<script>
(function () {
  const box = (e) => e.getBoundingClientRect();
  const lanes = [...document.querySelectorAll("g.lane")].map((g) => {
    const label = box(g.querySelector("text"));
    const bars = [...g.querySelectorAll("rect[class]")];
    return {thread: g.dataset.thread, labelWidth: label.width, labelTop: label.top, labelBottom: label.bottom,
            bars: bars.length, minBarHeight: Math.min(...bars.map((b) => box(b).height)),
            running: bars.filter((b) => b.getAttribute("class") === "running").length,
            waiting: bars.filter((b) => b.getAttribute("class") === "waiting for the GIL").length};
  });
  const legend = [...document.querySelectorAll("svg > text")].filter((t) => box(t).top > 45 && box(t).top < 70)
                   .map((t) => { const b = box(t); return {left: b.left, right: b.right}; });
  const svgBox = box(document.querySelector("svg"));
  const pre = document.createElement("pre");
  pre.id = "test-result";
  pre.textContent = JSON.stringify({lanes, legend, width: svgBox.width, height: svgBox.height});
  document.body.appendChild(pre);
})();
</script></body></html>)JS";
  std::string dom = chromium("--dump-dom 'file://" + page.string() + "'");
  auto at = dom.find("<pre id=\"test-result\">");
  ASSERT_NE(at, std::string::npos) << dom.substr(0, 2000);
  auto from = dom.find('>', at) + 1;
  std::string body = dom.substr(from, dom.find("</pre>", from) - from);
  for (std::string ent : {"&quot;", "&amp;"}) {  // --dump-dom escapes the text
    for (size_t k; (k = body.find(ent)) != std::string::npos;) body.replace(k, ent.size(), ent == "&quot;" ? "\"" : "&");
  }
  json j = json::parse(body);
  ASSERT_EQ(j["lanes"].size(), 5u) << j.dump(2);  // the main thread and the 4 workers
  double previous_bottom = 0;
  for (const json& lane : j["lanes"]) {
    EXPECT_GT(lane["labelWidth"].get<double>(), 40) << lane.dump();
    EXPECT_GE(lane["labelTop"].get<double>(), previous_bottom) << "labels overlap: " << lane.dump();
    previous_bottom = lane["labelBottom"].get<double>();
    EXPECT_GE(lane["minBarHeight"].get<double>(), 10) << lane.dump();
    if (lane["thread"].get<std::string>().find("(run)") != std::string::npos) {
      // Each worker runs in turns and waits for the GIL in between.
      EXPECT_GE(lane["running"].get<int>(), 2) << lane.dump();
      EXPECT_GE(lane["waiting"].get<int>(), 1) << lane.dump();
    }
  }
  ASSERT_GE(j["legend"].size(), 5u) << j.dump(2);
  for (size_t k = 1; k < j["legend"].size(); ++k)
    EXPECT_LE(j["legend"][k - 1]["right"].get<double>(), j["legend"][k]["left"].get<double>()) << j["legend"].dump();
  chromium("--window-size=1100,300 --screenshot='" + shot.string() + "' 'file://" + svg.string() + "'");
  ASSERT_TRUE(fs::exists(shot));
  EXPECT_GT(fs::file_size(shot), 10000u) << "a blank picture would compress to almost nothing";
}

}  // namespace
