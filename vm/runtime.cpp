// The interpreter's start-up (types, exceptions, builtins, modules), class
// creation and instantiation, imports, running __main__ and printing
// tracebacks as CPython 3.11 does.
#include <fmt/format.h>

#include <atomic>

#include "vm/check.h"
#include "vm/code.h"
#include "vm/interpreter.h"
#include "vm/objects_impl.h"
#include "vm/parser.h"
#include "sim/fiber.h"

namespace vm {

namespace {

Ref immortal(Ref r) {
  r.p->immortal = true;
  r.p->base_refs = r.p->refcnt;
  return r;
}

}  // namespace

Ref Interpreter::make_type(const std::string& name, Kind instance_kind, std::vector<Ref> bases) {
  ClassObj* c = heap_.alloc<ClassObj>(Kind::Class);
  c->name = name;
  c->qualname = name;
  c->dict = new_dict();
  c->dict.p->frozen = true;
  c->instance_kind = instance_kind;
  c->builtin = true;
  c->mro.push_back(c);
  for (auto& b : bases) {
    for (Object* m : as_class(b)->mro)
      if (std::find(c->mro.begin(), c->mro.end(), m) == c->mro.end()) c->mro.push_back(m);
    c->is_exception |= as_class(b)->is_exception;
    c->is_thread |= as_class(b)->is_thread;
    c->is_process |= as_class(b)->is_process;
  }
  c->bases = std::move(bases);
  Ref r = Heap::ref(c);
  return r;
}

Interpreter::Interpreter(std::string) {
  auto plain = [&](Kind k) { return immortal(Heap::ref(heap_.alloc<Object>(k))); };
  none_ = plain(Kind::None);
  notimpl_ = plain(Kind::NotImplemented);
  ellipsis_ = plain(Kind::Ellipsis);
  IntObj* t = heap_.alloc<IntObj>(Kind::Bool);
  t->v = 1;
  true_ = immortal(Heap::ref(t));
  IntObj* fl = heap_.alloc<IntObj>(Kind::Bool);
  fl->v = 0;
  false_ = immortal(Heap::ref(fl));
  for (int i = 0; i < 262; ++i) {
    IntObj* o = heap_.alloc<IntObj>(Kind::Int);
    o->v = i - 5;
    small_ints_[i] = immortal(Heap::ref(o));
  }
  init_types();
  builtins_ = immortal(new_dict());
  modules_ = immortal(new_dict());
  init_builtins();
  init_modules();
  // Names gilsim's own code looks up or stores by text at run time: interned
  // now, they belong to the runtime and are not made again by every
  // execution of the explorer (a cost, never a difference in behaviour:
  // a name missing here is interned when first used).
  for (const char* n : {"__init__", "__call__", "__enter__", "__exit__", "__iter__", "__next__", "__len__",
                        "__bool__", "__eq__", "__hash__", "__repr__", "__str__", "__getitem__", "__setitem__",
                        "__delitem__", "__contains__", "__index__", "__int__", "__float__", "__format__",
                        "__name__", "__qualname__", "__module__", "__doc__", "__builtins__", "__main__",
                        "__classcell__", "__build_class__", "__self__", "__gilsim_init__",
                        "_target", "_args", "_kwargs", "_name", "name", "daemon", "exitcode", "run", "start",
                        "join", "target", "args", "kwargs", "group", "blocking", "timeout"})
    decref(intern(n));
  // Everything made so far belongs to the runtime: immortal, with the
  // references it holds now as its base.
  heap_.for_each_live([](Object* o) {
    o->immortal = true;
    o->base_refs = o->refcnt;
  });
  // The mark reset() returns to.
  heap_.mark();
  heap_.for_each_marked([this](Object* o) {
    runtime_objects_.push_back(o);
    if (o->kind == Kind::Dict && !o->frozen) {
      auto* d = static_cast<DictObj*>(o);
      runtime_dicts_.push_back({d, d->entries, d->index, d->used, d->version});
    } else if (o->kind == Kind::List) {
      runtime_lists_.emplace_back(static_cast<ListObj*>(o), static_cast<ListObj*>(o)->items);
    }
  });
  constructed_ = true;
  begin_run_log();
}

void Interpreter::begin_run_log() {
  static std::atomic<uint32_t> runs{0};  // interpreters move between threads
  do run_stamp_ = runs.fetch_add(1, std::memory_order_relaxed) + 1;
  while (run_stamp_ == 0);
  changed_immortals_.clear();
  counts_untracked_ = false;
  heap_.immortal_log = &changed_immortals_;
  heap_.log_stamp = run_stamp_;
}


Interpreter::~Interpreter() = default;

void Interpreter::reset() {
  // Threads first: their fibers have finished (run_main unwinds them) and
  // their frames hold references into the heap about to be reset.
  for (auto& t : threads_) {  // kept with their frames (push_frame sets every field)
    auto frames = std::move(t->frames);
    *t = ThreadState{};
    t->frames = std::move(frames);
    spare_threads_.push_back(std::move(t));
  }
  threads_.clear();
  own_sched_.reset();
  sched_ = nullptr;
  run_interned_.clear();
  for (uint16_t i : run_cache_slots_) intern_cache_[i] = {};
  run_cache_slots_.clear();
  // The runtime's counts get back their values at start-up: those noted as
  // changed, or all of them after a run without a hook.
  if (counts_untracked_) {
    for (Object* o : runtime_objects_) o->refcnt = o->base_refs;
  } else {
    for (Object* o : changed_immortals_) o->refcnt = o->base_refs;
#ifndef NDEBUG
    for (Object* o : runtime_objects_)
      GILSIM_ASSERT(o->refcnt == o->base_refs, "a runtime object's count changed unnoticed");
#endif
  }
  begin_run_log();
  heap_.reset();
  for (auto& s : runtime_dicts_) {
    s.d->entries = s.entries;
    s.d->index = s.index;
    s.d->used = s.used;
    s.d->version = s.version;
  }
  for (auto& [l, items] : runtime_lists_) l->items = items;
  // Every per-run field, as the constructor leaves it.
  hook_ = nullptr;
  rc_mode_ = RcMode::Plain;
  rc_split_ = false;
  breaker_ = false;
  total_steps_ = 0;
  switch_interval = 0.005;
  thread_counter = process_counter = 0;
  main_file.clear();  // source_lines stay, with lines_of_: run_main reuses them for the same source
  main_file_display.clear();
  stream_out = stream_err = nullptr;
  cur_ = 0;
  clock_ = 0;
  failure_ = Failure::None;
  failure_message_.clear();
  opts_ = RunOptions{};
  out_ = err_ = nullptr;
  c_depth_ = 0;
  exit_code_ = 0;
  need_points_ = false;
  out_flushed_ = err_flushed_ = 0;
  stopped_ = abandoned_ = unwinding_ = false;
  next_thread_number_ = 1;
}

uint64_t Interpreter::runtime_digest() {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  auto ref = [&](Ref r) {
    mix(reinterpret_cast<uintptr_t>(r.p));
    mix(r.gen);
  };
  heap_.for_each_marked([&](Object* o) {
    mix(static_cast<uint64_t>(o->kind));
    mix(static_cast<uint64_t>(o->refcnt));
    mix(o->gen);
    mix(o->serial);
    mix(o->immortal);
    mix(o->frozen);
    Heap::traverse(o, ref);
    switch (o->kind) {
      case Kind::Int:
      case Kind::Bool: mix(static_cast<uint64_t>(static_cast<IntObj*>(o)->v)); break;
      case Kind::Str: mix(std::hash<std::string>{}(static_cast<StrObj*>(o)->s)); break;
      case Kind::Dict: {
        auto* d = static_cast<DictObj*>(o);
        mix(d->used);
        mix(d->version);
        for (int32_t i : d->index) mix(static_cast<uint64_t>(i));
        break;
      }
      case Kind::Class: {
        auto* c = static_cast<ClassObj*>(o);
        mix(std::hash<std::string>{}(c->name + "/" + c->qualname + "/" + c->module));
        mix(c->mro.size());
        mix(reinterpret_cast<uintptr_t>(c->ctor));
        break;
      }
      case Kind::Builtin: mix(reinterpret_cast<uintptr_t>(static_cast<BuiltinObj*>(o)->fn)); break;
      case Kind::Module: mix(std::hash<std::string>{}(static_cast<ModuleObj*>(o)->name)); break;
      default: break;
    }
  });
  mix(interned_.size());
  return h;
}

void Interpreter::init_types() {
  auto& T = types_;
  T.object = make_type("object", Kind::Instance, {});
  auto simple = [&](const char* name, Kind k) { return make_type(name, k, {T.object}); };
  T.type = simple("type", Kind::Class);
  T.none = simple("NoneType", Kind::None);
  T.notimpl = simple("NotImplementedType", Kind::NotImplemented);
  T.ellipsis = simple("ellipsis", Kind::Ellipsis);
  T.int_ = simple("int", Kind::Int);
  T.bool_ = make_type("bool", Kind::Bool, {T.int_});
  T.float_ = simple("float", Kind::Float);
  T.str = simple("str", Kind::Str);
  T.tuple = simple("tuple", Kind::Tuple);
  T.list = simple("list", Kind::List);
  T.dict = simple("dict", Kind::Dict);
  T.slice = simple("slice", Kind::Slice);
  T.range = simple("range", Kind::Range);
  T.iter = simple("iterator", Kind::Iter);
  T.code = simple("code", Kind::Code);
  T.function = simple("function", Kind::Function);
  T.builtin = simple("builtin_function_or_method", Kind::Builtin);
  T.method = simple("method", Kind::BoundMethod);
  T.cell = simple("cell", Kind::Cell);
  T.property = simple("property", Kind::Property);
  T.staticmethod = simple("staticmethod", Kind::StaticMethod);
  T.classmethod = simple("classmethod", Kind::ClassMethod);
  T.module = simple("module", Kind::Module);
  T.dict_keys = simple("dict_keys", Kind::DictView);
  T.dict_values = simple("dict_values", Kind::DictView);
  T.dict_items = simple("dict_items", Kind::DictView);
  T.lock = simple("lock", Kind::Sync);
  T.rlock = simple("RLock", Kind::Sync);
  T.condition = simple("Condition", Kind::Sync);
  T.event = simple("Event", Kind::Sync);
  T.semaphore = simple("Semaphore", Kind::Sync);
  T.thread = simple("Thread", Kind::Instance);
  as_class(T.thread)->is_thread = true;
  as_class(T.thread)->module = "threading";
  for (Ref c : {T.condition, T.event, T.semaphore}) as_class(c)->module = "threading";
  as_class(T.rlock)->module = "_thread";
  as_class(T.lock)->module = "_thread";

  auto& E = exc_;
  E.BaseException = simple("BaseException", Kind::Instance);
  as_class(E.BaseException)->is_exception = true;
  auto sub = [&](const char* name, Ref base) { return make_type(name, Kind::Instance, {base}); };
  E.Exception = sub("Exception", E.BaseException);
  E.SystemExit = sub("SystemExit", E.BaseException);
  E.KeyboardInterrupt = sub("KeyboardInterrupt", E.BaseException);
  E.ArithmeticError = sub("ArithmeticError", E.Exception);
  E.ZeroDivisionError = sub("ZeroDivisionError", E.ArithmeticError);
  E.OverflowError = sub("OverflowError", E.ArithmeticError);
  E.AssertionError = sub("AssertionError", E.Exception);
  E.AttributeError = sub("AttributeError", E.Exception);
  E.LookupError = sub("LookupError", E.Exception);
  E.IndexError = sub("IndexError", E.LookupError);
  E.KeyError = sub("KeyError", E.LookupError);
  E.NameError = sub("NameError", E.Exception);
  E.UnboundLocalError = sub("UnboundLocalError", E.NameError);
  E.RuntimeError = sub("RuntimeError", E.Exception);
  E.RecursionError = sub("RecursionError", E.RuntimeError);
  E.NotImplementedError = sub("NotImplementedError", E.RuntimeError);
  E.StopIteration = sub("StopIteration", E.Exception);
  E.TypeError = sub("TypeError", E.Exception);
  E.ValueError = sub("ValueError", E.Exception);
  E.ImportError = sub("ImportError", E.Exception);
  E.ModuleNotFoundError = sub("ModuleNotFoundError", E.ImportError);
}

// ---------------------------------------------------------------- classes

namespace {

// C3 linearisation of a new class's bases (mro_implementation).
std::vector<Object*> c3(Object* self, const std::vector<Ref>& bases, bool& ok) {
  std::vector<std::vector<Object*>> seqs;
  for (auto& b : bases) seqs.push_back(static_cast<ClassObj*>(b.p)->mro);
  std::vector<Object*> bl;
  for (auto& b : bases) bl.push_back(b.p);
  seqs.push_back(bl);
  std::vector<Object*> out{self};
  ok = true;
  for (;;) {
    bool any = false;
    for (auto& s : seqs) any |= !s.empty();
    if (!any) return out;
    Object* cand = nullptr;
    for (auto& s : seqs) {
      if (s.empty()) continue;
      Object* c = s.front();
      bool in_tail = false;
      for (auto& t : seqs)
        for (size_t i = 1; i < t.size(); ++i)
          if (t[i] == c) in_tail = true;
      if (!in_tail) {
        cand = c;
        break;
      }
    }
    if (!cand) {
      ok = false;
      return out;
    }
    out.push_back(cand);
    for (auto& s : seqs)
      if (!s.empty() && s.front() == cand) s.erase(s.begin());
  }
}

}  // namespace

Ref Interpreter::build_class(const Ref* args, int nargs, Ref kwnames) {
  int nkw = kwnames ? static_cast<int>(static_cast<TupleObj*>(kwnames.p)->items.size()) : 0;
  int npos = nargs - nkw;
  if (npos < 2) type_error("__build_class__: not enough arguments");
  Ref func = args[0], name = args[1];
  if (func.p->kind != Kind::Function) type_error("__build_class__: func must be a function");
  if (name.p->kind != Kind::Str) type_error("__build_class__: name is not a string");
  std::vector<Ref> bases;
  for (int i = 2; i < npos; ++i) {
    if (args[i].p->kind != Kind::Class) type_error("bases must be types");
    bases.push_back(newref(args[i]));
  }
  // Run the body with a fresh namespace as its locals.
  Ref ns = new_dict();
  auto* fn = static_cast<FunctionObj*>(func.p);
  // The namespace and the bases are held by __build_class__ in C while the
  // body runs; the audit sees them through ThreadState::held.
  ThreadState& ts = current();
  size_t mark = ts.held.size();
  ts.held.push_back(ns);
  ts.held.insert(ts.held.end(), bases.begin(), bases.end());
  Ref cell;
  try {
    Frame* f = push_frame(newref(func), fn->code, fn->globals, ns);
    f->is_entry = true;
    cell = eval(f);
  } catch (...) {
    ts.held.resize(mark);
    decref(ns);
    for (auto& b : bases) decref(b);
    throw;
  }
  ts.held.resize(mark);
  ClassObj* c = heap_.alloc<ClassObj>(Kind::Class);
  c->name = str_of(name);
  Ref modname = dict_get_str(ns, "__module__");
  c->module = modname && modname.p->kind == Kind::Str ? str_of(modname) : "__main__";
  Ref qn = dict_get_str(ns, "__qualname__");
  c->qualname = qn && qn.p->kind == Kind::Str ? str_of(qn) : c->name;
  Ref qkey = intern("__qualname__");
  dict_del(ns, qkey);
  decref(qkey);
  c->dict = ns;
  c->builtin = false;
  if (bases.empty()) bases.push_back(newref(types_.object));
  bool ok;
  c->mro = c3(c, bases, ok);
  Ref cls = Heap::ref(c);
  c->bases = std::move(bases);
  if (!ok) {
    decref(cls);
    xdecref(cell);
    type_error("Cannot create a consistent method resolution order (MRO)");
  }
  // object is implicit at the end of every mro; keep it out of the list.
  c->mro.erase(std::remove(c->mro.begin(), c->mro.end(), types_.object.p), c->mro.end());
  for (Object* m : c->mro) {
    auto* mc = static_cast<ClassObj*>(m);
    if (mc->is_exception) c->is_exception = true;
    if (mc->is_thread) c->is_thread = true;
    if (mc->is_process) c->is_process = true;
  }
  // Wrap functions named __init_subclass__... not needed; set __classcell__.
  if (cell && cell.p->kind == Kind::Cell) {
    assign(static_cast<CellObj*>(cell.p)->value, newref(cls));
    Ref ck = intern("__classcell__");
    dict_del(ns, ck);
    decref(ck);
  }
  xdecref(cell);
  return cls;
}

Ref Interpreter::make_instance(Ref cls, const Ref* args, int nargs, Ref kwnames) {
  auto* c = as_class(cls);
  // type(x) with one argument.
  if (cls.is(types_.type)) {
    if (nargs == 1) return newref(type_of(args[0]));
    type_error("type() takes 1 or 3 arguments");
  }
  // Find the nearest built-in class in the mro for the instance layout.
  ClassObj* base = nullptr;
  for (Object* m : c->mro)
    if (static_cast<ClassObj*>(m)->builtin) {
      base = static_cast<ClassObj*>(m);
      break;
    }
  if (c->builtin && c->ctor && !c->is_exception && !c->is_thread)
    return c->ctor(*this, {}, args, nargs, kwnames);
  if (base && !base->is_exception && !base->is_thread && base->instance_kind != Kind::Instance)
    type_error(fmt::format("gilsim does not support subclassing the built-in type '{}'", base->name));
  Ref obj;
  if (c->is_exception) {
    int nkw = kwnames ? static_cast<int>(static_cast<TupleObj*>(kwnames.p)->items.size()) : 0;
    std::vector<Ref> a;
    for (int i = 0; i < nargs - nkw; ++i) a.push_back(newref(args[i]));
    obj = new_exception(cls, std::move(a));
  } else {
    InstanceObj* o = heap_.alloc<InstanceObj>(Kind::Instance);
    o->cls = newref(cls);
    o->dict = new_dict();
    obj = Heap::ref(o);
    if (c->is_thread) {
      Ref tctor = dict_get_str(as_class(types_.thread)->dict, "__gilsim_init__");
      std::vector<Ref> all{obj};
      all.insert(all.end(), args, args + nargs);
      if (!class_lookup(*this, cls, "__init__") || class_lookup(*this, cls, "__init__").is(dict_get_str(as_class(types_.thread)->dict, "__init__"))) {
        Ref r;
        try {
          r = call(tctor, all.data(), nargs + 1, kwnames);
        } catch (...) {
          decref(obj);
          throw;
        }
        decref(r);
        return obj;
      }
    }
  }
  Ref init = class_lookup(*this, cls, "__init__");
  if (init) {
    std::vector<Ref> all{obj};
    all.insert(all.end(), args, args + nargs);
    Ref r;
    ThreadState& ts = current();
    ts.held.push_back(obj);  // type_call's reference while __init__ runs
    try {
      r = call(init, all.data(), nargs + 1, kwnames);
    } catch (...) {
      ts.held.pop_back();
      decref(obj);
      throw;
    }
    ts.held.pop_back();
    if (!is_none(r)) {
      std::string tn = type_name(r);
      decref(r);
      decref(obj);
      type_error(fmt::format("__init__() should return None, not '{}'", tn));
    }
    decref(r);
  } else if (nargs > 0 && !c->is_exception) {
    decref(obj);
    type_error(fmt::format("{}() takes no arguments", c->name));
  }
  return obj;
}

// ---------------------------------------------------------------- constants

Ref Interpreter::from_constant(const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::None: return none();
    case Constant::Kind::Bool: return boolean(c.b);
    case Constant::Kind::Int: return new_int(c.i);
    case Constant::Kind::Float: return new_float(c.f);
    case Constant::Kind::Str: {
      // Identifier-like string constants are interned by the compiler
      // (intern_string_constants), so equal ones are one object.
      bool ident = !c.s.empty();
      for (char ch : c.s)
        if (!(isalnum(static_cast<unsigned char>(ch)) || ch == '_')) ident = false;
      return ident ? intern(c.s) : new_str(c.s);
    }
    case Constant::Kind::Bytes: type_error("bytes are not supported by gilsim");
    case Constant::Kind::Complex: type_error("complex numbers are not supported by gilsim");
    case Constant::Kind::Ellipsis: return newref(ellipsis_);
    case Constant::Kind::Tuple: {
      std::vector<Ref> items;
      for (auto& x : c.items) items.push_back(from_constant(x));
      return new_tuple(std::move(items));
    }
    case Constant::Kind::Code: {
      CodeObj* o = heap_.alloc<CodeObj>(Kind::Code);
      o->code = c.code;
      for (auto& k : c.code->consts) o->consts.push_back(from_constant(k));
      for (auto& n : c.code->names) o->names.push_back(intern(n));
      return Heap::ref(o);
    }
  }
  return none();
}

// ---------------------------------------------------------------- imports

Ref Interpreter::import_module(Ref name, int) {
  Ref m = dict_get(modules_, name);
  if (!m) {
    std::vector<Ref> args{new_str(fmt::format("No module named '{}'", str_of(name)))};
    raise_obj(new_exception(exc_.ModuleNotFoundError, std::move(args)));
  }
  return newref(m);
}

// ---------------------------------------------------------------- tracebacks

namespace {

int code_points(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Where a binary operator or a subscript's brackets sit inside the failing
// expression `seg`, as byte offsets [left, right) into it; CPython 3.11 marks
// them with ^ and the rest of the expression with ~ (traceback.c).
std::pair<int, int> caret_anchors(const std::string& seg) {
  try {
    ast::Module m = parse(seg, "<string>");
    if (m.body.size() != 1) return {-1, -1};
    auto* st = std::get_if<ast::ExprStmt>(&m.body[0]->node);
    if (!st) return {-1, -1};
    const ast::Expr& e = *st->value;
    if (auto* bin = std::get_if<ast::BinOp>(&e.node)) {
      auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\f'; };
      const ast::Loc& l = bin->left->loc;
      const ast::Loc& r = bin->right->loc;
      if (l.end_line != 1 || r.line != 1) return {-1, -1};
      for (int i = l.end_col; i < r.col && i < static_cast<int>(seg.size()); ++i) {
        if (ws(seg[static_cast<size_t>(i)])) continue;
        bool two = i + 1 < r.col && !ws(seg[static_cast<size_t>(i + 1)]);
        return {i, i + (two ? 2 : 1)};
      }
      return {-1, -1};
    }
    if (auto* sub = std::get_if<ast::Subscript>(&e.node)) {
      if (sub->value->loc.end_line != 1 || sub->slice->loc.end_line != 1) return {-1, -1};
      return {sub->value->loc.end_col, sub->slice->loc.end_col + 1};
    }
  } catch (...) {
    // Not an expression on its own: no anchors.
  }
  return {-1, -1};
}

// The caret line under source `line` (indented from byte `indent`) for the
// expression at bytes [col, end_col), or "" when it would underline the
// whole line without anchors.
std::string caret_line(const std::string& line, size_t indent, int col, int end_col) {
  size_t last = line.find_last_not_of(" \t\r\n\f");
  if (col < static_cast<int>(indent) || end_col <= col || static_cast<size_t>(end_col) > last + 1) return "";
  std::string seg = line.substr(static_cast<size_t>(col), static_cast<size_t>(end_col - col));
  auto [left, right] = caret_anchors(seg);
  bool anchors = left >= 0 && right > left && right <= static_cast<int>(seg.size());
  int start = code_points(std::string_view(line).substr(indent, static_cast<size_t>(col) - indent));
  int width = code_points(seg);
  int text_width = code_points(std::string_view(line).substr(indent, last + 1 - indent));
  if (!anchors && start == 0 && width == text_width) return "";
  std::string out = "    " + std::string(static_cast<size_t>(start), ' ');
  if (!anchors) return out + std::string(static_cast<size_t>(std::max(1, width)), '^') + "\n";
  int l = code_points(std::string_view(seg).substr(0, static_cast<size_t>(left)));
  int r = code_points(std::string_view(seg).substr(0, static_cast<size_t>(right)));
  for (int i = 0; i < width; ++i) out += i >= l && i < r ? '^' : '~';
  return out + "\n";
}

}  // namespace

void Interpreter::format_traceback(Ref exc, std::string& to) {
  auto* e = static_cast<InstanceObj*>(exc.p);
  if (e->tb.empty()) return;
  to += "Traceback (most recent call last):\n";
  // Like traceback.c, a frame identical (file, line, function) to the one
  // before is printed at most 3 times in a row; the rest are counted.
  constexpr int kRecursiveCutoff = 3;
  const Object* last_code = nullptr;
  int last_line = -1, repeats = 0;
  auto flush_repeats = [&] {
    if (repeats > kRecursiveCutoff) {
      int more = repeats - kRecursiveCutoff;
      to += fmt::format("  [Previous line repeated {} more time{}]\n", more, more > 1 ? "s" : "");
    }
  };
  for (auto it = e->tb.rbegin(); it != e->tb.rend(); ++it) {
    auto* co = static_cast<CodeObj*>(it->code.p);
    bool same = last_code && co->code.get() == static_cast<const CodeObj*>(last_code)->code.get() &&
                it->line == last_line;
    if (!same) {
      flush_repeats();
      repeats = 0;
    }
    last_code = co;
    last_line = it->line;
    if (++repeats > kRecursiveCutoff) continue;
    const std::string& file = co->code->filename == main_file && !main_file_display.empty()
                                  ? main_file_display
                                  : co->code->filename;
    to += fmt::format("  File \"{}\", line {}, in {}\n", file, it->line, co->code->name);
    if (co->code->filename == main_file && it->line >= 1 &&
        it->line <= static_cast<int>(source_lines.size())) {
      std::string line = source_lines[static_cast<size_t>(it->line - 1)];
      size_t b = line.find_first_not_of(" \t\f");
      size_t e2 = line.find_last_not_of(" \t\r\n\f");
      if (b != std::string::npos) {
        std::string text = line.substr(b, e2 - b + 1);
        to += "    " + text + "\n";
        // 3.11 underlines the failing expression when it is part of the line.
        const Position& pos = co->code->positions[static_cast<size_t>(it->lasti)];
        if (pos.line == it->line && pos.end_line == pos.line && pos.col >= 0 && pos.end_col >= 0)
          to += caret_line(line, b, pos.col, pos.end_col);
      }
    }
  }
  flush_repeats();
}

void Interpreter::print_exception(Ref exc, std::string& to) {
  auto* e = static_cast<InstanceObj*>(exc.p);
  if (e->cause) {
    print_exception(e->cause, to);
    to += "\nThe above exception was the direct cause of the following exception:\n\n";
  } else if (e->context && !e->suppress_context) {
    print_exception(e->context, to);
    to += "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  format_traceback(exc, to);
  auto* cls = as_class(e->cls);
  std::string msg = str_s(exc);
  // traceback.py leaves the module out for builtins and __main__.
  std::string name = cls->module == "builtins" || cls->module == "__main__" ? cls->qualname
                                                                           : cls->module + "." + cls->qualname;
  if (msg.empty()) to += name + "\n";
  else to += name + ": " + msg + "\n";
}

// ---------------------------------------------------------------- audit

void Interpreter::audit_roots(const std::function<void(Ref)>& found) {
  for (auto& t : threads_) {
    for (Frame* f = t->frame; f; f = f->previous) {
      for (int i = 0; i < f->sp; ++i)
        if (f->fast[static_cast<size_t>(i)]) found(f->fast[static_cast<size_t>(i)]);
      for (Ref r : {f->func, f->code_ref, f->globals, f->locals})
        if (r) found(r);
    }
    if (t->exc_info) found(t->exc_info);
    if (t->raised) found(t->raised);
    if (t->thread_obj) found(t->thread_obj);
    for (Ref r : t->held) found(r);
    for (auto* v : t->held_vecs)
      for (Ref r : *v)
        if (r) found(r);
  }
}

std::vector<std::string> Interpreter::audit() {
  // Counts land in each object's scratch fields, stamped with this audit's
  // epoch, so one audit costs one pass over the heap and no hashing.
  uint32_t epoch = ++audit_epoch_;
  std::vector<std::string> bad;
  auto count = [&](Ref r) {
    Object* o = r.p;
    if (o->gen != r.gen) {  // the object was freed while this reference to it lived
      bad.push_back(fmt::format("dangling reference: {} #{} was freed while still referenced", kind_name(o->kind),
                                o->serial));
      return;
    }
    if (o->immortal) return;  // never checked
    if (o->audit_epoch != epoch) {
      o->audit_epoch = epoch;
      o->audit_found = 0;
    }
    ++o->audit_found;
  };
  audit_roots(count);
  // The runtime's objects are immortal and not checked (the runtime holds
  // references to them that no root shows); only its containers can come
  // to hold mortal objects.  Everything else was made since construction.
  // A container as it was at start-up holds only immortal objects: skip it.
  for (auto& d : runtime_dicts_) {
    bool same = std::equal(d.d->entries.begin(), d.d->entries.end(), d.entries.begin(), d.entries.end(),
                           [](const DictObj::Entry& a, const DictObj::Entry& b) {
                             return a.key == b.key && a.value == b.value;
                           });
    if (!same) Heap::for_each_ref(d.d, count);
  }
  for (auto& [l, items] : runtime_lists_)
    if (l->items != items) Heap::for_each_ref(l, count);
  std::vector<Object*>& mortal = audit_scratch_;
  mortal.clear();
  heap_.for_each_live_since_mark([&](Object* o) {
    if (o->immortal && o->kind != Kind::Dict && o->kind != Kind::List && o->kind != Kind::Module) return;
    Heap::for_each_ref(o, count);
    if (!o->immortal) mortal.push_back(o);
  });
  for (Object* o : mortal) {
    int64_t found = o->audit_epoch == epoch ? o->audit_found : 0;
    // Split count changes not yet stored (nogil-naive, nogil-cas-rc) are
    // part of the count.
    int64_t stored = o->refcnt;
    if (stored != found && rc_mode_ == RcMode::Naive) stored += pending_delta(o);
    if (stored != found)
      bad.push_back(fmt::format("{} #{}: count {} but {} references found", kind_name(o->kind), o->serial,
                                stored, found));
  }
  return bad;
}

}  // namespace vm
