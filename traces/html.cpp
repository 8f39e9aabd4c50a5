// `gilsim replay --format html`: one self-contained page (no network, no
// external file) to step through an execution: the source with each
// thread's position, the threads' bytecodes side by side, and the module's
// globals with their reference counts at the current step.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "traces/explain.h"
#include "traces/trace.h"

namespace traces {

namespace {

const char* kPage = R"PAGE(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>gilsim: @TITLE@</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1d232a; background: #fafafa; }
  header { padding: 10px 16px; background: #243447; color: #fff; }
  header h1 { font-size: 17px; margin: 0 0 4px 0; }
  header .violation { color: #ffb3a7; font-family: ui-monospace, monospace; font-size: 13px; white-space: pre-wrap; }
  #controls { position: sticky; top: 0; z-index: 2; background: #e9eef3; padding: 8px 16px; display: flex;
              gap: 8px; align-items: center; border-bottom: 1px solid #c9d3dd; flex-wrap: wrap; }
  #controls button { font-size: 14px; padding: 3px 10px; }
  #slider { flex: 1; min-width: 200px; }
  #position { font-family: ui-monospace, monospace; min-width: 120px; }
  #now { font-family: ui-monospace, monospace; font-size: 13px; width: 100%; }
  main { display: grid; grid-template-columns: minmax(260px, 1fr) minmax(420px, 2fr) minmax(220px, 1fr);
         gap: 12px; padding: 12px 16px; align-items: start; }
  section { background: #fff; border: 1px solid #d5dde5; border-radius: 4px; overflow: auto; max-height: 78vh; }
  section h2 { font-size: 13px; margin: 0; padding: 6px 8px; background: #f0f3f6; border-bottom: 1px solid #d5dde5;
               position: sticky; top: 0; }
  pre, table { font-family: ui-monospace, monospace; font-size: 12px; }
  .src { margin: 0; }
  .src div { white-space: pre; padding: 0 6px; }
  .src div.current { background: #fff1b8; }
  .src .no { color: #8a96a3; display: inline-block; width: 3em; text-align: right; margin-right: 8px; }
  .tag { display: inline-block; font-size: 10px; padding: 0 4px; margin-left: 6px; border-radius: 3px; color: #fff; }
  table { border-collapse: collapse; width: 100%; }
  td, th { padding: 1px 6px; text-align: left; white-space: nowrap; vertical-align: top; }
  th { position: sticky; top: 29px; background: #f7f9fb; border-bottom: 1px solid #d5dde5; }
  #bytecodes { table-layout: fixed; }
  #bytecodes td, #bytecodes th { overflow: hidden; text-overflow: ellipsis; }
  #bytecodes th:first-child, #bytecodes td.n { width: 3.5em; }
  #bytecodes tr.todo td { color: #b7c0c9; }
  #bytecodes tr.now td.on { background: #fff1b8; font-weight: 600; }
  #bytecodes tr.switch td { border-top: 2px dashed #d46a6a; }
  #bytecodes td.n { color: #8a96a3; text-align: right; }
  #globals tr.changed td { background: #dff5e1; }
  #globals td.count { text-align: right; }
  #explanation { margin: 0 16px 16px 16px; white-space: pre-wrap; background: #fff; border: 1px solid #d5dde5;
                 padding: 8px; font-size: 12px; }
  .t0 { background: #5c6b7a; } .t1 { background: #2f7ebc; } .t2 { background: #c0632b; }
  .t3 { background: #3c9a5f; } .t4 { background: #8e5bb5; } .t5 { background: #b5475e; }
</style>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <div class="violation" id="violation"></div>
</header>
<div id="controls">
  <button id="first" title="first step (Home)">|&#x25C0;</button>
  <button id="prev" title="previous step (left arrow)">&#x25C0;</button>
  <button id="next" title="next step (right arrow)">&#x25B6;</button>
  <button id="last" title="last step (End)">&#x25B6;|</button>
  <input type="range" id="slider" min="1" value="1" aria-label="step">
  <span id="position"></span>
  <div id="now"></div>
</div>
<main>
  <section><h2>Source</h2><div class="src" id="source"></div></section>
  <section><h2>Bytecodes, one column per thread (dashes: a thread switch)</h2><table id="bytecodes"></table></section>
  <section><h2>Globals after this step (value, reference count)</h2><table id="globals"></table></section>
</main>
<pre id="explanation"></pre>
<script type="application/json" id="data">@DATA@</script>
<script>
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const S = D.steps.length;
const $ = (id) => document.getElementById(id);
const tag = (t) => `<span class="tag t${t % 6}">${esc(D.threads[t])}</span>`;
function esc(s) { return String(s).replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c])); }

$("title").textContent = `${D.program} under ${D.model}: ${S} steps, ${D.instructions.length} bytecodes`;
$("violation").textContent = D.violation.kind ? `VIOLATION (${D.violation.kind}): ${D.violation.message}` : "No violation in this execution.";
$("explanation").textContent = D.explanation;
$("slider").max = S;

// The interleaving: a row per bytecode, a column per thread.
const stepOf = [];
let begin = 0;
D.steps.forEach((s, k) => { for (let i = begin; i < s.end; ++i) stepOf[i] = k; begin = Math.max(begin, s.end); });
let head = "<tr><th>#</th>" + D.threads.map((n, t) => `<th>${tag(t)}</th>`).join("") + "</tr>";
let rows = [];
let prevThread = -1;
D.instructions.forEach(([t, line, text], i) => {
  const sw = prevThread >= 0 && t !== prevThread ? " switch" : "";
  prevThread = t;
  let cells = D.threads.map((_, c) => c === t ? `<td class="on" title="line ${line}: ${esc(text)}">${line} ${esc(text)}</td>` : "<td></td>").join("");
  rows.push(`<tr id="i${i}" data-step="${stepOf[i]}" class="todo${sw}"><td class="n">${i + 1}</td>${cells}</tr>`);
});
$("bytecodes").innerHTML = head + rows.join("");
$("source").innerHTML = D.source.map((l, i) => `<div id="l${i + 1}"><span class="no">${i + 1}</span>${esc(l)}<span class="tags"></span></div>`).join("");

let cur = 1;  // 1-based step shown
let shownRows = [];
function show(k) {
  cur = Math.max(1, Math.min(S, k));
  const s = D.steps[cur - 1];
  const start = cur > 1 ? D.steps[cur - 2].end : 0;
  $("slider").value = cur;
  $("position").textContent = `step ${cur} of ${S}`;
  // Rows: done, now, to come.
  for (const r of document.querySelectorAll("#bytecodes tr[data-step]")) {
    const st = +r.dataset.step;
    r.classList.toggle("todo", st > cur - 1);
    r.classList.toggle("now", st === cur - 1);
  }
  const ran = D.instructions.slice(start, s.end);
  const last = ran.length ? ran[ran.length - 1] : null;
  $("now").innerHTML = tag(s.thread) + (ran.length === 0 ? " takes a step without a bytecode (it starts, blocks or wakes)"
      : ` ran ${ran.length} bytecode${ran.length === 1 ? "" : "s"}, last at line ${last[1]}: ${esc(last[2])}`) +
      (cur > 1 && D.steps[cur - 2].thread !== s.thread ? " <b>(thread switch)</b>" : "");
  // Each thread's line: that of its latest bytecode so far.
  for (const d of document.querySelectorAll(".src div")) { d.classList.remove("current"); d.querySelector(".tags").innerHTML = ""; }
  const at = {};
  for (let i = 0; i < s.end; ++i) at[D.instructions[i][0]] = D.instructions[i][1];
  for (const [t, line] of Object.entries(at)) {
    const d = $("l" + line);
    if (!d) continue;
    d.querySelector(".tags").innerHTML += tag(+t);
    if (+t === s.thread) d.classList.add("current");
  }
  // Globals, with what changed in this step.
  const before = {};
  if (cur > 1) for (const [n, v, c] of D.steps[cur - 2].globals) before[n] = v + "/" + c;
  $("globals").innerHTML = "<tr><th>name</th><th>value</th><th>count</th></tr>" + s.globals.map(([n, v, c]) =>
      `<tr class="${cur > 1 && before[n] !== v + "/" + c ? "changed" : ""}" data-name="${esc(n)}"><td>${esc(n)}</td>` +
      `<td class="value">${esc(v)}</td><td class="count">${c < 0 ? "" : c}</td></tr>`).join("");
  const row = document.querySelector(`#bytecodes tr[data-step="${cur - 1}"]`);
  if (row && row.scrollIntoView) row.scrollIntoView({block: "nearest"});
}
$("first").onclick = () => show(1);
$("prev").onclick = () => show(cur - 1);
$("next").onclick = () => show(cur + 1);
$("last").onclick = () => show(S);
$("slider").oninput = (e) => show(+e.target.value);
document.addEventListener("keydown", (e) => {
  if (e.key === "ArrowRight") show(cur + 1);
  else if (e.key === "ArrowLeft") show(cur - 1);
  else if (e.key === "Home") show(1);
  else if (e.key === "End") show(S);
});
// A link can open a given step: page.html#step=12.
const m = /^#step=(\d+)$/.exec(location.hash);
show(m ? +m[1] : 1);
</script>
</body>
</html>
)PAGE";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

}  // namespace

std::string render_html(const Trace& t, const std::string& source, const sim::Replayed& r) {
  using json = nlohmann::json;
  json d;
  d["program"] = t.program;
  d["model"] = t.model;
  d["violation"] = {{"kind", r.violation.kind}, {"message", r.violation.message}};
  d["threads"] = r.thread_names;
  json lines = json::array();
  std::istringstream in(source);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  d["source"] = lines;
  json instructions = json::array();
  for (const sim::Executed& e : r.instructions) instructions.push_back({e.thread, line_of(e), instruction_of(e)});
  d["instructions"] = instructions;
  json steps = json::array();
  size_t begin = 0;
  for (size_t s = 0; s < r.steps.size(); ++s) {
    size_t end = s < r.step_ends.size() ? std::min(r.step_ends[s], r.instructions.size()) : begin;
    json globals = json::array();
    if (s < r.shown.size())
      for (const sim::Shown& g : r.shown[s]) globals.push_back({g.name, g.value, g.count});
    steps.push_back({{"thread", r.steps[s].thread}, {"end", std::max(end, begin)}, {"globals", globals}});
    begin = std::max(begin, end);
  }
  d["steps"] = steps;
  d["explanation"] = explain(r);
  // Inside <script>, "</" could close the element: JSON allows "<\/".
  std::string data = replace_all(d.dump(-1, ' ', false, json::error_handler_t::replace), "</", "<\\/");
  std::string page = replace_all(kPage, "@TITLE@", replace_all(replace_all(t.program, "&", "&amp;"), "<", "&lt;"));
  return replace_all(page, "@DATA@", data);
}

}  // namespace traces
