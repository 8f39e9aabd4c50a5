#include "traces/minimize.h"

#include <algorithm>
#include <optional>

namespace traces {

namespace {

// Follows a decision list, counting preemptions the way sim/bounded.cpp
// does; past its end, keeps the running thread (or the lowest enabled one),
// as a replay of a trace cut short does.  It abandons an execution that
// can no longer beat a limit: more preemptions than `max_preemptions`, or
// as many and at least `max_depth` steps.
class Follow : public sim::Strategy {
 public:
  explicit Follow(std::vector<int> d, int max_preemptions = -1, size_t max_depth = 0)
      : d_(std::move(d)), max_preemptions_(max_preemptions), max_depth_(max_depth) {}
  bool begin() override { return true; }
  int choose(const sim::Decision& d) override {
    preemptions_.before(d);
    if (max_preemptions_ >= 0 && (preemptions_.count > max_preemptions_ ||
                                  (preemptions_.count == max_preemptions_ && max_depth_ && d.depth >= max_depth_)))
      return -1;
    const auto& e = *d.enabled;
    int fallback = std::find(e.begin(), e.end(), d.current) != e.end() ? d.current : e[0];
    int t = next_ < d_.size() ? d_[next_++] : fallback;
    if (std::find(e.begin(), e.end(), t) == e.end()) t = fallback;  // an edited list: that thread cannot run here
    defaults_.push_back(fallback);
    preemptions_.chose(d, t);
    return t;
  }
  void end(const std::vector<sim::Step>&, bool) override {}
  bool exhaustive() const override { return false; }
  std::string name() const override { return "follow"; }
  nlohmann::json save() const override { return nlohmann::json::object(); }
  void load(const nlohmann::json&) override {}
  int preemptions() const { return preemptions_.count; }
  // What the default order would have chosen at each decision.
  const std::vector<int>& defaults() const { return defaults_; }

 private:
  std::vector<int> d_;
  int max_preemptions_;
  size_t max_depth_;
  size_t next_ = 0;
  std::vector<int> defaults_;
  sim::PreemptionCount preemptions_;
};

// The searches' shared state: the best schedule so far and the executions used.
struct Search {
  const sim::Program& prog;
  const sim::CheckOptions& opts;
  const sim::Violation& original;
  Minimized& m;
  uint64_t used = 0;

  bool better(int p, size_t n) const {
    return p < m.preemptions_after || (p == m.preemptions_after && n < m.decisions_after);
  }
  void take(const sim::Violation& found, int p) {
    m.violation = found;
    m.preemptions_after = p;
    m.decisions_after = found.decisions.size();
    m.shrunk = true;
  }
  // Runs the schedule `d` describes; keeps it when it shows a violation of
  // the original's kind and beats the best.
  bool attempt(const std::vector<int>& d) {
    Follow f(d, m.preemptions_after, m.decisions_after);
    sim::Execution e = sim::execute(prog, opts, f);
    ++used;
    if (e.abandoned || e.violation.kind != original.kind || !better(f.preemptions(), e.decisions.size())) return false;
    sim::Violation v = e.violation;
    v.decisions = std::move(e.decisions);
    v.output = std::move(e.output);
    v.execution = used - 1;
    take(v, f.preemptions());
    return true;
  }
};

// The decisions of `d` up to its last one that differs from the default
// order (the rest replays the same without them).
std::vector<int> essential(const sim::Program& prog, const sim::CheckOptions& opts, const std::vector<int>& d) {
  Follow f(d);
  sim::execute(prog, opts, f);
  size_t n = std::min(d.size(), f.defaults().size());
  while (n > 0 && d[n - 1] == f.defaults()[n - 1]) --n;
  return {d.begin(), d.begin() + static_cast<std::ptrdiff_t>(n)};
}

// Runs of one thread in a decision list: [begin, end) index pairs.
std::vector<std::pair<size_t, size_t>> runs_of(const std::vector<int>& d) {
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t i = 0; i < d.size();) {
    size_t j = i;
    while (j < d.size() && d[j] == d[i]) ++j;
    runs.emplace_back(i, j);
    i = j;
  }
  return runs;
}

// Greedy shrinking of the schedule itself (as delta debugging and
// Hypothesis shrink a test case), over the runs of one thread in it: merge
// a run into the thread's previous or next run (one switch less), delete a
// run (its work moves to the thread's next run), shorten a run from its
// end; every change that still shows the violation with fewer preemptions,
// or as many and fewer steps, is kept.  Cheap (one execution per try, cut
// off once it cannot win), and on a long random schedule it removes most
// preemptions before the exhaustive searches start.
void shrink(Search& s, uint64_t budget) {
  using Runs = std::vector<std::pair<size_t, size_t>>;
  auto at = [](const std::vector<int>& d, size_t i) { return d.begin() + static_cast<std::ptrdiff_t>(i); };
  // The candidates made from run j, most promising first.
  auto candidates = [&](const std::vector<int>& d, const Runs& runs, size_t j) {
    std::vector<std::vector<int>> out;
    auto [b, e] = runs[j];
    int t = d[b];
    for (size_t k = j + 1; k < runs.size(); ++k)  // into the thread's next run
      if (d[runs[k].first] == t) {
        std::vector<int> c(d.begin(), at(d, b));
        c.insert(c.end(), at(d, e), at(d, runs[k].first));
        c.insert(c.end(), e - b, t);
        c.insert(c.end(), at(d, runs[k].first), d.end());
        out.push_back(std::move(c));
        break;
      }
    for (size_t k = j; k-- > 0;)  // into the thread's previous run
      if (d[runs[k].first] == t) {
        std::vector<int> c(d.begin(), at(d, runs[k].second));
        c.insert(c.end(), e - b, t);
        c.insert(c.end(), at(d, runs[k].second), at(d, b));
        c.insert(c.end(), at(d, e), d.end());
        out.push_back(std::move(c));
        break;
      }
    std::vector<int> c = d;  // deleted
    c.erase(at(c, b), at(c, e));
    out.push_back(std::move(c));
    for (size_t keep : {(e - b) / 2, e - b - 1}) {  // shortened: half of it, all of it but one
      if (keep == 0) continue;
      std::vector<int> c2 = d;
      c2.erase(at(c2, b + keep), at(c2, e));
      out.push_back(std::move(c2));
    }
    return out;
  };
  for (bool progress = true; progress && s.used < budget;) {
    progress = false;
    std::vector<int> d = essential(s.prog, s.opts, s.m.violation.decisions);
    ++s.used;
    Runs runs = runs_of(d);
    for (size_t j = runs.size(); j-- > 0 && !progress;)  // later runs first: the earlier ones stay as they were
      for (const auto& c : candidates(d, runs, j)) {
        if (s.used >= budget) return;
        if (s.attempt(c)) {
          progress = true;
          break;
        }
      }
  }
}

}  // namespace

int count_preemptions(const sim::Program& prog, const sim::CheckOptions& opts, const std::vector<int>& decisions) {
  Follow f(decisions);
  sim::execute(prog, opts, f);
  return f.preemptions();
}

Minimized minimize(const sim::Program& prog, const sim::CheckOptions& opts, const sim::Violation& v,
                   uint64_t budget) {
  Minimized m;
  m.violation = v;
  m.preemptions_before = m.preemptions_after = count_preemptions(prog, opts, v.decisions);
  m.decisions_before = m.decisions_after = v.decisions.size();
  Search s{prog, opts, v, m};
  // 0. Shrink the schedule itself, with at most half the budget.
  shrink(s, budget / 2);

  sim::CheckOptions o = opts;
  o.strategy = "bounded";
  // Schedules of a long trace branch at every step: the queued ones hold
  // at most 25 million decisions (100 MB).
  o.max_queued = 25'000'000;
  o.time_limit = 0;
  o.jobs = 1;
  o.checkpoint.clear();
  o.resume.clear();
  o.progress = false;
  auto keep = [&](const sim::Violation& found) {
    int p = count_preemptions(prog, opts, found.decisions);
    if (s.better(p, found.decisions.size())) s.take(found, p);
  };
  // 1. The fewest preemptions: bounded below the best so far.  Bounded
  // takes schedules in order of preemptions, so the first violation of this
  // kind it finds has the fewest.
  if (m.preemptions_after > 0 && s.used < budget) {
    o.preemptions = m.preemptions_after - 1;
    o.stop_at_violation = true;
    o.max_executions = budget - s.used;
    o.accept = [&](const sim::Violation& found) { return found.kind == v.kind; };
    sim::CheckResult r = sim::explore(prog, o);
    s.used += r.executions + r.abandoned;
    if (r.violation) keep(*r.violation);
    // Found, or every schedule with fewer preemptions run (none dropped).
    m.fewest = !r.dropped && (r.violation || r.stopped_by.empty());
  } else if (m.preemptions_after > 0) {
    m.fewest = false;
  }
  m.executions = s.used;
  if (s.used >= budget) {  // no executions left to look for fewer steps
    m.shortest = false;
    return m;
  }
  // 2. Among the schedules with that many, the fewest steps: every one
  // shorter than the best so far (longer ones are abandoned as they reach
  // its length).
  o.preemptions = m.preemptions_after;
  o.stop_at_violation = false;
  o.max_executions = budget - s.used;
  o.max_depth = m.decisions_after;
  std::optional<sim::Violation> best;
  o.accept = [&](const sim::Violation& found) {
    if (found.kind == v.kind && (!best || found.decisions.size() < best->decisions.size())) best = found;
    return false;  // search on
  };
  sim::CheckResult r = sim::explore(prog, o);
  m.executions += r.executions + r.abandoned;
  // Bounded ran every schedule within its bounds, and dropped none for memory.
  m.shortest = r.stopped_by.empty() && !r.dropped;
  if (best) keep(*best);
  return m;
}

}  // namespace traces
