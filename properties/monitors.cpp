#include "properties/monitors.h"

#include <fmt/format.h>

#include <algorithm>

#include "vm/objects_impl.h"

namespace properties {

void RefcountMonitor::after_step(vm::Interpreter& in) {
  ++audits_;
  std::vector<std::string> bad = in.audit();
  if (bad.empty()) return;
  // The thread about to run its next bytecode is the one whose step just
  // ended (a step ends at the thread's own next scheduling point).
  vm::ThreadState& t = in.current();
  std::string where = t.name;
  if (t.frame && t.frame->code) {
    const auto& positions = t.frame->code->code->positions;
    size_t pc = static_cast<size_t>(t.frame->pc);
    if (pc < positions.size() && positions[pc].line > 0) where += fmt::format(", before line {}", positions[pc].line);
  }
  bool dangling = bad.front().rfind("dangling", 0) == 0;
  std::string more = bad.size() > 1 ? fmt::format(" (and {} more)", bad.size() - 1) : "";
  throw vm::HeapViolation(dangling ? vm::HeapViolation::What::UseAfterFree : vm::HeapViolation::What::CountMismatch, 0,
                          fmt::format("{}: {}{} (found after a step of {})",
                                      dangling ? "use after free" : "reference count integrity broken", bad.front(),
                                      more, where));
}

std::string violation_kind(vm::Failure f) {
  switch (f) {
    case vm::Failure::Exception: return "exception";
    case vm::Failure::Assertion: return "assertion";
    case vm::Failure::Deadlock: return "deadlock";
    case vm::Failure::StepLimit: return "step-limit";
    case vm::Failure::UseAfterFree: return "use-after-free";
    case vm::Failure::DoubleFree: return "double-free";
    case vm::Failure::Refcount: return "refcount";
    case vm::Failure::Starvation: return "starvation";
    case vm::Failure::None: break;
  }
  return "";
}

namespace {

// A global worth reporting: simple values, and tuples and lists of them.
bool simple(vm::Ref v, int depth = 0) {
  using vm::Kind;
  if (v.p->gen != v.gen) return false;  // freed under a live reference: the audit reports it
  switch (v.p->kind) {
    case Kind::None:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Float:
    case Kind::Str: return true;
    case Kind::Tuple:
    case Kind::List: {
      if (depth > 3) return false;
      const auto& items = v.p->kind == Kind::Tuple ? static_cast<vm::TupleObj*>(v.p)->items
                                                   : static_cast<vm::ListObj*>(v.p)->items;
      if (items.size() > 50) return false;
      return std::all_of(items.begin(), items.end(), [&](vm::Ref x) { return simple(x, depth + 1); });
    }
    default: return false;
  }
}

}  // namespace

namespace {

// The repr of a simple value (see simple()), built here rather than by the
// interpreter's repr, which tells the memory hook it read a list: a trace's
// rendering must not change the footprints it renders.
void brief_repr(vm::Interpreter& in, vm::Ref v, std::string& out, size_t max) {
  if (out.size() > max) return;
  bool tuple = v.p->kind == vm::Kind::Tuple;
  if (!tuple && v.p->kind != vm::Kind::List) {
    out += in.repr_s(v);
    return;
  }
  const auto& items = tuple ? static_cast<vm::TupleObj*>(v.p)->items : static_cast<vm::ListObj*>(v.p)->items;
  out += tuple ? '(' : '[';
  for (size_t k = 0; k < items.size() && out.size() <= max; ++k) {
    if (k) out += ", ";
    brief_repr(in, items[k], out, max);
  }
  if (tuple && items.size() == 1) out += ',';
  out += tuple ? ')' : ']';
}

}  // namespace

std::string brief_value(vm::Interpreter& in, vm::Ref v, size_t max) {
  if (!v.p) return "NULL";
  if (v.p->gen != v.gen) return fmt::format("freed #{}", v.p->serial);
  if (v.p->kind == vm::Kind::Instance || v.p->kind == vm::Kind::Sync)
    return fmt::format("{} #{}", vm::as_class(in.type_of(v))->name, v.p->serial);
  if (!simple(v)) return fmt::format("{} #{}", vm::kind_name(v.p->kind), v.p->serial);
  std::string r;
  brief_repr(in, v, r, max);
  if (r.size() > max) {
    size_t cut = max > 3 ? max - 3 : 0;
    while (cut > 0 && (static_cast<unsigned char>(r[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    r = r.substr(0, cut) + "...";
  }
  return r;
}

sim::State final_state(vm::Interpreter& in) {
  sim::State st;
  vm::Ref mod = in.dict_get_str(in.modules_dict(), "__main__");
  if (!mod) return st;
  auto* d = static_cast<vm::DictObj*>(static_cast<vm::ModuleObj*>(mod.p)->dict.p);
  for (auto& e : d->entries) {
    if (!e.key || e.key.p->kind != vm::Kind::Str) continue;
    const std::string& name = static_cast<vm::StrObj*>(e.key.p)->s;
    if (e.value.p->gen != e.value.gen) {  // a count was lost and the value freed under it
      throw vm::HeapViolation(vm::HeapViolation::What::UseAfterFree, e.value.p->serial,
                              fmt::format("use after free: at the end, global `{}` refers to {} #{}, which was freed",
                                          name, vm::kind_name(e.value.p->kind), e.value.p->serial));
    }
    if (name.rfind("__", 0) == 0 || !simple(e.value)) continue;
    st.emplace_back(name, in.repr_s(e.value));
  }
  std::sort(st.begin(), st.end());
  return st;
}

std::vector<sim::Shown> shown_globals(vm::Interpreter& in) {
  std::vector<sim::Shown> out;
  vm::Ref modules = in.modules_dict();
  if (!modules) return out;
  vm::DictObj* main = nullptr;
  for (auto& e : static_cast<vm::DictObj*>(modules.p)->entries)
    if (e.key && e.key.p->kind == vm::Kind::Str && static_cast<vm::StrObj*>(e.key.p)->s == "__main__" && e.value &&
        e.value.p->gen == e.value.gen && e.value.p->kind == vm::Kind::Module)
      main = static_cast<vm::DictObj*>(static_cast<vm::ModuleObj*>(e.value.p)->dict.p);
  if (!main) return out;
  for (auto& e : main->entries) {
    if (!e.key || e.key.p->kind != vm::Kind::Str || !e.value) continue;
    const std::string& name = static_cast<vm::StrObj*>(e.key.p)->s;
    if (name.rfind("__", 0) == 0) continue;
    if (e.value.p->gen == e.value.gen) {
      switch (e.value.p->kind) {
        case vm::Kind::Module:
        case vm::Kind::Function:
        case vm::Kind::Class:
        case vm::Kind::Builtin:
        case vm::Kind::Code: continue;
        default: break;
      }
    }
    sim::Shown s;
    s.name = name;
    s.value = brief_value(in, e.value);
    if (e.value.p->gen == e.value.gen && !e.value.p->immortal) s.count = e.value.p->refcnt;
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const sim::Shown& a, const sim::Shown& b) { return a.name < b.name; });
  return out;
}

EndOfRun end_of_run(vm::Interpreter& in, const vm::RunResult& r, const sim::Program& prog,
                    const std::optional<std::string>& expect) {
  EndOfRun e;
  if (r.failure != vm::Failure::None) {
    e.kind = violation_kind(r.failure);
    e.message = r.failure_message;
  }
  bool clean_end = r.failure == vm::Failure::None || r.failure == vm::Failure::Exception ||
                   r.failure == vm::Failure::Assertion;
  if (!clean_end) return e;
  try {
    e.state = final_state(in);
  } catch (vm::HeapViolation& v) {  // the globals hold an object freed too early
    e.kind = "use-after-free";
    e.message = v.what();
    return e;
  }
  e.ended = true;
  if (e.kind.empty()) {
    std::vector<std::string> bad = in.audit();
    if (!bad.empty()) {
      bool leak = std::all_of(bad.begin(), bad.end(),
                              [](const std::string& b) { return b.find(" 0 references found") != std::string::npos; });
      bool dangling = bad.front().rfind("dangling", 0) == 0;
      e.kind = dangling ? "use-after-free" : leak ? "leak" : "refcount";
      e.message = bad.front() + (bad.size() > 1 ? fmt::format(" (and {} more)", bad.size() - 1) : "");
    }
  }
  if (e.kind.empty() && prog.expect_code) {
    std::string error;
    auto ok = in.run_after(prog.expect_code, "__gilsim_expect__", error);
    std::string what = expect.value_or("the expectation");
    if (!ok) {
      e.kind = "expect";
      e.message = fmt::format("the expectation {} raised {}", what, error);
    } else if (!*ok) {
      e.kind = "expect";
      std::string st;
      for (auto& [k, val] : e.state) st += fmt::format("{}{} = {}", st.empty() ? "" : ", ", k, val);
      e.message = fmt::format("expected {} but at the end {}", what, st.empty() ? "(no simple globals)" : st);
    }
  }
  return e;
}

}  // namespace properties
