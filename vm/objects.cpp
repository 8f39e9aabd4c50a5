// The object protocol: construction, truth, repr/str, hashing, equality and
// ordering, arithmetic, attributes, items, iteration and calls, for every
// kind of vm/object.h.  Semantics and error messages follow CPython 3.11
// (Objects/*.c); where a rule is odd, the comment names the CPython function.
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "vm/check.h"
#include "vm/code.h"
#include "vm/constant.h"
#include "vm/interpreter.h"
#include "vm/native.h"
#include "vm/objects_impl.h"
#include "vm/opcode.h"

namespace vm {

// ---------------------------------------------------------------- ints

bool is_int(Ref r) { return r.p->kind == Kind::Int || r.p->kind == Kind::Bool; }

BigInt int_big(Ref r) {
  auto* i = static_cast<IntObj*>(r.p);
  return i->big ? *i->big : BigInt(i->v);
}

bool int_small(Ref r, int64_t& out) {
  auto* i = static_cast<IntObj*>(r.p);
  if (i->big) return false;
  out = i->v;
  return true;
}

Ref Interpreter::new_int(int64_t v) {
  if (v >= -5 && v <= 256) return newref(small_ints_[v + 5]);
  IntObj* o = heap_.alloc<IntObj>(Kind::Int);
  o->v = v;
  return Heap::ref(o);
}

Ref Interpreter::new_int(const BigInt& v) {
  if (v.fits_int64()) return new_int(v.to_int64());
  IntObj* o = heap_.alloc<IntObj>(Kind::Int);
  o->big = std::make_unique<BigInt>(v);
  return Heap::ref(o);
}

Ref Interpreter::new_float(double v) {
  FloatObj* o = heap_.alloc<FloatObj>(Kind::Float);
  o->v = v;
  return Heap::ref(o);
}

Ref Interpreter::new_str(std::string s) {
  StrObj* o = heap_.alloc<StrObj>(Kind::Str);
  o->s = std::move(s);
  return Heap::ref(o);
}

Ref Interpreter::intern(std::string_view s) {
  // Most lookups are of the same few names from string literals in
  // gilsim's own code (special methods, module attributes): a small cache
  // by the text's address saves hashing them, and the text is compared so
  // that a reused buffer never hits by address alone.
  auto& slot = intern_cache_[(reinterpret_cast<uintptr_t>(s.data()) >> 3 ^ s.size()) % kInternCache];
  if (slot.data == s.data() && slot.str) {
    const std::string& t = static_cast<StrObj*>(slot.str.p)->s;
    if (t.size() == s.size() && std::memcmp(t.data(), s.data(), s.size()) == 0) return newref(slot.str);
  }
  auto it = interned_.find(s);
  if (it != interned_.end()) {
    if (constructed_) slot = {s.data(), it->second};  // the runtime's names live as long as the interpreter
    return newref(it->second);
  }
  auto remember = [&](Ref r) {  // a name of this run: forgotten by reset()
    run_cache_slots_.push_back(static_cast<uint16_t>(&slot - intern_cache_));
    slot = {s.data(), r};
  };
  if (constructed_) {
    it = run_interned_.find(s);
    if (it != run_interned_.end()) {
      remember(it->second);
      return newref(it->second);
    }
  }
  Ref r = new_str(std::string(s));
  r.p->immortal = true;
  r.p->base_refs = 1;
  (constructed_ ? run_interned_ : interned_).emplace(std::string(s), r);
  if (constructed_) remember(r);
  return newref(r);
}

Ref Interpreter::new_tuple(std::vector<Ref> items) {
  TupleObj* o = heap_.alloc<TupleObj>(Kind::Tuple);
  o->items = std::move(items);
  return Heap::ref(o);
}

Ref Interpreter::new_list(std::vector<Ref> items) {
  ListObj* o = heap_.alloc<ListObj>(Kind::List);
  o->items = std::move(items);
  return Heap::ref(o);
}

Ref Interpreter::new_dict() { return Heap::ref(heap_.alloc<DictObj>(Kind::Dict)); }

Ref Interpreter::new_builtin(const std::string& name, NativeFn fn, Ref self,
                             const std::string& owner) {
  BuiltinObj* o = heap_.alloc<BuiltinObj>(Kind::Builtin);
  o->name = name;
  o->owner = owner;
  o->fn = fn;
  o->self = self ? newref(self) : Ref{};
  return Heap::ref(o);
}

double float_of(Interpreter& in, Ref r) {
  if (r.p->kind == Kind::Float) return static_cast<FloatObj*>(r.p)->v;
  if (is_int(r)) {
    int64_t v;
    if (int_small(r, v)) return static_cast<double>(v);
    auto d = int_big(r).to_double();
    if (!d) in.raise(in.exc_.OverflowError, "int too large to convert to float");
    return *d;
  }
  in.type_error(fmt::format("must be real number, not {}", in.type_name(r)));
}

std::string str_of(Ref r) { return static_cast<StrObj*>(r.p)->s; }

// ---------------------------------------------------------------- types

Ref Interpreter::type_of(Ref o) {
  switch (o.p->kind) {
    case Kind::None: return types_.none;
    case Kind::NotImplemented: return types_.notimpl;
    case Kind::Ellipsis: return types_.ellipsis;
    case Kind::Bool: return types_.bool_;
    case Kind::Int: return types_.int_;
    case Kind::Float: return types_.float_;
    case Kind::Str: return types_.str;
    case Kind::Tuple: return types_.tuple;
    case Kind::List: return types_.list;
    case Kind::Dict: return types_.dict;
    case Kind::Slice: return types_.slice;
    case Kind::Range: return types_.range;
    case Kind::Iter: return types_.iter;
    case Kind::Code: return types_.code;
    case Kind::Function: return types_.function;
    case Kind::Builtin: return types_.builtin;
    case Kind::BoundMethod: return types_.method;
    case Kind::Cell: return types_.cell;
    case Kind::Class: return types_.type;
    case Kind::Instance: return static_cast<InstanceObj*>(o.p)->cls;
    case Kind::Property: return types_.property;
    case Kind::StaticMethod: return types_.staticmethod;
    case Kind::ClassMethod: return types_.classmethod;
    case Kind::Module: return types_.module;
    case Kind::Sync:
      switch (static_cast<SyncObj*>(o.p)->sub) {
        case SyncObj::Sub::Lock: return types_.lock;
        case SyncObj::Sub::RLock: return types_.rlock;
        case SyncObj::Sub::Condition: return types_.condition;
        case SyncObj::Sub::Event: return types_.event;
        case SyncObj::Sub::Semaphore: return types_.semaphore;
      }
      break;
    case Kind::DictView:
      switch (static_cast<IterObj*>(o.p)->sub) {
        case IterObj::Sub::DictValues: return types_.dict_values;
        case IterObj::Sub::DictItems: return types_.dict_items;
        default: return types_.dict_keys;
      }
    case Kind::kCount: break;
  }
  GILSIM_ASSERT(false, "object of unknown kind");
  return {};
}

// _PyObject_FunctionStr: "module.qualname()" ("builtins" and a missing
// module leave the prefix out), for messages about a call's arguments.
std::string Interpreter::function_str(Ref f) {
  auto with_module = [](const std::string& module, const std::string& qualname) {
    return module.empty() || module == "builtins" ? qualname + "()" : module + "." + qualname + "()";
  };
  switch (f.p->kind) {
    case Kind::Function: {
      auto* fn = static_cast<FunctionObj*>(f.p);
      std::string module = fn->module && fn->module.p->kind == Kind::Str ? str_of(fn->module) : "";
      return with_module(module, str_of(fn->qualname));
    }
    case Kind::BoundMethod: return function_str(static_cast<BoundMethodObj*>(f.p)->func);
    case Kind::Builtin: {
      auto* b = static_cast<BuiltinObj*>(f.p);
      return b->owner.empty() ? b->name + "()" : b->owner + "." + b->name + "()";
    }
    case Kind::Class: {
      auto* c = static_cast<ClassObj*>(f.p);
      return with_module(c->module, c->qualname);
    }
    default: return type_name(f) + " object";
  }
}

std::string Interpreter::type_name(Ref o) { return static_cast<ClassObj*>(type_of(o).p)->name; }

ClassObj* as_class(Ref r) { return static_cast<ClassObj*>(r.p); }

bool Interpreter::issubclass(Ref c, Ref base) {
  if (c.p->kind != Kind::Class) return false;
  if (base.is(types_.object)) return true;
  for (Object* m : as_class(c)->mro)
    if (m == base.p) return true;
  return false;
}

bool Interpreter::isinstance(Ref o, Ref cls) {
  if (cls.p->kind == Kind::Tuple) {
    for (auto& c : static_cast<TupleObj*>(cls.p)->items)
      if (isinstance(o, c)) return true;
    return false;
  }
  if (cls.p->kind != Kind::Class)
    type_error("isinstance() arg 2 must be a type, a tuple of types, or a union");
  // bool is a subclass of int.
  Ref t = type_of(o);
  return issubclass(t, cls);
}

// Looks `name` up along the mro of class `cls`; borrowed result or null.
Ref class_lookup(Interpreter& in, Ref cls, std::string_view name) {
  for (Object* m : as_class(cls)->mro) {
    Ref d = static_cast<ClassObj*>(m)->dict;
    if (!d) continue;
    Ref v = in.dict_get_str(d, name);
    if (v) return v;
  }
  return {};
}

Ref Interpreter::lookup_special(Ref o, std::string_view name) {
  Ref cls = type_of(o);
  {
    Ref f = class_lookup(*this, cls, name);
    if (!f) return {};
    if (f.p->kind == Kind::Function) {
      BoundMethodObj* m = heap_.alloc<BoundMethodObj>(Kind::BoundMethod);
      m->func = newref(f);
      m->self = newref(o);
      return Heap::ref(m);
    }
    if (f.p->kind == Kind::Builtin && static_cast<BuiltinObj*>(f.p)->method) {
      BuiltinObj* b = static_cast<BuiltinObj*>(f.p);
      return new_builtin(b->name, b->fn, o, b->owner);
    }
    return newref(f);
  }
}

Ref Interpreter::call_special(Ref o, std::string_view name, const Ref* args, int nargs) {
  Ref f = class_lookup(*this, type_of(o), name);
  if (!f) return {};
  if (f.p->kind != Kind::Function && !(f.p->kind == Kind::Builtin && static_cast<BuiltinObj*>(f.p)->method)) {
    Ref bound = lookup_special(o, name);
    ThreadState& t = current();
    t.held.push_back(bound);
    Ref r;
    try {
      r = call(bound, args, nargs);
    } catch (...) {
      t.held.pop_back();
      decref(bound);
      throw;
    }
    t.held.pop_back();
    decref(bound);
    return r;
  }
  std::vector<Ref> all;
  all.reserve(static_cast<size_t>(nargs) + 1);
  all.push_back(o);
  all.insert(all.end(), args, args + nargs);
  ThreadState& t = current();
  t.held.push_back(newref(f));
  Ref r;
  try {
    r = call(f, all.data(), nargs + 1);
  } catch (...) {
    Ref h = t.held.back();
    t.held.pop_back();
    decref(h);
    throw;
  }
  Ref h = t.held.back();
  t.held.pop_back();
  decref(h);
  return r;
}

// ---------------------------------------------------------------- truth

bool Interpreter::truthy(Ref o) {
  switch (o.p->kind) {
    case Kind::None: return false;
    case Kind::Bool:
    case Kind::Int: {
      auto* i = static_cast<IntObj*>(o.p);
      return i->big ? !i->big->is_zero() : i->v != 0;
    }
    case Kind::Float: return static_cast<FloatObj*>(o.p)->v != 0.0;
    case Kind::Str: return !static_cast<StrObj*>(o.p)->s.empty();
    case Kind::Tuple: return !static_cast<TupleObj*>(o.p)->items.empty();
    case Kind::List:
      touch(o, Access::Read);
      return !static_cast<ListObj*>(o.p)->items.empty();
    case Kind::Dict:
      touch(o, Access::Read);
      return static_cast<DictObj*>(o.p)->used != 0;
    case Kind::Range:
    case Kind::DictView: return length(o) != 0;
    case Kind::Instance: {
      Ref r = call_special(o, "__bool__");
      if (r) {
        if (r.p->kind != Kind::Bool) {
          std::string tn = type_name(r);
          decref(r);
          type_error(fmt::format("__bool__ should return bool, returned {}", tn));
        }
        bool b = is_true(r);
        decref(r);
        return b;
      }
      r = call_special(o, "__len__");
      if (r) {
        bool b = truthy(r);
        decref(r);
        return b;
      }
      return true;
    }
    default: return true;
  }
}

// ---------------------------------------------------------------- repr/str

std::string int_repr(Ref r) {
  auto* i = static_cast<IntObj*>(r.p);
  if (r.p->kind == Kind::Bool) return i->v ? "True" : "False";
  return i->big ? i->big->to_string() : std::to_string(i->v);
}

namespace {

std::string seq_repr(Interpreter& in, const std::vector<Ref>& items, char open, char close,
                     bool tuple) {
  std::string s(1, open);
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) s += ", ";
    s += in.repr_s(items[k]);
  }
  if (tuple && items.size() == 1) s += ",";
  s += close;
  return s;
}

// Containers that contain themselves print "[...]" (Py_ReprEnter).
thread_local std::vector<Object*> repr_stack;

struct ReprGuard {
  bool recursive = false;
  explicit ReprGuard(Object* o) {
    for (Object* x : repr_stack)
      if (x == o) recursive = true;
    if (!recursive) repr_stack.push_back(o);
  }
  ~ReprGuard() {
    if (!recursive) repr_stack.pop_back();
  }
};

std::string addr(Object* o) { return fmt::format("0x7f{:010x}", uint64_t{o->serial} * 16); }

}  // namespace

std::string Interpreter::repr_s(Ref o) {
  switch (o.p->kind) {
    case Kind::None: return "None";
    case Kind::NotImplemented: return "NotImplemented";
    case Kind::Ellipsis: return "Ellipsis";
    case Kind::Bool:
    case Kind::Int: return int_repr(o);
    case Kind::Float: return repr_float(static_cast<FloatObj*>(o.p)->v);
    case Kind::Str: return repr_str(static_cast<StrObj*>(o.p)->s);
    case Kind::Tuple: {
      ReprGuard g(o.p);
      if (g.recursive) return "(...)";
      return seq_repr(*this, static_cast<TupleObj*>(o.p)->items, '(', ')', true);
    }
    case Kind::List: {
      touch(o, Access::Read);
      ReprGuard g(o.p);
      if (g.recursive) return "[...]";
      return seq_repr(*this, static_cast<ListObj*>(o.p)->items, '[', ']', false);
    }
    case Kind::Dict: {
      touch(o, Access::Read);
      ReprGuard g(o.p);
      if (g.recursive) return "{...}";
      std::string s = "{";
      bool first = true;
      auto* d = static_cast<DictObj*>(o.p);
      for (size_t k = 0; k < d->entries.size(); ++k) {
        auto& e = d->entries[k];
        if (!e.key) continue;
        if (!first) s += ", ";
        first = false;
        Ref key = e.key, val = e.value;
        s += repr_s(key) + ": " + repr_s(val);
      }
      return s + "}";
    }
    case Kind::Slice: {
      auto* s = static_cast<SliceObj*>(o.p);
      return "slice(" + repr_s(s->start) + ", " + repr_s(s->stop) + ", " + repr_s(s->step) + ")";
    }
    case Kind::Range: {
      auto* r = static_cast<RangeObj*>(o.p);
      if (r->step == 1) return fmt::format("range({}, {})", r->start, r->stop);
      return fmt::format("range({}, {}, {})", r->start, r->stop, r->step);
    }
    case Kind::Function: {
      auto* f = static_cast<FunctionObj*>(o.p);
      return fmt::format("<function {} at {}>", str_of(f->qualname), addr(o.p));
    }
    case Kind::Builtin: {
      auto* b = static_cast<BuiltinObj*>(o.p);
      if (b->self && b->self.p->kind != Kind::Module)
        return fmt::format("<built-in method {} of {} object at {}>", b->name, type_name(b->self),
                           addr(b->self.p));
      return fmt::format("<built-in function {}>", b->name);
    }
    case Kind::BoundMethod: {
      auto* m = static_cast<BoundMethodObj*>(o.p);
      std::string qn = m->func.p->kind == Kind::Function
                           ? str_of(static_cast<FunctionObj*>(m->func.p)->qualname)
                           : "?";
      return fmt::format("<bound method {} of {}>", qn, repr_s(m->self));
    }
    case Kind::Class: {
      auto* c = as_class(o);
      if (c->module == "builtins") return fmt::format("<class '{}'>", c->qualname);
      return fmt::format("<class '{}.{}'>", c->module, c->qualname);
    }
    case Kind::Module:
      return fmt::format("<module '{}'>", static_cast<ModuleObj*>(o.p)->name);
    case Kind::Instance: {
      auto* inst = static_cast<InstanceObj*>(o.p);
      Ref r = call_special(o, "__repr__");
      if (r) {
        if (r.p->kind != Kind::Str) {
          std::string tn = type_name(r);
          decref(r);
          type_error(fmt::format("__repr__ returned non-string (type {})", tn));
        }
        std::string s = str_of(r);
        decref(r);
        return s;
      }
      auto* cls = as_class(inst->cls);
      if (cls->is_exception) {
        auto& items = static_cast<TupleObj*>(inst->args.p)->items;
        std::string s = cls->name + "(";
        for (size_t k = 0; k < items.size(); ++k) {
          if (k) s += ", ";
          s += repr_s(items[k]);
        }
        return s + ")";
      }
      if (cls->is_thread) {
        Ref name = dict_get_str(inst->dict, "_name");
        ThreadState* t = thread(static_cast<int>(inst->native));
        std::string state = !t ? "initial" : t->status == ThreadStatus::Done ? "stopped" : "started";
        return fmt::format("<{}({}, {})>", cls->name, name ? str_of(name) : "?", state);
      }
      std::string mod = cls->module == "builtins" ? "" : cls->module + ".";
      return fmt::format("<{}{} object at {}>", mod, cls->qualname, addr(o.p));
    }
    case Kind::Cell: return fmt::format("<cell at {}>", addr(o.p));
    case Kind::Code: return repr_code(*static_cast<CodeObj*>(o.p)->code);
    case Kind::Property: return fmt::format("<property object at {}>", addr(o.p));
    case Kind::DictView: {
      // dictview_repr: the type name around the repr of list(view).
      Ref items = new_list(unpack_iterable(o));
      std::string s;
      try {
        s = type_name(o) + "(" + repr_s(items) + ")";
      } catch (...) {
        decref(items);
        throw;
      }
      decref(items);
      return s;
    }
    case Kind::Sync: {
      auto* s = static_cast<SyncObj*>(o.p);
      switch (s->sub) {
        case SyncObj::Sub::Lock:
          return fmt::format("<{} _thread.lock object at {}>", s->owner >= 0 ? "locked" : "unlocked",
                             addr(o.p));
        case SyncObj::Sub::RLock:
          return fmt::format("<{} _thread.RLock object owner={} count={} at {}>",
                             s->owner >= 0 ? "locked" : "unlocked", s->owner >= 0 ? s->owner : 0,
                             s->count, addr(o.p));
        default:
          return fmt::format("<threading.{} object at {}>", type_name(o), addr(o.p));
      }
    }
    default: return fmt::format("<{} object at {}>", type_name(o), addr(o.p));
  }
}

std::string Interpreter::str_s(Ref o) {
  switch (o.p->kind) {
    case Kind::Str: return static_cast<StrObj*>(o.p)->s;
    case Kind::Instance: {
      auto* inst = static_cast<InstanceObj*>(o.p);
      Ref r = call_special(o, "__str__");
      if (r) {
        if (r.p->kind != Kind::Str) {
          std::string tn = type_name(r);
          decref(r);
          type_error(fmt::format("__str__ returned non-string (type {})", tn));
        }
        std::string s = str_of(r);
        decref(r);
        return s;
      }
      if (as_class(inst->cls)->is_exception && !class_lookup(*this, inst->cls, "__repr__")) {
        auto& items = static_cast<TupleObj*>(inst->args.p)->items;
        if (items.empty()) return "";
        if (items.size() == 1) {
          // KeyError's str is the repr of its key (KeyError_str).
          if (issubclass(inst->cls, exc_.KeyError)) return repr_s(items[0]);
          return str_s(items[0]);
        }
        return repr_s(inst->args);
      }
      return repr_s(o);
    }
    default: return repr_s(o);
  }
}

Ref Interpreter::repr(Ref o) { return new_str(repr_s(o)); }
Ref Interpreter::str(Ref o) {
  if (o.p->kind == Kind::Str) return newref(o);
  return new_str(str_s(o));
}

// ---------------------------------------------------------------- hashing

namespace {

// CPython's _Py_HashDouble: equal numbers hash equal across int and float.
int64_t hash_double(double v) {
  if (std::isinf(v)) return v > 0 ? 314159 : -314159;
  if (std::isnan(v)) return 0;  // 3.10+ hashes NaN by identity; rare in programs
  constexpr uint64_t P = (uint64_t{1} << 61) - 1;
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & P) | x >> (61 - 28);
    m *= 268435456.0;
    e -= 28;
    auto y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= P) x -= P;
  }
  e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
  x = ((x << e) & P) | x >> (61 - e);
  auto h = static_cast<int64_t>(x) * sign;
  return h == -1 ? -2 : h;
}

}  // namespace

int64_t str_hash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  auto r = static_cast<int64_t>(h >> 1);
  return r == -1 ? -2 : r;
}

int64_t Interpreter::hash(Ref o) {
  switch (o.p->kind) {
    case Kind::Bool:
    case Kind::Int: {
      auto* i = static_cast<IntObj*>(o.p);
      if (!i->big) {
        // long_hash for one machine word.
        constexpr int64_t P = (int64_t{1} << 61) - 1;
        int64_t v = i->v;
        if (v == std::numeric_limits<int64_t>::min()) return int_big(o).py_hash();
        int64_t h = (v < 0 ? -v : v) % P;
        if (v < 0) h = -h;
        return h == -1 ? -2 : h;
      }
      return i->big->py_hash();
    }
    case Kind::Float: return hash_double(static_cast<FloatObj*>(o.p)->v);
    case Kind::Str: {
      auto* s = static_cast<StrObj*>(o.p);
      if (s->hash == -1) s->hash = str_hash(s->s);
      return s->hash;
    }
    case Kind::None: return 0x5f3759df;
    case Kind::Tuple: {
      // tuplehash (Objects/tupleobject.c, xxHash-based since 3.8).
      const auto& items = static_cast<TupleObj*>(o.p)->items;
      uint64_t acc = 2870177450012600261ull;
      for (auto& it : items) {
        uint64_t lane = static_cast<uint64_t>(hash(it));
        acc += lane * 14029467366897019727ull;
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ull;
      }
      acc += items.size() ^ (2870177450012600261ull ^ 3527539ull);
      if (acc == static_cast<uint64_t>(-1)) return 1546275796;
      return static_cast<int64_t>(acc);
    }
    case Kind::List:
    case Kind::Dict:
      type_error(fmt::format("unhashable type: '{}'", type_name(o)));
    case Kind::Instance: {
      Ref cls = type_of(o);
      Ref f = class_lookup(*this, cls, "__hash__");
      if (f && is_none(f)) type_error(fmt::format("unhashable type: '{}'", type_name(o)));
      if (f && f.p->kind == Kind::Function) {
        Ref r = call_special(o, "__hash__");
        if (!is_int(r)) {
          decref(r);
          type_error("__hash__ method should return an integer");
        }
        int64_t h = hash(r);
        decref(r);
        return h;
      }
      // A class that defines __eq__ and not __hash__ is unhashable.
      if (!f && class_lookup(*this, cls, "__eq__"))
        type_error(fmt::format("unhashable type: '{}'", type_name(o)));
      return static_cast<int64_t>(o.p->serial) * 16 >> 4;
    }
    default: return static_cast<int64_t>(o.p->serial);
  }
}

// ---------------------------------------------------------------- comparison

namespace {

// Compares two numbers (int, bool, float) exactly; returns -1, 0, 1, or 2
// for unordered (NaN).
int num_cmp(Interpreter& in, Ref a, Ref b) {
  if (is_int(a) && is_int(b)) {
    int64_t x, y;
    if (int_small(a, x) && int_small(b, y)) return (x > y) - (x < y);
    auto c = int_big(a) <=> int_big(b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  // float vs int: exact comparison (float_richcompare), via BigInt when needed.
  auto exact = [&](double d, Ref i) -> int {
    if (std::isnan(d)) return 2;
    if (std::isinf(d)) return d > 0 ? 1 : -1;
    double fl = std::floor(d);
    BigInt bi = int_big(i);
    auto maybe = BigInt::parse(fmt::format("{:.0f}", fl), 10);
    BigInt fb = maybe ? *maybe : BigInt(0);
    auto c = fb <=> bi;
    if (c < 0) return -1;
    if (c > 0) return 1;
    return d > fl ? 1 : 0;
  };
  if (a.p->kind == Kind::Float && is_int(b)) {
    int64_t y;
    double x = static_cast<FloatObj*>(a.p)->v;
    if (int_small(b, y) && std::abs(y) < (int64_t{1} << 53)) {
      double yd = static_cast<double>(y);
      if (std::isnan(x)) return 2;
      return (x > yd) - (x < yd);
    }
    return exact(x, b);
  }
  if (is_int(a) && b.p->kind == Kind::Float) {
    int r = num_cmp(in, b, a);
    return r == 2 ? 2 : -r;
  }
  double x = static_cast<FloatObj*>(a.p)->v, y = static_cast<FloatObj*>(b.p)->v;
  if (std::isnan(x) || std::isnan(y)) return 2;
  return (x > y) - (x < y);
}

bool is_num(Ref r) { return is_int(r) || r.p->kind == Kind::Float; }

bool cmp_result(int c, int op) {
  if (c == 2) return op == 3;  // NaN: only != holds
  switch (op) {
    case 0: return c < 0;
    case 1: return c <= 0;
    case 2: return c == 0;
    case 3: return c != 0;
    case 4: return c > 0;
    case 5: return c >= 0;
  }
  return false;
}

const char* const kCmpSym[] = {"<", "<=", "==", "!=", ">", ">="};
const char* const kCmpDunder[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
const int kCmpSwapped[] = {4, 5, 2, 3, 0, 1};

}  // namespace

// Every element of view `a` is in view `b` (all_contained_in).
bool Interpreter::view_within(Ref a, Ref b) {
  std::vector<Ref> hold{get_iter(a)};
  Holder h(*this, hold);
  while (Ref x = iter_next(hold[0])) {
    std::vector<Ref> xs{x};
    Holder hx(*this, xs);
    if (!contains(b, x)) return false;
  }
  return true;
}

bool Interpreter::eq(Ref a, Ref b) {
  if (a.is(b)) return true;  // PyObject_RichCompareBool's identity shortcut
  return compare_bool(a, b, 2);
}

bool Interpreter::compare_bool(Ref a, Ref b, int op) {
  if (is_num(a) && is_num(b)) return cmp_result(num_cmp(*this, a, b), op);
  Ref r = compare(a, b, op);
  bool t = r.p->kind == Kind::Bool ? is_true(r) : truthy(r);
  decref(r);
  return t;
}

Ref Interpreter::compare(Ref a, Ref b, int op) {
  if (is_num(a) && is_num(b)) return boolean(cmp_result(num_cmp(*this, a, b), op));
  Kind ka = a.p->kind, kb = b.p->kind;
  if (ka == Kind::Str && kb == Kind::Str) {
    int c = str_of(a).compare(str_of(b));
    return boolean(cmp_result((c > 0) - (c < 0), op));
  }
  if ((ka == Kind::Tuple && kb == Kind::Tuple) || (ka == Kind::List && kb == Kind::List)) {
    if (ka == Kind::List) {
      touch(a, Access::Read);
      touch(b, Access::Read);
    }
    const auto& x = ka == Kind::Tuple ? static_cast<TupleObj*>(a.p)->items
                                      : static_cast<ListObj*>(a.p)->items;
    const auto& y = kb == Kind::Tuple ? static_cast<TupleObj*>(b.p)->items
                                      : static_cast<ListObj*>(b.p)->items;
    size_t k = 0;
    for (; k < x.size() && k < y.size(); ++k) {
      Ref xi = x[k], yi = y[k];
      if (!eq(xi, yi)) break;
    }
    if (k >= x.size() || k >= y.size()) {
      int c = (x.size() > y.size()) - (x.size() < y.size());
      return boolean(cmp_result(c, op));
    }
    if (op == 2) return boolean(false);
    if (op == 3) return boolean(true);
    return compare(x[k], y[k], op);
  }
  if (ka == Kind::Dict && kb == Kind::Dict && (op == 2 || op == 3)) {
    auto* x = static_cast<DictObj*>(a.p);
    auto* y = static_cast<DictObj*>(b.p);
    bool same = x->used == y->used;
    if (same) {
      for (auto& e : x->entries) {
        if (!e.key) continue;
        Ref v = dict_get(b, e.key);
        if (!v || !eq(e.value, v)) {
          same = false;
          break;
        }
      }
    }
    return boolean(op == 2 ? same : !same);
  }
  if (ka == Kind::DictView && kb == Kind::DictView) {
    // dictview_richcompare: keys and items views compare as sets.
    auto set_like = [](Ref v) { return static_cast<IterObj*>(v.p)->sub != IterObj::Sub::DictValues; };
    if (set_like(a) && set_like(b)) {
      int64_t la = length(a), lb = length(b);
      bool ok;
      switch (op) {
        case 0: ok = la < lb && view_within(a, b); break;
        case 1: ok = la <= lb && view_within(a, b); break;
        case 2: ok = la == lb && view_within(a, b); break;
        case 3: ok = !(la == lb && view_within(a, b)); break;
        case 4: ok = la > lb && view_within(b, a); break;
        default: ok = la >= lb && view_within(b, a); break;
      }
      return boolean(ok);
    }
  }
  // User-defined rich comparisons: the reflected method of the right operand
  // first when its type is a subclass (do_richcompare), then the left one.
  auto try_method = [&](Ref self, Ref other, int o) -> Ref {
    if (self.p->kind != Kind::Instance) return {};
    Ref r = call_special(self, kCmpDunder[o], &other, 1);
    if (!r) return {};
    if (r.is(notimpl_)) {
      decref(r);
      return {};
    }
    return r;
  };
  Ref r = try_method(a, b, op);
  if (r) return r;
  r = try_method(b, a, kCmpSwapped[op]);
  if (r) return r;
  if (op == 2) return boolean(a.is(b));
  if (op == 3) {
    // Default __ne__ inverts __eq__.
    if (a.p->kind == Kind::Instance) {
      Ref e = call_special(a, "__eq__", &b, 1);
      if (e) {
        if (!e.is(notimpl_)) {
          bool t = truthy(e);
          decref(e);
          return boolean(!t);
        }
        decref(e);
      }
    }
    return boolean(!a.is(b));
  }
  type_error(fmt::format("'{}' not supported between instances of '{}' and '{}'", kCmpSym[op],
                         type_name(a), type_name(b)));
}

// ---------------------------------------------------------------- arithmetic

namespace {

const char* const kBinSym[] = {"+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"};
const char* const kBinDunder[] = {"__add__",  "__and__", "__floordiv__", "__lshift__", "__matmul__",
                                  "__mul__",  "__mod__", "__or__",       "__pow__",    "__rshift__",
                                  "__sub__",  "__truediv__", "__xor__"};
const char* const kBinRDunder[] = {"__radd__", "__rand__", "__rfloordiv__", "__rlshift__",
                                   "__rmatmul__", "__rmul__", "__rmod__", "__ror__", "__rpow__",
                                   "__rrshift__", "__rsub__", "__rtruediv__", "__rxor__"};

double py_fmod(double x, double y) {
  double mod = std::fmod(x, y);
  if (mod != 0.0) {
    if ((y < 0) != (mod < 0)) mod += y;
  } else {
    mod = std::copysign(0.0, y);
  }
  return mod;
}

double py_floordiv(double x, double y) {
  double mod = std::fmod(x, y);
  double div = (x - mod) / y;
  if (mod != 0.0 && ((y < 0) != (mod < 0))) div -= 1.0;
  double floordiv;
  if (div != 0.0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, x / y);
  }
  return floordiv;
}

}  // namespace

Ref int_binop(Interpreter& in, Ref a, Ref b, int op) {
  int64_t x, y;
  bool small = int_small(a, x) && int_small(b, y);
  if (small) {
    int64_t r;
    switch (op) {
      case 0:
        if (!__builtin_add_overflow(x, y, &r)) return in.new_int(r);
        break;
      case 10:
        if (!__builtin_sub_overflow(x, y, &r)) return in.new_int(r);
        break;
      case 5:
        if (!__builtin_mul_overflow(x, y, &r)) return in.new_int(r);
        break;
      case 1: return in.new_int(x & y);
      case 7: return in.new_int(x | y);
      case 12: return in.new_int(x ^ y);
      case 2:
      case 6:
        if (y == 0)
          in.raise(in.exc_.ZeroDivisionError,
                   op == 2 ? "integer division or modulo by zero" : "integer modulo by zero");
        if (!(x == std::numeric_limits<int64_t>::min() && y == -1)) {
          int64_t q = x / y, m = x % y;
          if (m != 0 && ((m < 0) != (y < 0))) {
            q -= 1;
            m += y;
          }
          return in.new_int(op == 2 ? q : m);
        }
        break;
      case 11:
        if (y == 0) in.raise(in.exc_.ZeroDivisionError, "division by zero");
        if (std::abs(x) <= (int64_t{1} << 53) && std::abs(y) <= (int64_t{1} << 53))
          return in.new_float(static_cast<double>(x) / static_cast<double>(y));
        break;
      case 9:
        if (y < 0) in.value_error("negative shift count");
        return in.new_int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
      default: break;
    }
  }
  BigInt X = int_big(a), Y = int_big(b);
  switch (op) {
    case 0: return in.new_int(X + Y);
    case 10: return in.new_int(X - Y);
    case 5: return in.new_int(X * Y);
    case 1: return in.new_int(X & Y);
    case 7: return in.new_int(X | Y);
    case 12: return in.new_int(X ^ Y);
    case 2:
    case 6:
      if (Y.is_zero())
        in.raise(in.exc_.ZeroDivisionError,
                 op == 2 ? "integer division or modulo by zero" : "integer modulo by zero");
      return in.new_int(op == 2 ? BigInt::floordiv(X, Y) : BigInt::mod(X, Y));
    case 11: {
      if (Y.is_zero()) in.raise(in.exc_.ZeroDivisionError, "division by zero");
      auto q = int_true_divide(X, Y);
      if (!q) in.raise(in.exc_.OverflowError, "integer division result too large for a float");
      return in.new_float(*q);
    }
    case 3: {
      if (Y.sign() < 0) in.value_error("negative shift count");
      if (!Y.fits_int64() || Y.to_int64() > (int64_t{1} << 32)) {
        if (X.is_zero()) return in.new_int(0);
        in.raise(in.exc_.OverflowError, "too many digits in integer");
      }
      return in.new_int(BigInt::shl(X, static_cast<uint64_t>(Y.to_int64())));
    }
    case 9: {
      if (Y.sign() < 0) in.value_error("negative shift count");
      if (!Y.fits_int64()) return in.new_int(X.sign() < 0 ? -1 : 0);
      return in.new_int(BigInt::shr(X, static_cast<uint64_t>(Y.to_int64())));
    }
    case 8: {
      if (Y.sign() < 0) {
        if (X.is_zero())
          in.raise(in.exc_.ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return in.new_float(std::pow(float_of(in, a), float_of(in, b)));
      }
      if (!Y.fits_int64()) in.raise(in.exc_.OverflowError, "exponent too large");
      return in.new_int(BigInt::pow(X, static_cast<uint64_t>(Y.to_int64())));
    }
    default: return {};
  }
}

Ref float_binop(Interpreter& in, Ref a, Ref b, int op) {
  double x = float_of(in, a), y = float_of(in, b);
  switch (op) {
    case 0: return in.new_float(x + y);
    case 10: return in.new_float(x - y);
    case 5: return in.new_float(x * y);
    case 11:
      if (y == 0.0) in.raise(in.exc_.ZeroDivisionError, "float division by zero");
      return in.new_float(x / y);
    case 2:
      if (y == 0.0) in.raise(in.exc_.ZeroDivisionError, "float floor division by zero");
      return in.new_float(py_floordiv(x, y));
    case 6:
      if (y == 0.0) in.raise(in.exc_.ZeroDivisionError, "float modulo");
      return in.new_float(py_fmod(x, y));
    case 8: {
      if (x == 0.0 && y < 0)
        in.raise(in.exc_.ZeroDivisionError, "0.0 cannot be raised to a negative power");
      if (x < 0 && y != std::floor(y)) in.value_error("complex results are not supported by gilsim");
      double r = std::pow(x, y);
      if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
        in.raise(in.exc_.OverflowError, "(34, 'Numerical result out of range')");
      return in.new_float(r);
    }
    default: return {};
  }
}

namespace {

Ref repeat_seq(Interpreter& in, Ref seq, Ref count) {
  int64_t n;
  if (!int_small(count, n)) in.raise(in.exc_.OverflowError, "cannot fit 'int' into an index-sized integer");
  if (n < 0) n = 0;
  if (seq.p->kind == Kind::Str) {
    const std::string& s = str_of(seq);
    if (n && s.size() > (size_t{1} << 32) / static_cast<size_t>(n)) in.raise(in.exc_.OverflowError, "repeated string is too long");
    std::string out;
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int64_t k = 0; k < n; ++k) out += s;
    return in.new_str(std::move(out));
  }
  const auto& items = seq.p->kind == Kind::List ? static_cast<ListObj*>(seq.p)->items
                                                : static_cast<TupleObj*>(seq.p)->items;
  if (n && items.size() > (size_t{1} << 28) / static_cast<size_t>(n)) in.raise(in.exc_.OverflowError, "repeated sequence is too long");
  std::vector<Ref> out;
  out.reserve(items.size() * static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k)
    for (auto& it : items) out.push_back(in.newref(it));
  return seq.p->kind == Kind::List ? in.new_list(std::move(out)) : in.new_tuple(std::move(out));
}

}  // namespace

Ref Interpreter::binary_op(Ref a, Ref b, int oparg) {
  bool inplace = oparg >= 13;
  int op = inplace ? oparg - 13 : oparg;
  Kind ka = a.p->kind, kb = b.p->kind;
  if (is_int(a) && is_int(b)) {
    Ref r = int_binop(*this, a, b, op);
    if (r) return r;
  } else if (is_num(a) && is_num(b)) {
    Ref r = float_binop(*this, a, b, op);
    if (r) return r;
  } else if (op == 0 && ka == kb && (ka == Kind::Str || ka == Kind::List || ka == Kind::Tuple)) {
    if (ka == Kind::List) {
      touch(a, inplace ? Access::Write : Access::Read);
      touch(b, Access::Read);
    }
    if (ka == Kind::Str) return new_str(str_of(a) + str_of(b));
    if (ka == Kind::List && inplace) {
      // list += list extends in place (list_inplace_concat).
      auto& dst = static_cast<ListObj*>(a.p)->items;
      std::vector<Ref> src = static_cast<ListObj*>(b.p)->items;
      for (auto& x : src) dst.push_back(newref(x));
      return newref(a);
    }
    const auto& x = ka == Kind::List ? static_cast<ListObj*>(a.p)->items : static_cast<TupleObj*>(a.p)->items;
    const auto& y = kb == Kind::List ? static_cast<ListObj*>(b.p)->items : static_cast<TupleObj*>(b.p)->items;
    std::vector<Ref> out;
    out.reserve(x.size() + y.size());
    for (auto& i : x) out.push_back(newref(i));
    for (auto& i : y) out.push_back(newref(i));
    return ka == Kind::List ? new_list(std::move(out)) : new_tuple(std::move(out));
  } else if (op == 0 && ka == Kind::List && inplace) {
    std::vector<Ref> items = unpack_iterable(b);
    touch(a, Access::Write);
    auto& dst = static_cast<ListObj*>(a.p)->items;
    for (auto& x : items) dst.push_back(x);
    return newref(a);
  } else if (op == 5 && (ka == Kind::Str || ka == Kind::List || ka == Kind::Tuple) && is_int(b)) {
    return repeat_seq(*this, a, b);
  } else if (op == 5 && (kb == Kind::Str || kb == Kind::List || kb == Kind::Tuple) && is_int(a)) {
    return repeat_seq(*this, b, a);
  } else if (op == 6 && ka == Kind::Str) {
    extern Ref percent_format(Interpreter & in, Ref fmt, Ref args);
    return percent_format(*this, a, b);
  }
  // User-defined operators: __iadd__, then __add__, then the reflected __radd__.
  auto try_method = [&](Ref self, const char* name, Ref other) -> Ref {
    if (self.p->kind != Kind::Instance) return {};
    Ref r = call_special(self, name, &other, 1);
    if (!r) return {};
    if (r.is(notimpl_)) {
      decref(r);
      return {};
    }
    return r;
  };
  if (inplace) {
    std::string iname = std::string("__i") + (kBinDunder[op] + 2);
    Ref r = try_method(a, iname.c_str(), b);
    if (r) return r;
  }
  Ref r = try_method(a, kBinDunder[op], b);
  if (r) return r;
  r = try_method(b, kBinRDunder[op], a);
  if (r) return r;
  std::string sym = kBinSym[op];
  if (inplace) sym += "=";
  if (op == 8 && !inplace)
    type_error(fmt::format("unsupported operand type(s) for ** or pow(): '{}' and '{}'", type_name(a),
                           type_name(b)));
  if (op == 8)
    type_error(fmt::format("unsupported operand type(s) for **=: '{}' and '{}'", type_name(a),
                           type_name(b)));
  // PyNumber_Multiply falls back to the sequence's repeat, which wants an index.
  auto is_seq = [](Kind k) { return k == Kind::Str || k == Kind::List || k == Kind::Tuple; };
  if (op == 5 && (is_seq(ka) || is_seq(kb)))
    type_error(fmt::format("can't multiply sequence by non-int of type '{}'", type_name(is_seq(ka) ? b : a)));
  if (op == 0 && ka == Kind::Str)
    type_error(fmt::format("can only concatenate str (not \"{}\") to str", type_name(b)));
  if (op == 0 && ka == Kind::List)
    type_error(fmt::format("can only concatenate list (not \"{}\") to list", type_name(b)));
  if (op == 0 && ka == Kind::Tuple)
    type_error(fmt::format("can only concatenate tuple (not \"{}\") to tuple", type_name(b)));
  type_error(fmt::format("unsupported operand type(s) for {}: '{}' and '{}'", sym, type_name(a),
                         type_name(b)));
}

Ref Interpreter::unary_op(Ref a, int opcode) {
  switch (opcode) {
    case UNARY_NOT: return boolean(!truthy(a));
    case UNARY_NEGATIVE:
      if (is_int(a)) {
        int64_t v;
        if (int_small(a, v) && v != std::numeric_limits<int64_t>::min()) return new_int(-v);
        return new_int(-int_big(a));
      }
      if (a.p->kind == Kind::Float) return new_float(-static_cast<FloatObj*>(a.p)->v);
      break;
    case UNARY_POSITIVE:
      if (a.p->kind == Kind::Bool) return new_int(static_cast<IntObj*>(a.p)->v);
      if (is_int(a) || a.p->kind == Kind::Float) return newref(a);
      break;
    case UNARY_INVERT:
      if (is_int(a)) {
        int64_t v;
        if (int_small(a, v)) return new_int(~v);
        return new_int(~int_big(a));
      }
      break;
  }
  const char* dunder = opcode == UNARY_NEGATIVE   ? "__neg__"
                       : opcode == UNARY_POSITIVE ? "__pos__"
                                                  : "__invert__";
  if (a.p->kind == Kind::Instance) {
    Ref r = call_special(a, dunder);
    if (r) return r;
  }
  const char* sym = opcode == UNARY_NEGATIVE ? "-" : opcode == UNARY_POSITIVE ? "+" : "~";
  type_error(fmt::format("bad operand type for unary {}: '{}'", sym, type_name(a)));
}

// ---------------------------------------------------------------- exceptions

Ref Interpreter::new_exception(Ref cls, std::vector<Ref> args) {
  InstanceObj* o = heap_.alloc<InstanceObj>(Kind::Instance);
  o->cls = newref(cls);
  o->dict = new_dict();
  o->args = new_tuple(std::move(args));
  return Heap::ref(o);
}

void Interpreter::raise(Ref cls, const std::string& message) {
  std::vector<Ref> args;
  args.push_back(new_str(message));
  raise_obj(new_exception(cls, std::move(args)));
}

void Interpreter::raise_obj(Ref exc) {
  if (exc.p->kind == Kind::Class) {
    Ref inst = call0(exc);
    decref(exc);
    exc = inst;
  }
  ThreadState& t = current();
  if (exc.p->kind != Kind::Instance || !as_class(static_cast<InstanceObj*>(exc.p)->cls)->is_exception) {
    decref(exc);
    type_error("exceptions must derive from BaseException");
  }
  // The exception being handled becomes __context__ (_PyErr_SetObject).
  auto* e = static_cast<InstanceObj*>(exc.p);
  if (t.exc_info && !t.exc_info.is(exc) && !e->context) e->context = newref(t.exc_info);
  assign(t.raised, exc);
  throw PyException{};
}

bool Interpreter::exception_matches(Ref exc, Ref cls) {
  if (cls.p->kind == Kind::Tuple) {
    for (auto& c : static_cast<TupleObj*>(cls.p)->items)
      if (exception_matches(exc, c)) return true;
    return false;
  }
  if (cls.p->kind != Kind::Class || !as_class(cls)->is_exception)
    type_error("catching classes that do not inherit from BaseException is not allowed");
  return isinstance(exc, cls);
}

}  // namespace vm
