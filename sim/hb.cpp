#include "sim/hb.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace sim {

bool dependent(const Footprint& a, const Footprint& b) {
  if ((!a.empty() && a.back().loc == kRunEnd) || (!b.empty() && b.back().loc == kRunEnd)) return true;
  // Both sorted by location, so by object: walk the objects in step.
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    uint32_t sa = serial_of(a[i].loc), sb = serial_of(b[j].loc);
    if (sa < sb) {
      ++i;
    } else if (sb < sa) {
      ++j;
    } else {
      size_t ie = i, je = j;
      while (ie < a.size() && serial_of(a[ie].loc) == sa) ++ie;
      while (je < b.size() && serial_of(b[je].loc) == sb) ++je;
      for (size_t x = i; x < ie; ++x)
        for (size_t y = j; y < je; ++y)
          if (conflict(a[x], b[y])) return true;
      i = ie;
      j = je;
    }
  }
  return false;
}

namespace {

// Per location: the last exclusive use (a write, or an observation of a
// count) and the shared uses since (reads, or count changes).  Treating two
// observations as dependent over-approximates dependence, which is sound.
struct LocState {
  int64_t last_exclusive = -1;
  std::vector<uint32_t> shared_since;
};

// Per object: its whole contents, and its parts (count, key set, keys).
struct ObjState {
  LocState whole;
  std::unordered_map<uint64_t, LocState> parts;
};

bool exclusive(Use u) { return u == Use::Write || u == Use::RcObserve; }

}  // namespace

HappensBefore::HappensBefore(const std::vector<Step>& steps)
    : steps_(steps), vc_(steps.size()), local_(steps.size()), prev_(steps.size(), -1),
      spawn_(steps.size(), -1), deps_(steps.size()) {
  std::vector<int64_t> last_of_thread;
  std::vector<uint32_t> count_of_thread;
  std::unordered_map<uint32_t, ObjState> objs;
  for (size_t j = 0; j < steps.size(); ++j) {
    auto t = static_cast<size_t>(steps[j].thread);
    if (t >= last_of_thread.size()) {
      last_of_thread.resize(t + 1, -1);
      count_of_thread.resize(t + 1, 0);
    }
    local_[j] = ++count_of_thread[t];
    prev_[j] = last_of_thread[t];
    last_of_thread[t] = static_cast<int64_t>(j);
    std::vector<uint32_t> clock = prev_[j] >= 0 ? vc_[static_cast<size_t>(prev_[j])] : std::vector<uint32_t>{};
    auto join = [&clock](const std::vector<uint32_t>& o) {
      if (o.size() > clock.size()) clock.resize(o.size(), 0);
      for (size_t k = 0; k < o.size(); ++k) clock[k] = std::max(clock[k], o[k]);
    };
    if (prev_[j] < 0 && steps[j].spawned_by >= 0) {
      spawn_[j] = steps[j].spawned_by;
      join(vc_[static_cast<size_t>(steps[j].spawned_by)]);
    }
    auto& deps = deps_[j];
    auto add_dep = [&](int64_t i) {
      if (i < 0 || steps[static_cast<size_t>(i)].thread == steps[j].thread) return;
      deps.push_back(static_cast<uint32_t>(i));
    };
    auto deps_from = [&](const LocState& st, bool writing) {
      add_dep(st.last_exclusive);
      if (writing)
        for (uint32_t r : st.shared_since) add_dep(r);
    };
    for (const Access& a : steps[j].fp) {
      ObjState& o = objs[serial_of(a.loc)];
      uint64_t f = field_of(a.loc);
      bool ex = exclusive(a.use);
      if (f == kWhole) {
        deps_from(o.whole, ex);
        for (auto& [pf, st] : o.parts)
          if (pf != kCount) deps_from(st, ex);
      } else {
        deps_from(o.parts[f], ex);
        if (f != kCount) deps_from(o.whole, ex);
      }
    }
    // Update the locations after reading them all (a step does not depend on itself).
    auto update = [&](LocState& st, bool ex) {
      if (ex) {
        st.last_exclusive = static_cast<int64_t>(j);
        st.shared_since.clear();
      } else if (st.shared_since.empty() || st.shared_since.back() != j) {
        st.shared_since.push_back(static_cast<uint32_t>(j));
      }
    };
    for (const Access& a : steps[j].fp) {
      ObjState& o = objs[serial_of(a.loc)];
      uint64_t f = field_of(a.loc);
      bool ex = exclusive(a.use);
      if (f == kWhole) {
        update(o.whole, ex);
        if (ex) {
          // Everything of this object is ordered before j now; later steps
          // find it through j.
          for (auto it = o.parts.begin(); it != o.parts.end();)
            it = it->first == kCount ? std::next(it) : o.parts.erase(it);
        }
      } else {
        update(o.parts[f], ex);
      }
    }
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    for (uint32_t i : deps) join(vc_[i]);
    if (clock.size() <= t) clock.resize(t + 1, 0);
    clock[t] = local_[j];
    vc_[j] = std::move(clock);
  }
}

std::vector<uint32_t> HappensBefore::canonical_order() const {
  size_t threads = 0;
  for (auto& s : steps_) threads = std::max(threads, static_cast<size_t>(s.thread) + 1);
  std::vector<std::vector<uint32_t>> of_thread(threads);
  for (size_t j = 0; j < steps_.size(); ++j) of_thread[static_cast<size_t>(steps_[j].thread)].push_back(static_cast<uint32_t>(j));
  std::vector<uint32_t> placed(threads, 0);  // steps placed per thread
  std::vector<uint32_t> order;
  order.reserve(steps_.size());
  while (order.size() < steps_.size()) {
    bool progressed = false;
    for (size_t t = 0; t < threads && !progressed; ++t) {
      if (placed[t] >= of_thread[t].size()) continue;
      uint32_t j = of_thread[t][placed[t]];
      const auto& c = vc_[j];
      bool ready = true;
      for (size_t u = 0; u < c.size() && ready; ++u)
        if (u != t && c[u] > placed[u]) ready = false;
      if (ready) {
        order.push_back(j);
        ++placed[t];
        progressed = true;
      }
    }
    if (!progressed) break;  // cannot happen: happens-before is acyclic
  }
  return order;
}

uint64_t reference_fingerprint(const std::vector<Step>& steps) {
  HappensBefore hb(steps);
  std::string key;
  for (uint32_t j : hb.canonical_order()) {
    if (steps[j].fp.empty()) continue;
    key += std::to_string(steps[j].thread) + ',';
  }
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  return h;
}

namespace {

uint64_t mix64(uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

TraceHasher::Obj& TraceHasher::obj(uint32_t object) {
  // Indexed by serial + 1, so that kImmortalCounts (the largest serial)
  // wraps to 0 instead of sizing the tables to it.
  uint32_t serial = object + 1;
  if (serial >= stamp_.size()) {
    stamp_.resize(serial + 1 + serial / 2, 0);
    slot_.resize(stamp_.size(), 0);
  }
  if (stamp_[serial] != call_) {
    stamp_[serial] = call_;
    slot_[serial] = static_cast<uint32_t>(nobjs_);
    if (nobjs_ == objs_.size()) objs_.emplace_back();
    Obj& o = objs_[nobjs_++];
    o.whole.last_exclusive = -1;
    o.whole.shared_since.clear();
    o.nparts = 0;
    return o;
  }
  return objs_[slot_[serial]];
}

TraceHasher::Loc& TraceHasher::part(Obj& o, uint64_t field) {
  for (size_t i = 0; i < o.nparts; ++i)
    if (o.parts[i].field == field) return o.parts[i];
  if (o.nparts == o.parts.size()) o.parts.emplace_back();
  Loc& l = o.parts[o.nparts++];
  l.field = field;
  l.last_exclusive = -1;
  l.shared_since.clear();
  return l;
}

uint64_t TraceHasher::operator()(const std::vector<Step>& steps) {
  if (++call_ == 0) {  // the stamps wrapped: forget them all
    std::fill(stamp_.begin(), stamp_.end(), 0);
    call_ = 1;
  }
  nobjs_ = 0;
  hash_.resize(steps.size());  // every entry is written before it is read
  last_of_thread_.clear();
  count_of_thread_.clear();
  // A count change (RcAdd) conflicts only with an observation or a write
  // of the same count; most executions have few of those, so count changes
  // of the other objects are left out at once (the bulk of all accesses).
  counted_.clear();
  for (const Step& st : steps)
    for (const Access& a : st.fp)
      if (field_of(a.loc) == kCount && (a.use == Use::RcObserve || a.use == Use::Write))
        counted_.push_back(serial_of(a.loc));
  std::sort(counted_.begin(), counted_.end());
  counted_.erase(std::unique(counted_.begin(), counted_.end()), counted_.end());
  bool any_counted = !counted_.empty();
  auto irrelevant = [&](const Access& a) {
    return a.use == Use::RcAdd &&
           (!any_counted || !std::binary_search(counted_.begin(), counted_.end(), serial_of(a.loc)));
  };
  uint64_t sum = 0;
  for (size_t j = 0; j < steps.size(); ++j) {
    const Step& st = steps[j];
    auto t = static_cast<size_t>(st.thread);
    if (t >= last_of_thread_.size()) {
      last_of_thread_.resize(t + 1, -1);
      count_of_thread_.resize(t + 1, 0);
    }
    uint32_t local = ++count_of_thread_[t];
    int64_t prev = last_of_thread_[t];
    last_of_thread_[t] = static_cast<int64_t>(j);

    deps_.clear();
    auto add = [&](int64_t i) {
      if (i >= 0 && steps[static_cast<size_t>(i)].thread != st.thread) deps_.push_back(static_cast<uint32_t>(i));
    };
    auto deps_from = [&](const Loc& l, bool writing) {
      add(l.last_exclusive);
      if (writing)
        for (uint32_t r : l.shared_since) add(r);
    };
    auto update = [&](Loc& l, bool ex) {
      if (ex) {
        l.last_exclusive = static_cast<int64_t>(j);
        l.shared_since.clear();
      } else if (l.shared_since.empty() || l.shared_since.back() != j) {
        l.shared_since.push_back(static_cast<uint32_t>(j));
      }
    };
    // One pass: each access takes its dependences, then records the step.
    // As HappensBefore does in two passes (all reads of the old state, then
    // the updates), because an update by an earlier access of this step
    // only adds this step (never a dependence of its own) or clears what
    // that access already took: the footprint is sorted, so an object's
    // whole contents come before its parts, and a location's reads before
    // its writes.
    uint32_t last_serial = 0;
    Obj* last = nullptr;
    for (const Access& a : st.fp) {
      if (irrelevant(a)) continue;
      // Sorted by location, so an object's parts come one after another.
      uint32_t serial = serial_of(a.loc);
      if (!last || serial != last_serial) {
        last = &obj(serial);
        last_serial = serial;
      }
      Obj& o = *last;
      uint64_t f = field_of(a.loc);
      bool ex = exclusive(a.use);
      if (f == kWhole) {
        deps_from(o.whole, ex);
        for (size_t i = 0; i < o.nparts; ++i)
          if (o.parts[i].field != kCount) deps_from(o.parts[i], ex);
        update(o.whole, ex);
        if (ex) {  // every other part is ordered before j now: keep only the count
          size_t keep = 0;
          for (size_t i = 0; i < o.nparts; ++i)
            if (o.parts[i].field == kCount) std::swap(o.parts[keep++], o.parts[i]);
          o.nparts = keep;
        }
      } else {
        Loc& l = part(o, f);
        deps_from(l, ex);
        if (f != kCount) deps_from(o.whole, ex);
        update(l, ex);
      }
    }

    // The step's hash: its name, then its predecessors as a set.
    uint64_t h = mix64(uint64_t{static_cast<uint32_t>(st.thread)} << 32 | local);
    if (prev >= 0) h = mix64(h ^ hash_[static_cast<size_t>(prev)]);
    if (prev < 0 && st.spawned_by >= 0) h = mix64(h ^ mix64(hash_[static_cast<size_t>(st.spawned_by)] + 1));
    for (size_t i = 1; i < deps_.size(); ++i)  // few: insertion sort
      for (size_t k = i; k > 0 && deps_[k] < deps_[k - 1]; --k) std::swap(deps_[k], deps_[k - 1]);
    deps_.erase(std::unique(deps_.begin(), deps_.end()), deps_.end());
    uint64_t preds = 0;
    for (uint32_t i : deps_) preds += mix64(hash_[i] ^ 0x5bd1e995ull);
    if (!deps_.empty()) h = mix64(h ^ preds);
    hash_[j] = h;
    sum += h;
  }
  return sum;
}

uint64_t trace_fingerprint(const std::vector<Step>& steps) {
  thread_local TraceHasher hasher;
  return hasher(steps);
}

}  // namespace sim
