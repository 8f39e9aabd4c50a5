#include "traces/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "traces/trace.h"
#include "vm/dis.h"

namespace traces {

namespace {

// A load or store of a name: a global, an attribute (by attribute name) or
// a cell.
struct NameOp {
  size_t index;  // in Replayed::instructions
  int thread;
  bool store;
  std::string family, name, text, value;
  int line;
};

std::vector<NameOp> name_ops(const sim::Replayed& r) {
  std::vector<NameOp> ops;
  for (size_t k = 0; k < r.instructions.size(); ++k) {
    const auto& e = r.instructions[k];
    std::string text = vm::instruction_text(*e.code, vm::instruction_pc(*e.code, e.pc));
    auto sp = text.find(' ');
    if (sp == std::string::npos) continue;
    std::string op = text.substr(0, sp), arg = text.substr(sp + 1);
    if (arg.rfind("NULL + ", 0) == 0) arg = arg.substr(7);
    std::string family;
    bool store = false;
    if (op == "LOAD_GLOBAL" || op == "LOAD_NAME") family = "global";
    else if (op == "STORE_GLOBAL" || op == "STORE_NAME") family = "global", store = true;
    else if (op == "LOAD_ATTR") family = "attribute";
    else if (op == "STORE_ATTR") family = "attribute", store = true;
    else if (op == "LOAD_DEREF" || op == "LOAD_CLASSDEREF") family = "variable";
    else if (op == "STORE_DEREF") family = "variable", store = true;
    else continue;
    std::string value = e.effect.size() > 3 ? e.effect.substr(3) : "";
    ops.push_back({k, e.thread, store, family, arg, instruction_of(e), value, line_of(e)});
  }
  return ops;
}

std::string thread_name(const sim::Replayed& r, int t) {
  return t >= 0 && static_cast<size_t>(t) < r.thread_names.size() ? r.thread_names[static_cast<size_t>(t)] : "?";
}

// "x = 0" when the value is known, else "x".
std::string named_value(const NameOp& o) { return o.value.empty() ? o.name : o.name + " = " + o.value; }

bool same_name(const NameOp& a, const NameOp& b) { return a.family == b.family && a.name == b.name; }

// Wraps a paragraph at 88 columns, continuing lines with `indent`.
std::string wrap(const std::string& text, const std::string& indent) {
  std::istringstream words(text);
  std::string out, line, w;
  while (words >> w) {
    if (!line.empty() && line.size() + 1 + w.size() > 88) {
      out += line + "\n";
      line = indent;
    } else if (!line.empty() && line != indent) {
      line += " ";
    }
    line += w;
  }
  if (!line.empty() && line != indent) out += line + "\n";
  return out;
}

}  // namespace

std::string explain_lost_update(const sim::Replayed& r) {
  std::vector<NameOp> ops = name_ops(r);
  for (size_t a = 0; a < ops.size(); ++a) {
    if (ops[a].store) continue;
    // The same thread's next store of that name...
    for (size_t c = a + 1; c < ops.size(); ++c) {
      if (ops[c].thread != ops[a].thread || !ops[c].store || !same_name(ops[c], ops[a])) continue;
      // ... with another thread's store of it in between.
      for (size_t b = a + 1; b < c; ++b) {
        if (ops[b].thread == ops[a].thread || !ops[b].store || !same_name(ops[b], ops[a])) continue;
        std::string ta = thread_name(r, ops[a].thread), tb = thread_name(r, ops[b].thread);
        // What the other thread read before its store.
        std::optional<size_t> rb;
        for (size_t x = b; x-- > 0;)
          if (ops[x].thread == ops[b].thread && !ops[x].store && same_name(ops[x], ops[b])) {
            rb = x;
            break;
          }
        const std::string& n = ops[a].name;
        std::string out = fmt::format("Atomicity boundary crossed at line {}: a lost update of {} `{}`.\n",
                                      ops[a].line, ops[a].family, n);
        out += wrap(fmt::format("1. {} read {} at line {} ({}).", ta, named_value(ops[a]), ops[a].line, ops[a].text),
                    "   ");
        std::string mid = fmt::format("2. Before it stored {}, {}", n, tb);
        if (rb) mid += fmt::format(" read {} ({}, line {}) and", named_value(ops[*rb]), ops[*rb].text, ops[*rb].line);
        mid += fmt::format(" stored {} ({}, line {}).", named_value(ops[b]), ops[b].text, ops[b].line);
        out += wrap(mid, "   ");
        out += wrap(fmt::format("3. {} stored {} ({}, line {}), computed from what it read in 1: {}'s update "
                                "was lost.",
                                ta, named_value(ops[c]), ops[c].text, ops[c].line, tb),
                    "   ");
        out += wrap(fmt::format("The read-modify-write of `{}` is several bytecodes, and another thread ran "
                                "between them: each bytecode is atomic, the statement is not.",
                                n),
                    "");
        return out;
      }
      break;
    }
  }
  return "";
}

std::string explain_stale_read(const sim::Replayed& r) {
  std::vector<NameOp> ops = name_ops(r);
  // The latest read whose thread ran on after another thread wrote the name.
  for (size_t a = ops.size(); a-- > 0;) {
    if (ops[a].store) continue;
    for (size_t b = a + 1; b < ops.size(); ++b) {
      if (ops[b].thread == ops[a].thread || !ops[b].store || !same_name(ops[a], ops[b])) continue;
      // The reader's next instruction after that store, before it reads the name again.
      size_t next = r.instructions.size();
      for (size_t k = ops[b].index + 1; k < r.instructions.size(); ++k)
        if (r.instructions[k].thread == ops[a].thread) {
          next = k;
          break;
        }
      if (next == r.instructions.size()) break;
      bool reread = false;
      for (size_t x = a + 1; x < ops.size() && ops[x].index <= next; ++x)
        if (ops[x].thread == ops[a].thread && same_name(ops[x], ops[a])) reread = true;
      if (reread) break;
      std::string ta = thread_name(r, ops[a].thread), tb = thread_name(r, ops[b].thread);
      const sim::Executed& e = r.instructions[next];
      std::string out = fmt::format("Atomicity boundary crossed at line {}: a stale read of {} `{}`.\n", ops[a].line,
                                    ops[a].family, ops[a].name);
      out += wrap(fmt::format("1. {} read {} at line {} ({}).", ta, named_value(ops[a]), ops[a].line, ops[a].text),
                  "   ");
      out += wrap(fmt::format("2. {} then stored {} ({}, line {}).", tb, named_value(ops[b]), ops[b].text, ops[b].line),
                  "   ");
      out += wrap(fmt::format("3. {} went on at line {} ({}) with the value it read in 1, which was no longer "
                              "there.",
                              ta, line_of(e), instruction_of(e)),
                  "   ");
      out += wrap("Checking a value and acting on it are separate bytecodes: another thread can run between "
                  "them unless a lock covers both.",
                  "");
      return out;
    }
  }
  return "";
}

std::string explain_check_then_act(const sim::Replayed& r) {
  // Tests (CONTAINS_OP: "KEY not in CONTAINER -> RESULT") and stores
  // (STORE_SUBSCR: "CONTAINER[KEY] <- VALUE") on containers, from their effects.
  struct Op {
    size_t index;
    int thread;
    bool test;
    std::string container, key, value;  // value: a test's result, a store's value
    bool missing = false;               // a test that found the key missing
  };
  std::vector<Op> ops;
  for (size_t k = 0; k < r.instructions.size(); ++k) {
    const sim::Executed& e = r.instructions[k];
    std::string text = vm::instruction_text(*e.code, vm::instruction_pc(*e.code, e.pc));
    if (text.rfind("CONTAINS_OP", 0) == 0) {
      auto arrow = e.effect.rfind(" -> ");
      if (arrow == std::string::npos) continue;
      bool negated = text == "CONTAINS_OP 1";
      std::string sep = negated ? " not in " : " in ";
      auto in = e.effect.rfind(sep, arrow);
      if (in == std::string::npos) continue;
      Op o{k, e.thread, true, e.effect.substr(in + sep.size(), arrow - in - sep.size()), e.effect.substr(0, in),
           e.effect.substr(arrow + 4)};
      o.missing = o.value == (negated ? "True" : "False");
      ops.push_back(std::move(o));
    } else if (text.rfind("STORE_SUBSCR", 0) == 0) {
      auto open = e.effect.find('['), arrow = e.effect.find("] <- ");
      if (open == std::string::npos || arrow == std::string::npos || arrow < open) continue;
      ops.push_back({k, e.thread, false, e.effect.substr(0, open), e.effect.substr(open + 1, arrow - open - 1),
                     e.effect.substr(arrow + 5)});
    }
  }
  auto same = [](const Op& a, const Op& b) { return a.container == b.container && a.key == b.key; };
  for (size_t a = 0; a < ops.size(); ++a) {
    if (!ops[a].test || !ops[a].missing) continue;
    // The tester's own store of that key (acting on the test)...
    size_t c = a + 1;
    while (c < ops.size() && !(ops[c].thread == ops[a].thread && !ops[c].test && same(ops[c], ops[a]))) ++c;
    if (c == ops.size()) continue;
    // ... after another thread's.
    size_t b = a + 1;
    while (b < c && !(ops[b].thread != ops[a].thread && !ops[b].test && same(ops[b], ops[a]))) ++b;
    if (b == c) continue;
    std::optional<size_t> tb;  // the other thread's own test before its store
    for (size_t x = b; x-- > 0;)
      if (ops[x].thread == ops[b].thread && ops[x].test && same(ops[x], ops[b])) {
        tb = x;
        break;
      }
    const sim::Executed& ea = r.instructions[ops[a].index];
    const sim::Executed& eb = r.instructions[ops[b].index];
    const sim::Executed& ec = r.instructions[ops[c].index];
    std::string ta = thread_name(r, ops[a].thread), tbn = thread_name(r, ops[b].thread);
    // The container by the name the program loaded it as, when it did.
    std::string what = ops[a].container;
    for (const NameOp& n : name_ops(r))
      if (!n.store && n.value == ops[a].container) {
        what += fmt::format(" ({} `{}`)", n.family, n.name);
        break;
      }
    std::string test = ops[a].key + (vm::instruction_text(*ea.code, vm::instruction_pc(*ea.code, ea.pc)) == "CONTAINS_OP 1" ? " not in " : " in ") + ops[a].container;
    std::string out = fmt::format("Atomicity boundary crossed at line {}: check-then-act on {}, key {}.\n", line_of(ea),
                                  what, ops[a].key);
    out += wrap(fmt::format("1. {} tested {} at line {} ({}): {}, the key was missing.", ta, test, line_of(ea),
                            vm::instruction_text(*ea.code, vm::instruction_pc(*ea.code, ea.pc)), ops[a].value),
                "   ");
    std::string mid = fmt::format("2. Before it acted, {}", tbn);
    if (tb) mid += fmt::format(" tested the same at line {} ({}) and", line_of(r.instructions[ops[*tb].index]), ops[*tb].value);
    mid += fmt::format(" stored {}[{}] = {} (STORE_SUBSCR, line {}).", ops[b].container, ops[b].key, ops[b].value, line_of(eb));
    out += wrap(mid, "   ");
    out += wrap(fmt::format("3. {} acted on its test all the same: it stored {}[{}] = {} (STORE_SUBSCR, line {}), "
                            "over {}'s value; the work between the test and the store was done twice.",
                            ta, ops[c].container, ops[c].key, ops[c].value, line_of(ec), tbn),
                "   ");
    out += wrap("Testing a container and changing it are separate bytecodes: another thread can run between them "
                "unless a lock covers both (or one call does both, such as dict.setdefault).",
                "");
    return out;
  }
  return "";
}

std::string explain_counts(const sim::Replayed& r, const std::string& message) {
  auto hash = message.find('#');
  if (hash == std::string::npos) return "";
  uint32_t serial = 0;
  size_t k = hash + 1;
  for (; k < message.size() && std::isdigit(static_cast<unsigned char>(message[k])); ++k)
    serial = serial * 10 + static_cast<uint32_t>(message[k] - '0');
  if (k == hash + 1) return "";
  std::vector<const sim::CountEvent*> ev;
  for (const auto& e : r.counts)
    if (e.serial == serial) ev.push_back(&e);
  if (ev.empty()) return "";
  size_t w = 0;
  for (auto* e : ev) w = std::max(w, thread_name(r, e->thread).size());
  auto it = r.names.find(serial);
  std::string obj = it != r.names.end() ? it->second : fmt::format("object #{}", serial);
  std::string out = fmt::format(
      "The reference count of {}, load by load and store by store (without a GIL a\n"
      "count change is a load, an add and a store, and other threads run in between):\n\n",
      obj);
  bool lost = false;
  std::vector<std::string> lines(ev.size());
  std::vector<bool> key(ev.size(), false);  // shown even in a long history
  for (size_t i = 0; i < ev.size(); ++i) {
    const sim::CountEvent& e = *ev[i];
    std::string what;
    switch (e.use) {
      case vm::CountUse::Load:
      case vm::CountUse::Rmw: {
        std::string where;
        if (e.instruction >= 0 && static_cast<size_t>(e.instruction) < r.instructions.size()) {
          const sim::Executed& x = r.instructions[static_cast<size_t>(e.instruction)];
          int pc = vm::instruction_pc(*x.code, x.pc);
          where = fmt::format(" (line {}, {})", line_at(*x.code, pc), vm::instruction_text(*x.code, pc));
        } else {
          where = " (as it starts)";
        }
        what = fmt::format("loads {}{}{}", e.value, e.use == vm::CountUse::Rmw ? " for a compare-and-swap" : "", where);
        break;
      }
      case vm::CountUse::Retry: what = fmt::format("compare-and-swap fails (the count is now {}): retries", e.value); break;
      default: {
        bool cas = i > 0 && std::any_of(ev.begin(), ev.begin() + static_cast<std::ptrdiff_t>(i), [&](const sim::CountEvent* p) {
          return p->thread == e.thread && (p->use == vm::CountUse::Rmw || p->use == vm::CountUse::Retry);
        });
        what = fmt::format("{} {}{}", cas ? "swaps in" : "stores", e.value, e.value == 0 ? " and frees it" : "");
        // The store's own load: this thread's last load or retry before it.
        size_t from = i;
        while (from-- > 0)
          if (ev[from]->thread == e.thread && ev[from]->use != vm::CountUse::Store) break;
        if (from < i) {
          for (size_t x = i - 1; x > from; --x) {  // the latest other store it overwrote
            if (ev[x]->thread != e.thread && ev[x]->use == vm::CountUse::Store) {
              what += fmt::format("   <- overwrites {}'s store of {}: that change is lost", thread_name(r, ev[x]->thread),
                                  ev[x]->value);
              lost = true;
              key[from] = key[x] = key[i] = true;
              break;
            }
          }
        }
      }
    }
    lines[i] = fmt::format("  {:<{}}  {}\n", thread_name(r, e.thread), w, what);
  }
  // A long history (a loop of increments and decrements) shows its first
  // and last events and those around each lost change; the rest, each
  // change applied on its own, is summed up in one line.
  constexpr size_t kShowAll = 40, kAround = 2;
  std::vector<bool> show(ev.size(), ev.size() <= kShowAll);
  for (size_t i = 0; i < ev.size(); ++i)
    if (key[i] || i < 2 || i + 3 >= ev.size())
      for (size_t j = i >= kAround ? i - kAround : 0; j <= std::min(ev.size() - 1, i + kAround); ++j) show[j] = true;
  for (size_t i = 0; i < ev.size();) {
    if (show[i]) {
      out += lines[i++];
      continue;
    }
    size_t j = i;
    while (j < ev.size() && !show[j]) ++j;
    if (j - i <= 3) {  // no shorter summed up
      while (i < j) out += lines[i++];
      continue;
    }
    std::set<int> who;
    for (size_t x = i; x < j; ++x) who.insert(ev[x]->thread);
    std::string names;
    for (int t : who) names += (names.empty() ? "" : " and ") + thread_name(r, t);
    out += fmt::format("  ... {} more loads and stores by {}, none lost (the count {} -> {})\n", j - i, names,
                       ev[i]->value, ev[j - 1]->value);
    i = j;
  }
  if (lost)
    out += "\nA store made from a stale load wiped out another thread's change: the count no longer\n"
           "matches the references, and the object is freed too early or never.\n";
  return out;
}

std::string explain_deadlock(const sim::Replayed& r) {
  // The message lists every blocked thread: "  NAME in WHERE waits for WHAT
  // held by OWNER" or "  NAME in WHERE joins OTHER".
  struct Wait {
    std::string where, what;
    int on = -1;  // the thread it waits for
  };
  std::map<int, Wait> waits;
  std::istringstream in(r.violation.message);
  auto thread_at = [&](const std::string& s, size_t pos) {
    int best = -1;
    size_t len = 0;
    for (size_t t = 0; t < r.thread_names.size(); ++t)
      if (s.compare(pos, r.thread_names[t].size(), r.thread_names[t]) == 0 && r.thread_names[t].size() > len) {
        best = static_cast<int>(t);
        len = r.thread_names[t].size();
      }
    return std::pair<int, size_t>{best, len};
  };
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  ", 0) != 0) continue;
    auto [t, len] = thread_at(line, 2);
    if (t < 0 || line.compare(2 + len, 4, " in ") != 0) continue;
    std::string rest = line.substr(2 + len + 4);
    Wait w;
    if (auto j = rest.find(" joins "); j != std::string::npos) {
      w.where = rest.substr(0, j);
      w.what = "the end of " + rest.substr(j + 7);
      w.on = thread_at(rest, j + 7).first;
    } else if (auto f = rest.find(" waits for "); f != std::string::npos) {
      w.where = rest.substr(0, f);
      std::string what = rest.substr(f + 11);
      if (auto h = what.find(" held by "); h != std::string::npos) {
        w.on = thread_at(what, h + 9).first;
        what = what.substr(0, h);
      }
      w.what = what;
    } else {
      continue;
    }
    waits[t] = w;
  }
  if (waits.empty()) return "";
  // Follow the waits from each thread until one repeats: the cycle.
  std::vector<int> cycle;
  for (auto& [start, w0] : waits) {
    std::vector<int> path;
    int t = start;
    while (t >= 0 && waits.count(t) && std::find(path.begin(), path.end(), t) == path.end()) {
      path.push_back(t);
      t = waits[t].on;
    }
    if (t >= 0 && std::find(path.begin(), path.end(), t) != path.end()) {
      cycle.assign(std::find(path.begin(), path.end(), t), path.end());
      break;
    }
  }
  std::string out;
  if (cycle.empty()) {
    out = "Deadlock: every thread waits, and nothing it waits for can happen:\n";
    for (auto& [t, w] : waits) out += wrap(fmt::format("- {} in {} waits for {}.", thread_name(r, t), w.where, w.what), "  ");
    return out;
  }
  out = "Deadlock: a cycle of waits.\n";
  for (size_t k = 0; k < cycle.size(); ++k) {
    int t = cycle[k];
    const Wait& w = waits[t];
    const Wait& before = waits[cycle[(k + cycle.size() - 1) % cycle.size()]];
    out += wrap(fmt::format("- {} holds {} and, in {}, waits for {}, which {} holds.", thread_name(r, t), before.what,
                            w.where, w.what, thread_name(r, w.on)),
                "  ");
  }
  for (auto& [t, w] : waits)
    if (std::find(cycle.begin(), cycle.end(), t) == cycle.end())
      out += wrap(fmt::format("- {} in {} waits for {}, behind the cycle.", thread_name(r, t), w.where, w.what), "  ");
  out += wrap("Each thread took one lock and then asked for one another thread of the cycle holds: the locks "
              "are taken in different orders. Taking them in one fixed order everywhere breaks the cycle.",
              "");
  return out;
}

std::string explain(const sim::Replayed& r) {
  const std::string& kind = r.violation.kind;
  if (kind.empty()) return "No violation in this execution: nothing to explain.\n";
  std::string out = wrap(fmt::format("The violation ({}): {}", kind,
                                     r.violation.message.substr(0, r.violation.message.find('\n'))),
                         "  ");
  std::string more;
  if (kind == "deadlock") {
    more = explain_deadlock(r);
  } else if (kind == "refcount" || kind == "use-after-free" || kind == "double-free" || kind == "leak" ||
             kind == "starvation") {
    more = explain_counts(r, r.violation.message);
    if (kind == "use-after-free" && !r.instructions.empty()) {
      const sim::Executed& last = r.instructions.back();
      more += wrap(fmt::format("{}{} used it after that, at line {} ({}).", more.empty() ? "" : "\n",
                               thread_name(r, last.thread), line_of(last), instruction_of(last)),
                   "");
    }
    if (more.empty())
      more = wrap("No split count operation on that object was recorded: under this model every count change "
                  "is one atomic step, so the count broke in the interpreter itself.",
                  "");
  } else {
    more = explain_lost_update(r);
    if (more.empty()) more = explain_check_then_act(r);
    if (more.empty()) more = explain_stale_read(r);
    if (more.empty() && kind == "step-limit")
      more = wrap("A thread ran past the step limit (--max-steps): a loop that never ends on this schedule, "
                  "for example a spin on a flag no other thread gets to set.",
                  "");
  }
  if (!more.empty()) out += "\n" + more;
  return out;
}

}  // namespace traces
