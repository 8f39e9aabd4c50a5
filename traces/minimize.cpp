#include "traces/minimize.h"

#include <algorithm>
#include <optional>

namespace traces {

namespace {

// Follows a decision list, counting preemptions the way sim/bounded.cpp does.
class Follow : public sim::Strategy {
 public:
  explicit Follow(std::vector<int> d) : d_(std::move(d)) {}
  bool begin() override { return true; }
  int choose(const sim::Decision& d) override {
    preemptions_.before(d);
    const auto& e = *d.enabled;
    int t = next_ < d_.size() ? d_[next_++]
            : std::find(e.begin(), e.end(), d.current) != e.end() ? d.current
                                                                  : e[0];
    if (std::find(e.begin(), e.end(), t) == e.end()) t = e[0];  // cannot happen for a recorded list
    preemptions_.chose(d, t);
    return t;
  }
  void end(const std::vector<sim::Step>&, bool) override {}
  bool exhaustive() const override { return false; }
  std::string name() const override { return "follow"; }
  nlohmann::json save() const override { return nlohmann::json::object(); }
  void load(const nlohmann::json&) override {}
  int preemptions() const { return preemptions_.count; }

 private:
  std::vector<int> d_;
  size_t next_ = 0;
  sim::PreemptionCount preemptions_;
};

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
  sim::CheckOptions o = opts;
  o.strategy = "bounded";
  o.max_executions = budget;
  // Schedules of a long trace branch at every step: the queued ones hold
  // at most 25 million decisions (100 MB).
  o.max_queued = 25'000'000;
  o.time_limit = 0;
  o.jobs = 1;
  o.checkpoint.clear();
  o.resume.clear();
  o.progress = false;
  auto take = [&](const sim::Violation& found) {
    int p = count_preemptions(prog, opts, found.decisions);
    if (p > m.preemptions_after || (p == m.preemptions_after && found.decisions.size() >= m.decisions_after)) return;
    m.violation = found;
    m.preemptions_after = p;
    m.decisions_after = found.decisions.size();
    m.shrunk = true;
  };
  uint64_t used = 0;
  // 0. A long schedule (a random one) can have hundreds of preemptions:
  // dpor, whose first executions switch little, usually finds the same kind
  // of violation with far fewer, which bounds the search below.
  if (m.preemptions_before > 2) {
    sim::CheckOptions d = o;
    d.strategy = "dpor";
    d.stop_at_violation = true;
    d.max_executions = std::min<uint64_t>(budget / 4, 2000);
    d.accept = [&](const sim::Violation& found) { return found.kind == v.kind; };
    sim::CheckResult r = sim::explore(prog, d);
    used += r.executions + r.abandoned;
    if (r.violation) take(*r.violation);
  }
  // 1. The fewest preemptions: bounded with K = 0, 1, 2, ... until a
  // violation of this kind shows (a bound near the original's, on a long
  // random schedule, would queue more schedules than memory holds).
  for (int k = 0; k < m.preemptions_after && used < budget; ++k) {
    o.preemptions = k;
    o.stop_at_violation = true;
    o.max_executions = budget - used;
    o.accept = [&](const sim::Violation& found) { return found.kind == v.kind; };
    sim::CheckResult r = sim::explore(prog, o);
    used += r.executions + r.abandoned;
    if (r.violation) {
      take(*r.violation);
      break;
    }
  }
  m.executions += used;
  if (used >= budget) {  // no time left to look for fewer steps
    m.shortest = false;
    return m;
  }
  // 2. Among the schedules with that many, the fewest steps.
  o.preemptions = m.preemptions_after;
  o.stop_at_violation = false;
  o.max_executions = budget - used;
  std::optional<sim::Violation> best;
  o.accept = [&](const sim::Violation& found) {
    if (found.kind == v.kind && (!best || found.decisions.size() < best->decisions.size())) best = found;
    return false;  // search on
  };
  sim::CheckResult r = sim::explore(prog, o);
  m.executions += r.executions + r.abandoned;
  m.shortest = r.stopped_by.empty();  // bounded ran every schedule within its bound
  if (best) take(*best);
  return m;
}

}  // namespace traces
