// Source-DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas: "Optimal
// dynamic partial order reduction", POPL 2014, Algorithm 1).
//
// After each execution, every race (two dependent steps of different
// threads with nothing ordering them in between) is reversed by making sure
// the state before the first step will also be left by some thread that can
// start the reversed order (an "initial" of the reversed sequence).  Sleep
// sets keep threads whose step from a state was already explored, and
// whose step nothing since depends on, from being explored again.
#include <algorithm>
#include <bit>

#include "sim/hb.h"
#include "sim/strategies.h"

namespace sim {

namespace {

using Mask = uint64_t;
inline Mask bit(int t) { return Mask{1} << t; }

class Dpor : public Strategy {
  struct Attempt {
    size_t depth;  // made before step `depth`
    int thread;
    uint64_t loc;
  };

 public:
  bool begin() override {
    if (first_) {
      first_ = false;
      return true;
    }
    // The deepest state with a thread still to explore.
    while (!stack_.empty()) {
      Node& n = stack_.back();
      Mask todo = n.backtrack & ~n.done & ~n.sleep_mask();
      if (todo) {
        int t = std::countr_zero(todo);
        n.chosen = t;
        n.done |= bit(t);
        fresh_from_ = stack_.size();  // states deeper than the backtrack point are new
        return true;
      }
      stack_.pop_back();
    }
    done_ = true;
    return false;
  }

  int choose(const Decision& d) override {
    size_t k = d.depth - 1;  // stack_[k] is the state before step d.depth
    if (d.redo) attempts_.push_back({d.depth, d.blocked_thread, d.blocked_loc});
    if (k < stack_.size()) {
      Node& n = stack_[k];
      if (!d.redo) {
        n.cursor = 0;
        return n.pick();
      }
      if (n.cursor >= n.blocked.size()) {
        // The chosen thread blocked at once: not enabled in this state.
        int b = n.chosen;
        n.blocked.push_back(b);
        n.enabled &= ~bit(b);
        n.backtrack &= ~bit(b);
        n.done &= ~bit(b);
        Mask pool = k + 1 <= fresh_from_ ? n.backtrack & ~n.done & ~n.sleep_mask()  // a backtrack point
                                        : n.enabled & ~n.sleep_mask();            // a new state
        if (!pool) {
          n.chosen = -1;
          return -1;
        }
        int t = std::countr_zero(pool);
        n.chosen = t;
        n.done |= bit(t);
        n.backtrack |= bit(t);
      }
      ++n.cursor;
      return n.pick();
    }
    Node n;
    for (int t : *d.enabled) n.enabled |= bit(t);
    // The sleep set: what slept at the parent or was explored from it
    // before, and is independent of the step just taken.
    const Step& last = d.steps->back();
    if (k > 0) {
      const Node& p = stack_[k - 1];
      auto inherit = [&](int t, const Footprint& fp) {
        if (t != last.thread && !dependent(fp, last.reads_and_writes())) n.sleep.push_back({t, fp});
      };
      for (auto& [t, fp] : p.sleep) inherit(t, fp);
      for (auto& [t, fp] : p.explored)
        if (t != p.chosen) inherit(t, fp);
    }
    Mask awake = n.enabled & ~n.sleep_mask();
    if (!awake) {
      stack_.push_back(std::move(n));
      stack_.back().chosen = -1;
      return -1;  // sleep-set blocked: everything from here was seen
    }
    int t = (awake & bit(d.current)) ? d.current : std::countr_zero(awake);
    n.chosen = t;
    n.done = n.backtrack = bit(t);
    stack_.push_back(std::move(n));
    return t;
  }

  void end(const std::vector<Step>& steps, bool) override {
    // Record each state's step footprint (for the sleep sets of later
    // siblings): stack_[k] was left by steps[k + 1].
    for (size_t k = 0; k < stack_.size() && k + 1 < steps.size(); ++k) {
      Node& n = stack_[k];
      int t = steps[k + 1].thread;
      bool known = false;
      for (auto& e : n.explored) known |= e.first == t;
      if (!known) n.explored.push_back({t, steps[k + 1].reads_and_writes()});
    }
    if (stack_.size() > steps.size()) stack_.resize(steps.size());  // an abandoned tail
    HappensBefore hb(steps);
    for (size_t j = 1; j < steps.size(); ++j) {
      const auto& deps = hb.deps(j);
      for (uint32_t i : deps) {
        if (i == 0) continue;  // the first step has no alternative
        // A race: nothing else between i and j orders them.
        int64_t pj = hb.prev(j);
        if (pj >= 0 && hb.before(i, static_cast<size_t>(pj))) continue;
        bool covered = false;
        for (uint32_t k : deps)
          if (k != i && hb.before(i, k)) covered = true;
        if (covered) continue;
        reverse_step(hb, steps, i, j);
      }
    }
    // A step that ended the run disabled every other thread: it races with
    // each one's last step not ordered before it (that step could have
    // been cut off by the failure coming first), as a disabling step does
    // in DPOR.  Earlier steps of theirs follow, race by race, in the runs
    // this one leads to.
    if (steps.size() > 1 && steps.back().ends_run) {
      size_t j = steps.size() - 1;
      std::vector<bool> seen;
      for (size_t i = j; i-- > 1;) {
        auto u = static_cast<size_t>(steps[i].thread);
        if (steps[i].thread == steps[j].thread) continue;
        if (seen.size() <= u) seen.resize(u + 1, false);
        if (seen[u]) continue;
        seen[u] = true;
        if (hb.before(i, j)) continue;
        reverse_step(hb, steps, i, j);
      }
    }
    // A thread that found a lock held (or a thread running, an event unset)
    // made no step, but it wanted to go before whoever took the lock: that
    // is a race between the holder's step and the attempt.
    for (const Attempt& a : attempts_) {
      size_t i = a.depth;
      bool found = false;
      while (i-- > 1) {
        if (steps[i].thread == a.thread) continue;
        for (const Access& x : steps[i].fp)
          if (x.loc == a.loc && x.use == Use::Write) found = true;
        if (found) break;
      }
      if (!found) continue;
      int64_t prev = -1;
      for (size_t s = a.depth; s-- > 0;)
        if (steps[s].thread == a.thread) {
          prev = static_cast<int64_t>(s);
          break;
        }
      if (prev >= 0 && hb.before(i, static_cast<size_t>(prev))) continue;  // it could not have come first
      // Before the holder took the lock, the thread would have taken it and
      // gone on: its step then is the one it made when it did take it.
      size_t next = next_step_of(steps, a.depth, a.thread);
      reverse(hb, steps, i, next < steps.size() ? next : a.depth, a.thread, next < steps.size(), [&](size_t x) {
        return steps[x].thread == a.thread ||
               (prev >= 0 && x <= static_cast<size_t>(prev) && hb.before(x, static_cast<size_t>(prev))) ||
               (next < steps.size() && hb.before(x, next));
      });
    }
    attempts_.clear();
  }

  bool exhaustive() const override { return done_; }
  std::string name() const override { return "dpor"; }

  nlohmann::json save() const override {
    auto pairs = [](const std::vector<std::pair<int, Footprint>>& v) {
      nlohmann::json a = nlohmann::json::array();
      for (auto& [t, fp] : v) a.push_back({t, footprint_json(fp)});
      return a;
    };
    nlohmann::json stack = nlohmann::json::array();
    for (const Node& n : stack_)
      stack.push_back({{"enabled", n.enabled}, {"backtrack", n.backtrack}, {"done", n.done}, {"chosen", n.chosen},
                       {"blocked", n.blocked}, {"sleep", pairs(n.sleep)}, {"explored", pairs(n.explored)}});
    return {{"first", first_}, {"done", done_}, {"fresh_from", fresh_from_}, {"stack", stack}};
  }
  void load(const nlohmann::json& j) override {
    auto pairs = [](const nlohmann::json& a) {
      std::vector<std::pair<int, Footprint>> v;
      for (const auto& e : a) v.push_back({thread_from(e.at(0)), footprint_from(e.at(1))});
      return v;
    };
    first_ = j.at("first");
    done_ = j.at("done");
    fresh_from_ = j.at("fresh_from");
    // Only compared with depths inside the stack: beyond it, all the same.
    fresh_from_ = std::min<size_t>(fresh_from_, j.at("stack").size());
    stack_.clear();
    for (const auto& e : j.at("stack")) {
      Node n;
      n.enabled = e.at("enabled");
      n.backtrack = e.at("backtrack");
      n.done = e.at("done");
      n.chosen = e.at("chosen").get<int>() < 0 ? -1 : thread_from(e.at("chosen"));
      n.blocked = threads_from(e.at("blocked"));
      n.sleep = pairs(e.at("sleep"));
      n.explored = pairs(e.at("explored"));
      stack_.push_back(std::move(n));
    }
  }

 private:
  static size_t next_step_of(const std::vector<Step>& steps, size_t from, int thread) {
    while (from < steps.size() && steps[from].thread != thread) ++from;
    return from;
  }

  // The race of steps i and j, j's thread the one to go first.  When j
  // ended blocked on what i wrote (a lock i took, a thread i ran), j's
  // thread, moved before i, would not have blocked: it would have gone on
  // as far as it did when it got going again, with its next step.  So the
  // event to move is the two steps together: everything ordered before
  // either must still come first.  (Taking j alone would miss the steps
  // that had to come between: a sibling in which they come before j puts
  // j's thread to sleep, and the reversal that needs them is never made.)
  void reverse_step(const HappensBefore& hb, const std::vector<Step>& steps, size_t i, size_t j) {
    int t = steps[j].thread;
    bool blocked_by_i = false;
    if (steps[j].blocked_on)
      for (const Access& x : steps[i].fp)
        if (x.loc == *steps[j].blocked_on && x.use == Use::Write) blocked_by_i = true;
    if (!blocked_by_i) {
      reverse(hb, steps, i, j, t, true, [&](size_t x) { return hb.before(x, j); });
      return;
    }
    size_t next = next_step_of(steps, j + 1, t);
    if (next == steps.size()) {  // it never got going again: what it would do is not known
      reverse(hb, steps, i, j, t, false, [&](size_t x) { return hb.before(x, j); });
      return;
    }
    reverse(hb, steps, i, next, t, true, [&](size_t x) { return hb.before(x, j) || hb.before(x, next); });
  }

  // Make the state before step i also try a thread that starts the
  // sequence v = (the steps in (i, end) not ordered after i), then one more
  // event of `last_thread`: step `end` itself, or a blocked attempt made just
  // before it.  `precedes_last(s)` says whether step s of v must come before
  // it.  When that event's footprint is not known in the reversed order
  // (`last_known` false), it may depend on any step of v, so it starts the
  // sequence only when v is empty: an initial must be one for certain (a
  // thread that is not would only repeat its sibling's order, and one in
  // the sleep set would let the race go unreversed).
  template <class Precedes>
  void reverse(const HappensBefore& hb, const std::vector<Step>& steps, size_t i, size_t end, int last_thread,
               bool last_known, Precedes precedes_last) {
    Node& n = stack_[i - 1];
    std::vector<size_t> v;
    for (size_t k = i + 1; k < end; ++k)
      if (!hb.before(i, k)) v.push_back(k);
    Mask initials = 0;
    bool last_first = true;
    for (size_t x = 0; x < v.size(); ++x) {
      bool first = true;
      for (size_t y = 0; y < x && first; ++y)
        if (hb.before(v[y], v[x])) first = false;
      if (first) initials |= bit(steps[v[x]].thread);
      if (precedes_last(v[x])) last_first = false;
    }
    if (last_first && (last_known || v.empty())) initials |= bit(last_thread);
    initials &= n.enabled;
    if (initials & n.backtrack) return;
    if (initials) {
      int t = (initials & bit(last_thread)) ? last_thread : std::countr_zero(initials);
      n.backtrack |= bit(t);
    } else {
      n.backtrack |= n.enabled;  // cannot tell who starts it: try everyone
    }
  }

  struct Node {
    Mask enabled = 0, backtrack = 0, done = 0;
    int chosen = -1;
    std::vector<int> blocked;  // tried here first and found blocked: replayed, in order
    size_t cursor = 0;         // this execution's position in blocked, then chosen
    int pick() const { return cursor < blocked.size() ? blocked[cursor] : chosen; }
    std::vector<std::pair<int, Footprint>> sleep;     // asleep on entry
    std::vector<std::pair<int, Footprint>> explored;  // threads tried from here, with their step
    Mask sleep_mask() const {
      Mask m = 0;
      for (auto& s : sleep) m |= bit(s.first);
      return m;
    }
  };
  std::vector<Attempt> attempts_;  // this execution's blocked attempts
  std::vector<Node> stack_;  // stack_[k]: the state before step k + 1
  size_t fresh_from_ = 0;    // stack_[fresh_from_ - 1] is this execution's backtrack point
  bool first_ = true;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Strategy> make_dpor() { return std::make_unique<Dpor>(); }

}  // namespace sim
