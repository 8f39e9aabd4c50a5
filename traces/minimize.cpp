#include "traces/minimize.h"

#include <algorithm>

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

Minimized minimize(const sim::Program& prog, const sim::CheckOptions& opts, const sim::Violation& v) {
  Minimized m;
  m.violation = v;
  m.preemptions_before = m.preemptions_after = count_preemptions(prog, opts, v.decisions);
  m.decisions_before = m.decisions_after = v.decisions.size();
  if (m.preemptions_before == 0) return m;
  sim::CheckOptions o = opts;
  o.strategy = "bounded";
  o.preemptions = m.preemptions_before;
  o.stop_at_violation = true;
  o.max_executions = 0;
  o.time_limit = 0;
  o.jobs = 1;
  o.checkpoint.clear();
  o.resume.clear();
  o.progress = false;
  sim::CheckResult r = sim::explore(prog, o);
  m.executions = r.executions + r.abandoned;
  if (!r.violation || r.violation->kind != v.kind) return m;  // another kind came first: keep the original
  int p = count_preemptions(prog, opts, r.violation->decisions);
  if (p > m.preemptions_after || (p == m.preemptions_after && r.violation->decisions.size() >= m.decisions_after))
    return m;
  m.violation = *r.violation;
  m.preemptions_after = p;
  m.decisions_after = r.violation->decisions.size();
  m.shrunk = true;
  return m;
}

}  // namespace traces
