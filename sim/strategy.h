// What an exploration strategy sees and decides.
//
// An execution is a sequence of steps.  A step is what one thread does
// between two scheduling decisions: under a GIL model, bytecodes up to and
// including the next one that touched shared state (bytecodes that touch
// nothing shared commute with everything, so they join the step that
// follows).  Each step has a footprint: the shared locations it read or
// wrote.  Before every step but the first, the strategy picks which of the
// enabled threads runs it.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sim {

// How a step used a location.
enum class Use : uint8_t {
  Read,       // contents read (dict/list items, globals, attributes, cells, a lock's state)
  Write,      // contents written
  RcAdd,      // reference count incremented or decremented (atomically, or under the GIL)
  RcObserve,  // reference count read: sys.getrefcount, a decrement that frees
};

// A location: a part of an object, named by the object's allocation serial
// (stable across replays of the same prefix) and a field: the object's
// whole contents, its reference count, a dict's key set, or one key of a
// dict (by hash; two keys sharing a field only make steps look dependent,
// which is safe).  Serial 0 is the program's output.
enum Field : uint64_t { kWhole = 0, kCount = 1, kKeySet = 2, kFirstKey = 3 };
// The counts of all the runtime's immortal objects (None, small ints,
// builtins, interned names) as one location: changes to them are in nearly
// every step and commute with each other, so a step records at most one
// RcAdd here instead of one per object; only an observation of an
// immortal's count (sys.getrefcount('name')) conflicts with them, and it
// conflicts with them all (an over-approximation).
constexpr uint32_t kImmortalCounts = 0xFFFFFFFFu;
// Not a location of any object (those are below 2^56): the mark of a step
// that ended the run (Step::ends_run), dependent on every step.
constexpr uint64_t kRunEnd = ~uint64_t{0};
constexpr int kFieldBits = 24;
inline uint64_t location(uint32_t serial, uint64_t field) { return uint64_t{serial} << kFieldBits | field; }
inline uint64_t key_field(int64_t hash) {
  return kFirstKey + static_cast<uint64_t>(hash) % ((uint64_t{1} << kFieldBits) - kFirstKey);
}
inline uint32_t serial_of(uint64_t loc) { return static_cast<uint32_t>(loc >> kFieldBits); }
inline uint64_t field_of(uint64_t loc) { return loc & ((uint64_t{1} << kFieldBits) - 1); }

struct Access {
  uint64_t loc;
  Use use;
  bool operator==(const Access&) const = default;
  auto operator<=>(const Access& o) const {
    if (loc != o.loc) return loc <=> o.loc;
    return static_cast<int>(use) <=> static_cast<int>(o.use);
  }
};

using Footprint = std::vector<Access>;  // sorted, without duplicates

// Two uses of one location conflict when one writes, or when one observes
// a count the other changes.  Increments and decrements commute.
inline bool conflict(Use a, Use b) {
  if (a == Use::Write || b == Use::Write) return true;  // contents (counts are never written plainly)
  return (a == Use::RcAdd && b == Use::RcObserve) || (a == Use::RcObserve && b == Use::RcAdd);
}

// Two accesses to parts of one object: the same part as above; the whole
// contents against a key or the key set when either writes.
inline bool conflict(const Access& a, const Access& b) {
  uint64_t fa = field_of(a.loc), fb = field_of(b.loc);
  if (fa == fb) return conflict(a.use, b.use);
  if (fa == kCount || fb == kCount) return false;
  if (fa == kWhole || fb == kWhole) return a.use == Use::Write || b.use == Use::Write;
  return false;  // different keys, or a key and the key set
}

// Steps depend on each other when their footprints conflict somewhere.
bool dependent(const Footprint& a, const Footprint& b);

struct Step {
  int thread = 0;
  Footprint fp;
  int spawned_by = -1;  // for a thread's first step: the step that started it
  // The step ended with its thread blocked on this location (a held lock,
  // a running thread to join) after other shared accesses; the look at it
  // is in fp too.  (A step that only looked is no step: see Decision::redo.)
  std::optional<uint64_t> blocked_on;
  // The step ended the whole run (a use after free, a double free, a count
  // gone wrong, the step limit): every other thread was disabled by it, so
  // it depends on every step of theirs it could have come before.  Set on
  // the last step only.
  bool ends_run = false;
  // fp, plus a read of blocked_on: what decides the step's behaviour; for
  // a step that ended the run, also kRunEnd, which depends on everything.
  Footprint reads_and_writes() const {
    Footprint f = fp;
    if (blocked_on) {
      f.push_back({*blocked_on, Use::Read});
      std::sort(f.begin(), f.end());
    }
    if (ends_run) f.push_back({kRunEnd, Use::Write});  // the largest location: stays sorted
    return f;
  }
};

// The state in which a decision is made.
struct Decision {
  size_t depth = 0;               // index of the step about to be chosen
  const std::vector<int>* enabled = nullptr;  // runnable threads, ascending
  int current = 0;                // the thread that ran the last step
  const std::vector<Step>* steps = nullptr;  // the steps so far in this execution
  // The thread chosen last for this same step blocked at once (a held lock,
  // a thread to join): it is not enabled here after all; choose again.
  bool redo = false;
  int blocked_thread = -1;      // with redo: who blocked,
  uint64_t blocked_loc = 0;     // and on what (a lock's or a thread's location)
};

// Counts the preemptions of one execution: switches away from a thread
// that could have gone on.  A choice made again because the chosen thread
// blocked at once (Decision::redo) costs nothing: that thread never ran.
// Every strategy that counts preemptions (bounded, replays that minimize,
// generated schedules) counts them this way.
struct PreemptionCount {
  int count = 0;
  bool last = false;  // the latest choice preempted

  // Before choosing: takes back the latest choice's cost if it blocked at once.
  void before(const Decision& d) {
    if (d.redo && last) --count;
  }
  // After choosing thread t.
  void chose(const Decision& d, int t) {
    const std::vector<int>& e = *d.enabled;
    last = t != d.current && std::find(e.begin(), e.end(), d.current) != e.end();
    if (last) ++count;
  }
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  // Prepares the next execution; false when the exploration is complete.
  virtual bool begin() = 0;
  // The thread for step `d.depth`, or -1 to abandon this execution (it can
  // only repeat what was seen: sleep-set blocked).
  virtual int choose(const Decision& d) = 0;
  // The execution ended (complete or abandoned) with these steps.
  virtual void end(const std::vector<Step>& steps, bool abandoned) = 0;
  // Whether every execution that matters was explored.
  virtual bool exhaustive() const = 0;
  // Distinct Mazurkiewicz traces seen, when the strategy counts them (else -1).
  virtual int64_t classes() const { return -1; }
  // Whether schedules were left out for memory (bounded's max_queued), not
  // for the strategy's own bound.
  virtual bool dropped() const { return false; }
  virtual std::string name() const = 0;
  // The exploration state between two executions, for --checkpoint and
  // --resume: load(save()) continues exactly where save() was called.
  virtual nlohmann::json save() const = 0;
  virtual void load(const nlohmann::json& j) = 0;
};

// A thread number read from a checkpoint: 0..63 (masks have 64 bits).
inline int thread_from(const nlohmann::json& j) {
  int t = j.get<int>();
  if (t < 0 || t > 63) throw std::runtime_error("thread number out of range");
  return t;
}
inline std::vector<int> threads_from(const nlohmann::json& j) {
  std::vector<int> v;
  for (const auto& x : j) v.push_back(thread_from(x));
  return v;
}

// Footprints as JSON: [[location, use], ...].
inline nlohmann::json footprint_json(const Footprint& fp) {
  nlohmann::json a = nlohmann::json::array();
  for (const Access& x : fp) a.push_back({x.loc, static_cast<int>(x.use)});
  return a;
}
inline Footprint footprint_from(const nlohmann::json& a) {
  Footprint fp;
  for (const auto& x : a) {
    int use = x.at(1).get<int>();
    if (use < 0 || use > static_cast<int>(Use::RcObserve)) throw std::runtime_error("bad footprint use");
    fp.push_back({x.at(0).get<uint64_t>(), static_cast<Use>(use)});
  }
  return fp;
}

}  // namespace sim
