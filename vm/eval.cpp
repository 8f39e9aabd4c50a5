// The eval loop: one switch over CPython 3.11's opcodes (Python/ceval.c),
// frames pushed and popped without C++ recursion for Python-to-Python calls.
//
// Stack discipline is CPython's: every slot of the value stack owns one
// reference; each instruction's comment-free body mirrors the 3.11 TARGET of
// the same name, including when it increments and decrements, so reference
// counts agree with CPython at every instruction boundary.
#include <fmt/format.h>

#include <array>

#include "vm/check.h"
#include "vm/code.h"
#include "vm/interpreter.h"
#include "vm/objects_impl.h"

namespace vm {

namespace {

constexpr int kRecursionLimit = 1000;

// Inline cache entries per opcode, from the one opcode table.
constexpr std::array<uint8_t, 256> kCaches = [] {
  std::array<uint8_t, 256> t{};
#define OPCODE(name, num, caches, effect, jeffect, flags, doc) t[num] = caches;
#include "vm/opcodes.def"
  return t;
}();

int line_of(const CodeObj* c, int lasti) {
  const auto& pos = c->code->positions;
  if (lasti < 0 || lasti >= static_cast<int>(pos.size())) return c->code->firstlineno;
  return pos[static_cast<size_t>(lasti)].line;
}

const ExceptionEntry* find_handler(const CodeObj* c, int lasti) {
  for (const auto& e : c->code->exception_table)
    if (lasti >= e.start && lasti < e.end) return &e;
  return nullptr;
}

}  // namespace

Frame* Interpreter::push_frame(Ref func, Ref code, Ref globals, Ref locals) {
  ThreadState& t = current();
  if (t.depth >= kRecursionLimit) {
    xdecref(func);
    raise(exc_.RecursionError, "maximum recursion depth exceeded");
  }
  if (static_cast<int>(t.frames.size()) <= t.depth) t.frames.push_back(std::make_unique<Frame>());
  Frame* f = t.frames[static_cast<size_t>(t.depth)].get();
  ++t.depth;
  auto* co = static_cast<CodeObj*>(code.p);
  f->func = func;  // the caller's reference moves in
  f->code_ref = newref(code);
  f->code = co;
  f->globals = newref(globals);
  f->locals = locals ? newref(locals) : Ref{};
  f->nlocalsplus = static_cast<int>(co->code->localsplusnames.size());
  f->fast.assign(static_cast<size_t>(f->nlocalsplus + co->code->stacksize), Ref{});
  f->sp = f->nlocalsplus;
  f->pc = 0;
  f->lasti = 0;
  f->previous = t.frame;
  f->is_entry = false;
  f->kwnames = Ref{};
  t.frame = f;
  return f;
}

void Interpreter::pop_frame() {
  ThreadState& t = current();
  Frame* f = t.frame;
  // _PyFrame_Clear: locals and stack, then f_locals, f_func, f_code.
  for (int i = 0; i < f->sp; ++i) {
    Ref r = f->fast[static_cast<size_t>(i)];
    f->fast[static_cast<size_t>(i)] = Ref{};
    xdecref(r);
  }
  f->sp = 0;
  clear(f->locals);
  clear(f->func);
  clear(f->globals);
  clear(f->code_ref);
  t.frame = f->previous;
  --t.depth;
}

void Interpreter::bind_args(Frame* f, FunctionObj* fn, Ref* args, int nargs, Ref kwnames) {
  // initialize_locals (Python/ceval.c), with 3.11's error messages.
  const Code& co = *static_cast<CodeObj*>(fn->code.p)->code;
  Ref* fast = f->fast.data();
  int nkw = kwnames ? static_cast<int>(static_cast<TupleObj*>(kwnames.p)->items.size()) : 0;
  int npos = nargs - nkw;
  int argcount = co.argcount;
  int total = argcount + co.kwonlyargcount;
  bool varargs = co.flags & CO_VARARGS;
  bool varkw = co.flags & CO_VARKEYWORDS;
  const std::string qual = str_of(fn->qualname);
  Ref kwdict;
  if (varkw) {
    kwdict = new_dict();
    fast[total + (varargs ? 1 : 0)] = kwdict;
  }
  int n = std::min(npos, argcount);
  for (int i = 0; i < n; ++i) fast[i] = args[i];
  if (varargs) {
    std::vector<Ref> extra;
    for (int i = n; i < npos; ++i) extra.push_back(args[i]);
    fast[total] = new_tuple(std::move(extra));
  } else if (npos > argcount) {
    for (int i = n; i < nargs; ++i) decref(args[i]);
    int defcount = fn->defaults ? static_cast<int>(static_cast<TupleObj*>(fn->defaults.p)->items.size()) : 0;
    std::string takes = defcount ? fmt::format("from {} to {}", argcount - defcount, argcount)
                                 : fmt::format("{}", argcount);
    type_error(fmt::format("{}() takes {} positional argument{} but {} {} given", qual, takes,
                           argcount == 1 && !defcount ? "" : "s", npos, npos == 1 ? "was" : "were"));
  }
  for (int k = 0; k < nkw; ++k) {
    Ref name = static_cast<TupleObj*>(kwnames.p)->items[static_cast<size_t>(k)];
    Ref value = args[npos + k];
    const std::string& kn = str_of(name);
    int j = co.posonlyargcount;
    for (; j < total; ++j)
      if (co.localsplusnames[static_cast<size_t>(j)] == kn) break;
    if (j == total) {
      if (kwdict) {
        dict_set(kwdict, name, value);
        decref(value);
        continue;
      }
      for (int r = k; r < nkw; ++r) decref(args[npos + r]);
      type_error(fmt::format("{}() got an unexpected keyword argument '{}'", qual, kn));
    }
    if (fast[j]) {
      for (int r = k; r < nkw; ++r) decref(args[npos + r]);
      type_error(fmt::format("{}() got multiple values for argument '{}'", qual, kn));
    }
    fast[j] = value;
  }
  // Defaults for missing positionals, then keyword-only defaults.
  if (npos < argcount) {
    auto* defs = fn->defaults ? static_cast<TupleObj*>(fn->defaults.p) : nullptr;
    int defcount = defs ? static_cast<int>(defs->items.size()) : 0;
    std::vector<std::string> missing;
    for (int i = npos; i < argcount; ++i) {
      if (fast[i]) continue;
      int d = i - (argcount - defcount);
      if (d >= 0) {
        fast[i] = newref(defs->items[static_cast<size_t>(d)]);
      } else {
        missing.push_back("'" + co.localsplusnames[static_cast<size_t>(i)] + "'");
      }
    }
    if (!missing.empty()) {
      std::string list;
      for (size_t i = 0; i < missing.size(); ++i) {
        if (i) list += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
        list += missing[i];
      }
      type_error(fmt::format("{}() missing {} required positional argument{}: {}", qual, missing.size(),
                             missing.size() == 1 ? "" : "s", list));
    }
  }
  if (co.kwonlyargcount) {
    std::vector<std::string> missing;
    for (int i = argcount; i < total; ++i) {
      if (fast[i]) continue;
      const std::string& name = co.localsplusnames[static_cast<size_t>(i)];
      Ref d = fn->kwdefaults ? dict_get_str(fn->kwdefaults, name) : Ref{};
      if (d) fast[i] = newref(d);
      else missing.push_back("'" + name + "'");
    }
    if (!missing.empty()) {
      std::string list;
      for (size_t i = 0; i < missing.size(); ++i) {
        if (i) list += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
        list += missing[i];
      }
      type_error(fmt::format("{}() missing {} required keyword-only argument{}: {}", qual,
                             missing.size(), missing.size() == 1 ? "" : "s", list));
    }
  }
}

Ref Interpreter::call_function(Ref func, const Ref* args, int nargs, Ref kwnames) {
  auto* fn = static_cast<FunctionObj*>(func.p);
  auto* co = static_cast<CodeObj*>(fn->code.p);
  Ref locals;
  if (!(co->code->flags & CO_OPTIMIZED)) locals = new_dict();
  Frame* f = push_frame(newref(func), fn->code, fn->globals, locals);
  xdecref(locals);
  std::vector<Ref> owned(args, args + nargs);
  for (auto& a : owned) incref(a);
  try {
    bind_args(f, fn, owned.data(), nargs, kwnames);
  } catch (PyException&) {
    pop_frame();
    throw;
  }
  f->is_entry = true;
  ++c_depth_;
  try {
    Ref r = eval(f);
    --c_depth_;
    return r;
  } catch (...) {
    --c_depth_;
    throw;
  }
}

Ref Interpreter::call(Ref callable, const Ref* args, int nargs, Ref kwnames) {
  switch (callable.p->kind) {
    case Kind::Function: return call_function(callable, args, nargs, kwnames);
    case Kind::Builtin: {
      auto* b = static_cast<BuiltinObj*>(callable.p);
      if (b->method && !b->self) {
        int nkw = kwnames ? static_cast<int>(static_cast<TupleObj*>(kwnames.p)->items.size()) : 0;
        if (nargs - nkw < 1)
          type_error(fmt::format("unbound method {}.{}() needs an argument", b->owner, b->name));
        return b->fn(*this, args[0], args + 1, nargs - 1, kwnames);
      }
      return b->fn(*this, b->self, args, nargs, kwnames);
    }
    case Kind::BoundMethod: {
      auto* m = static_cast<BoundMethodObj*>(callable.p);
      std::vector<Ref> all;
      all.reserve(static_cast<size_t>(nargs) + 1);
      all.push_back(m->self);
      all.insert(all.end(), args, args + nargs);
      Ref func = m->func;
      return call(func, all.data(), nargs + 1, kwnames);
    }
    case Kind::Class: return make_instance(callable, args, nargs, kwnames);
    case Kind::Instance: {
      Ref f = class_lookup(*this, type_of(callable), "__call__");
      if (f) {
        std::vector<Ref> all{callable};
        all.insert(all.end(), args, args + nargs);
        ThreadState& t = current();
        t.held.push_back(newref(f));
        Ref r;
        try {
          r = call(f, all.data(), nargs + 1, kwnames);
        } catch (...) {
          decref(f);
          t.held.pop_back();
          throw;
        }
        decref(f);
        t.held.pop_back();
        return r;
      }
      break;
    }
    default: break;
  }
  type_error(fmt::format("'{}' object is not callable", type_name(callable)));
}

Ref Interpreter::eval(Frame* entry) {
  ThreadState& ts = current();
  Frame* f = entry;
  CodeObj* co = f->code;
  const CodeUnit* code = co->code->code.data();
  Ref* fast = f->fast.data();
  Ref* sp = fast + f->sp;

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define THIRD() (sp[-3])
#define PEEK(n) (sp[-(n)])
#define SAVE() (f->sp = static_cast<int>(sp - fast))
#define LOAD_FRAME()                          \
  do {                                        \
    co = f->code;                             \
    code = co->code->code.data();             \
    fast = f->fast.data();                    \
    sp = fast + f->sp;                        \
  } while (0)

  bool reraise = false;
  for (;;) {
    try {
      for (;;) {
        // One instruction.  The saved stack pointer is what unwinding and
        // the audit see if anything below throws or switches threads.
        SAVE();
        if (need_points_) [[unlikely]] schedule_point(OpKind::Bytecode);
        int lasti = f->pc;
        CodeUnit cu = code[lasti];
        int op = cu.op;
        int oparg = cu.arg;
        int pc = lasti + 1;
        while (op == EXTENDED_ARG) {
          cu = code[pc++];
          op = cu.op;
          oparg = (oparg << 8) | cu.arg;
        }
        f->lasti = pc - 1;
        f->instr = pc - 1;
        int next = pc + kCaches[static_cast<size_t>(op)];
        f->pc = next;
        ++ts.steps;
        ++total_steps_;
        switch (op) {
          case NOP:
          case RESUME:
            break;
          case CACHE:
            GILSIM_ASSERT(false, "executed a CACHE entry");
            break;
          case POP_TOP: {
            Ref v = POP();
            decref(v);
            break;
          }
          case PUSH_NULL: PUSH(Ref{}); break;
          case COPY: {
            Ref v = PEEK(oparg);
            PUSH(newref(v));
            break;
          }
          case SWAP: {
            std::swap(sp[-1], sp[-oparg]);
            break;
          }
          case LOAD_CONST: PUSH(newref(co->consts[static_cast<size_t>(oparg)])); break;
          case LOAD_FAST: {
            Ref v = fast[oparg];
            if (!v) {
              raise(exc_.UnboundLocalError,
                    fmt::format("cannot access local variable '{}' where it is not associated with a value",
                                co->code->localsplusnames[static_cast<size_t>(oparg)]));
            }
            PUSH(newref(v));
            break;
          }
          case STORE_FAST: {
            Ref v = POP();
            Ref old = fast[oparg];
            fast[oparg] = v;
            xdecref(old);
            break;
          }
          case DELETE_FAST: {
            Ref old = fast[oparg];
            if (!old)
              raise(exc_.UnboundLocalError,
                    fmt::format("cannot access local variable '{}' where it is not associated with a value",
                                co->code->localsplusnames[static_cast<size_t>(oparg)]));
            fast[oparg] = Ref{};
            decref(old);
            break;
          }
          case MAKE_CELL: {
            Ref initial = fast[oparg];
            CellObj* c = heap_.alloc<CellObj>(Kind::Cell);
            c->value = initial;  // the local's reference moves into the cell
            fast[oparg] = Heap::ref(c);
            break;
          }
          case COPY_FREE_VARS: {
            auto* fn = static_cast<FunctionObj*>(f->func.p);
            auto& cells = static_cast<TupleObj*>(fn->closure.p)->items;
            int offset = f->nlocalsplus - oparg;
            for (int i = 0; i < oparg; ++i) fast[offset + i] = newref(cells[static_cast<size_t>(i)]);
            break;
          }
          case LOAD_CLOSURE: PUSH(newref(fast[oparg])); break;
          case LOAD_DEREF: {
            Ref v = static_cast<CellObj*>(fast[oparg].p)->value;
            if (!v) {
              const std::string& name = co->code->localsplusnames[static_cast<size_t>(oparg)];
              if (co->code->localspluskinds[static_cast<size_t>(oparg)] & CO_FAST_FREE)
                raise(exc_.NameError,
                      fmt::format("cannot access free variable '{}' where it is not associated with a value in enclosing scope", name));
              raise(exc_.UnboundLocalError,
                    fmt::format("cannot access local variable '{}' where it is not associated with a value", name));
            }
            PUSH(newref(v));
            break;
          }
          case LOAD_CLASSDEREF: {
            const std::string& name = co->code->localsplusnames[static_cast<size_t>(oparg)];
            Ref v = f->locals ? dict_get_str(f->locals, name) : Ref{};
            if (!v) v = static_cast<CellObj*>(fast[oparg].p)->value;
            if (!v)
              raise(exc_.NameError,
                    fmt::format("cannot access free variable '{}' where it is not associated with a value in enclosing scope", name));
            PUSH(newref(v));
            break;
          }
          case STORE_DEREF: {
            Ref v = POP();
            assign(static_cast<CellObj*>(fast[oparg].p)->value, v);
            break;
          }
          case DELETE_DEREF: {
            auto* c = static_cast<CellObj*>(fast[oparg].p);
            if (!c->value)
              raise(exc_.NameError, fmt::format("cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                                                co->code->localsplusnames[static_cast<size_t>(oparg)]));
            clear(c->value);
            break;
          }
          case LOAD_NAME: {
            Ref name = co->names[static_cast<size_t>(oparg)];
            Ref v = f->locals ? dict_get(f->locals, name) : Ref{};
            if (!v) v = dict_get(f->globals, name);
            if (!v) v = dict_get(builtins_, name);
            if (!v) raise(exc_.NameError, fmt::format("name '{}' is not defined", str_of(name)));
            PUSH(newref(v));
            break;
          }
          case STORE_NAME: {
            Ref name = co->names[static_cast<size_t>(oparg)];
            Ref v = POP();
            SAVE();
            try {
              dict_set(f->locals, name, v);
            } catch (...) {
              decref(v);
              throw;
            }
            decref(v);
            break;
          }
          case DELETE_NAME: {
            Ref name = co->names[static_cast<size_t>(oparg)];
            if (!dict_del(f->locals, name))
              raise(exc_.NameError, fmt::format("name '{}' is not defined", str_of(name)));
            break;
          }
          case LOAD_GLOBAL: {
            Ref name = co->names[static_cast<size_t>(oparg >> 1)];
            Ref v = dict_get(f->globals, name);
            if (!v) v = dict_get(builtins_, name);
            if (!v) raise(exc_.NameError, fmt::format("name '{}' is not defined", str_of(name)));
            if (oparg & 1) PUSH(Ref{});
            PUSH(newref(v));
            break;
          }
          case STORE_GLOBAL: {
            Ref name = co->names[static_cast<size_t>(oparg)];
            Ref v = POP();
            SAVE();
            dict_set(f->globals, name, v);
            decref(v);
            break;
          }
          case DELETE_GLOBAL: {
            Ref name = co->names[static_cast<size_t>(oparg)];
            if (!dict_del(f->globals, name))
              raise(exc_.NameError, fmt::format("name '{}' is not defined", str_of(name)));
            break;
          }
          case LOAD_ATTR: {
            Ref owner = TOP();
            SAVE();
            Ref v = getattr(owner, co->names[static_cast<size_t>(oparg)]);
            TOP() = v;
            decref(owner);
            break;
          }
          case LOAD_METHOD: {
            Ref owner = TOP();
            Ref name = co->names[static_cast<size_t>(oparg)];
            SAVE();
            // _PyObject_GetMethod: a plain function found on the type and not
            // shadowed by the instance dict is pushed unbound, with self.
            Ref cls = type_of(owner);
            Ref meth;
            if (owner.p->kind != Kind::Class && owner.p->kind != Kind::Module &&
                !(as_class(cls)->builtin && as_class(cls)->name == "super")) {
              Ref attr = class_lookup(*this, cls, str_of(name));
              bool is_func = attr && (attr.p->kind == Kind::Function ||
                                      (attr.p->kind == Kind::Builtin && static_cast<BuiltinObj*>(attr.p)->method));
              if (is_func && owner.p->kind == Kind::Instance) {
                Ref d = static_cast<InstanceObj*>(owner.p)->dict;
                if (d && dict_get(d, name)) is_func = false;
              }
              if (is_func) meth = attr;
            }
            if (meth) {
              TOP() = newref(meth);
              PUSH(owner);
            } else {
              Ref v = getattr(owner, name);
              TOP() = Ref{};
              PUSH(v);
              decref(owner);
            }
            break;
          }
          case STORE_ATTR: {
            Ref owner = TOP();
            Ref v = SECOND();
            SAVE();
            setattr(owner, co->names[static_cast<size_t>(oparg)], v);
            sp -= 2;
            decref(v);
            decref(owner);
            break;
          }
          case DELETE_ATTR: {
            Ref owner = TOP();
            SAVE();
            delattr(owner, co->names[static_cast<size_t>(oparg)]);
            --sp;
            decref(owner);
            break;
          }
          case BINARY_SUBSCR: {
            Ref sub = TOP(), container = SECOND();
            SAVE();
            Ref r = getitem(container, sub);
            --sp;
            TOP() = r;
            decref(container);
            decref(sub);
            break;
          }
          case STORE_SUBSCR: {
            Ref sub = TOP(), container = SECOND(), v = THIRD();
            SAVE();
            setitem(container, sub, v);
            sp -= 3;
            decref(v);
            decref(container);
            decref(sub);
            break;
          }
          case DELETE_SUBSCR: {
            Ref sub = TOP(), container = SECOND();
            SAVE();
            delitem(container, sub);
            sp -= 2;
            decref(container);
            decref(sub);
            break;
          }
          case BINARY_OP: {
            Ref rhs = TOP(), lhs = SECOND();
            Ref r;
            int64_t x, y, z;
            if ((oparg == 0 || oparg == 13) && lhs.p->kind == Kind::Int && rhs.p->kind == Kind::Int &&
                int_small(lhs, x) && int_small(rhs, y) && !__builtin_add_overflow(x, y, &z)) {
              r = new_int(z);
            } else {
              SAVE();
              r = binary_op(lhs, rhs, oparg);
            }
            --sp;
            TOP() = r;
            decref(lhs);
            decref(rhs);
            break;
          }
          case UNARY_NOT:
          case UNARY_NEGATIVE:
          case UNARY_POSITIVE:
          case UNARY_INVERT: {
            Ref v = TOP();
            SAVE();
            Ref r = unary_op(v, op);
            TOP() = r;
            decref(v);
            break;
          }
          case COMPARE_OP: {
            Ref rhs = TOP(), lhs = SECOND();
            SAVE();
            Ref r = compare(lhs, rhs, oparg);
            --sp;
            TOP() = r;
            decref(lhs);
            decref(rhs);
            break;
          }
          case IS_OP: {
            Ref rhs = POP(), lhs = TOP();
            bool res = lhs.is(rhs) != (oparg != 0);
            TOP() = boolean(res);
            decref(lhs);
            decref(rhs);
            break;
          }
          case CONTAINS_OP: {
            Ref rhs = TOP(), lhs = SECOND();
            SAVE();
            bool res = contains(rhs, lhs) != (oparg != 0);
            --sp;
            TOP() = boolean(res);
            decref(lhs);
            decref(rhs);
            break;
          }
          case JUMP_FORWARD: f->pc = next + oparg; break;
          case JUMP_BACKWARD:
            f->pc = next - oparg;
            breaker_ = true;  // CHECK_EVAL_BREAKER
            break;
          case JUMP_BACKWARD_NO_INTERRUPT: f->pc = next - oparg; break;
          case POP_JUMP_FORWARD_IF_FALSE:
          case POP_JUMP_BACKWARD_IF_FALSE:
          case POP_JUMP_FORWARD_IF_TRUE:
          case POP_JUMP_BACKWARD_IF_TRUE: {
            Ref v = TOP();
            bool t;
            if (v.is(true_)) t = true;
            else if (v.is(false_)) t = false;
            else {
              SAVE();
              t = truthy(v);
            }
            --sp;
            decref(v);
            bool want = op == POP_JUMP_FORWARD_IF_TRUE || op == POP_JUMP_BACKWARD_IF_TRUE;
            if (t == want) {
              bool forward = op == POP_JUMP_FORWARD_IF_FALSE || op == POP_JUMP_FORWARD_IF_TRUE;
              f->pc = forward ? next + oparg : next - oparg;
              breaker_ |= !forward;  // a taken backward jump checks the eval breaker
            }
            break;
          }
          case POP_JUMP_FORWARD_IF_NONE:
          case POP_JUMP_BACKWARD_IF_NONE:
          case POP_JUMP_FORWARD_IF_NOT_NONE:
          case POP_JUMP_BACKWARD_IF_NOT_NONE: {
            Ref v = POP();
            bool none = is_none(v);
            decref(v);
            bool want = op == POP_JUMP_FORWARD_IF_NONE || op == POP_JUMP_BACKWARD_IF_NONE;
            if (none == want) {
              bool forward = op == POP_JUMP_FORWARD_IF_NONE || op == POP_JUMP_FORWARD_IF_NOT_NONE;
              f->pc = forward ? next + oparg : next - oparg;
              breaker_ |= !forward;
            }
            break;
          }
          case JUMP_IF_FALSE_OR_POP:
          case JUMP_IF_TRUE_OR_POP: {
            Ref v = TOP();
            SAVE();
            bool t = v.is(true_) ? true : v.is(false_) ? false : truthy(v);
            if (t == (op == JUMP_IF_TRUE_OR_POP)) {
              f->pc = next + oparg;
            } else {
              --sp;
              decref(v);
            }
            break;
          }
          case GET_ITER: {
            Ref v = TOP();
            SAVE();
            Ref it = get_iter(v);
            TOP() = it;
            decref(v);
            break;
          }
          case FOR_ITER: {
            Ref it = TOP();
            SAVE();
            Ref v = iter_next(it);
            if (v) {
              PUSH(v);
            } else {
              --sp;
              decref(it);
              f->pc = next + oparg;
            }
            break;
          }
          case BUILD_TUPLE:
          case BUILD_LIST: {
            std::vector<Ref> items(sp - oparg, sp);
            sp -= oparg;
            PUSH(op == BUILD_TUPLE ? new_tuple(std::move(items)) : new_list(std::move(items)));
            break;
          }
          case LIST_TO_TUPLE: {
            Ref l = TOP();
            std::vector<Ref> items;
            for (auto& x : static_cast<ListObj*>(l.p)->items) items.push_back(newref(x));
            TOP() = new_tuple(std::move(items));
            decref(l);
            break;
          }
          case LIST_APPEND: {
            Ref v = POP();
            static_cast<ListObj*>(PEEK(oparg).p)->items.push_back(v);
            break;
          }
          case LIST_EXTEND: {
            Ref it = TOP();
            SAVE();
            std::vector<Ref> items = unpack_iterable(it);
            auto& dst = static_cast<ListObj*>(PEEK(oparg + 1).p)->items;
            dst.insert(dst.end(), items.begin(), items.end());
            --sp;
            decref(it);
            break;
          }
          case BUILD_MAP: {
            Ref d = new_dict();
            SAVE();
            try {
              for (int i = oparg; i > 0; --i) dict_set(d, PEEK(2 * i), PEEK(2 * i - 1));
            } catch (...) {
              decref(d);
              throw;
            }
            for (int i = 0; i < 2 * oparg; ++i) decref(POP());
            PUSH(d);
            break;
          }
          case BUILD_CONST_KEY_MAP: {
            Ref keys = TOP();
            Ref d = new_dict();
            SAVE();
            auto& ks = static_cast<TupleObj*>(keys.p)->items;
            for (int i = 0; i < oparg; ++i) dict_set(d, ks[static_cast<size_t>(i)], PEEK(oparg + 1 - i));
            decref(POP());
            for (int i = 0; i < oparg; ++i) decref(POP());
            PUSH(d);
            break;
          }
          case MAP_ADD: {
            Ref v = POP(), k = POP();
            SAVE();
            dict_set(PEEK(oparg), k, v);
            decref(k);
            decref(v);
            break;
          }
          case DICT_UPDATE:
          case DICT_MERGE: {
            Ref src = TOP();
            Ref dst = PEEK(oparg + 1);
            SAVE();
            if (src.p->kind != Kind::Dict)
              type_error(fmt::format("'{}' object is not a mapping", type_name(src)));
            touch(src, Access::Read);
            std::vector<DictObj::Entry> entries = static_cast<DictObj*>(src.p)->entries;
            for (auto& e : entries) {
              if (!e.key) continue;
              if (op == DICT_MERGE && dict_get(dst, e.key)) {
                type_error(fmt::format("{} got multiple values for keyword argument '{}'",
                                       function_str(PEEK(oparg + 3)), str_of(e.key)));
              }
              dict_set(dst, e.key, e.value);
            }
            --sp;
            decref(src);
            break;
          }
          case BUILD_SLICE: {
            SliceObj* s = heap_.alloc<SliceObj>(Kind::Slice);
            s->step = oparg == 3 ? POP() : none();
            s->stop = POP();
            s->start = POP();
            PUSH(Heap::ref(s));
            break;
          }
          case UNPACK_SEQUENCE: {
            Ref seq = TOP();
            SAVE();
            std::vector<Ref> items;
            if (seq.p->kind == Kind::Tuple || seq.p->kind == Kind::List) {
              auto& src = seq.p->kind == Kind::Tuple ? static_cast<TupleObj*>(seq.p)->items
                                                     : static_cast<ListObj*>(seq.p)->items;
              if (static_cast<int>(src.size()) != oparg) {
                if (static_cast<int>(src.size()) < oparg)
                  value_error(fmt::format("not enough values to unpack (expected {}, got {})", oparg, src.size()));
                value_error(fmt::format("too many values to unpack (expected {})", oparg));
              }
              for (auto& x : src) items.push_back(newref(x));
            } else {
              Ref it = get_iter(seq);
              try {
                for (int i = 0; i < oparg; ++i) {
                  Ref x = iter_next(it);
                  if (!x)
                    value_error(fmt::format("not enough values to unpack (expected {}, got {})", oparg, i));
                  items.push_back(x);
                }
                Ref extra = iter_next(it);
                if (extra) {
                  decref(extra);
                  value_error(fmt::format("too many values to unpack (expected {})", oparg));
                }
              } catch (PyException&) {
                decref(it);
                for (auto& x : items) decref(x);
                throw;
              }
              decref(it);
            }
            --sp;
            for (int i = oparg - 1; i >= 0; --i) PUSH(items[static_cast<size_t>(i)]);
            decref(seq);
            break;
          }
          case UNPACK_EX: {
            int before = oparg & 0xFF, after = oparg >> 8;
            Ref seq = TOP();
            SAVE();
            std::vector<Ref> items = unpack_iterable(seq);
            int n = static_cast<int>(items.size());
            if (n < before + after) {
              for (auto& x : items) decref(x);
              value_error(fmt::format("not enough values to unpack (expected at least {}, got {})",
                                      before + after, n));
            }
            --sp;
            decref(seq);
            for (int i = n - 1; i >= n - after; --i) PUSH(items[static_cast<size_t>(i)]);
            std::vector<Ref> mid(items.begin() + before, items.begin() + (n - after));
            PUSH(new_list(std::move(mid)));
            for (int i = before - 1; i >= 0; --i) PUSH(items[static_cast<size_t>(i)]);
            break;
          }
          case FORMAT_VALUE: {
            Ref spec = (oparg & 4) ? POP() : Ref{};
            Ref v = TOP();
            SAVE();
            int conv = oparg & 3;
            Ref conv_v = v;
            bool owned = false;
            if (conv == 1) conv_v = str(v), owned = true;
            else if (conv == 2 || conv == 3) conv_v = repr(v), owned = true;
            Ref r;
            try {
              if (!spec && conv_v.p->kind == Kind::Str) r = newref(conv_v);
              else r = format_value(*this, conv_v, spec ? str_of(spec) : std::string());
            } catch (...) {
              if (owned) decref(conv_v);
              xdecref(spec);
              throw;
            }
            if (owned) decref(conv_v);
            xdecref(spec);
            TOP() = r;
            decref(v);
            break;
          }
          case BUILD_STRING: {
            std::string s;
            for (int i = oparg; i > 0; --i) s += static_cast<StrObj*>(PEEK(i).p)->s;
            for (int i = 0; i < oparg; ++i) decref(POP());
            PUSH(new_str(std::move(s)));
            break;
          }
          case KW_NAMES: f->kwnames = co->consts[static_cast<size_t>(oparg)]; break;
          case PRECALL: {
            bool is_meth = PEEK(oparg + 2).p != nullptr;
            Ref function = PEEK(oparg + 1);
            if (!is_meth && function.p->kind == Kind::BoundMethod) {
              auto* m = static_cast<BoundMethodObj*>(function.p);
              PEEK(oparg + 1) = newref(m->self);
              PEEK(oparg + 2) = newref(m->func);
              decref(function);
            }
            break;
          }
          case CALL: {
            bool is_meth = PEEK(oparg + 2).p != nullptr;
            int total = oparg + (is_meth ? 1 : 0);
            Ref callable = PEEK(total + 1);
            Ref kwnames = f->kwnames;
            f->kwnames = Ref{};
            Ref* args = sp - total;
            if (callable.p->kind == Kind::Function) {
              auto* fn = static_cast<FunctionObj*>(callable.p);
              auto* fco = static_cast<CodeObj*>(fn->code.p);
              sp -= total;
              // The callable slot and the NULL (or method) slot are consumed.
              sp -= is_meth ? 1 : 2;
              SAVE();
              Ref locals;
              if (!(fco->code->flags & CO_OPTIMIZED)) locals = new_dict();
              std::vector<Ref> moved(args, args + total);
              Frame* nf;
              try {
                nf = push_frame(callable, fn->code, fn->globals, locals);
              } catch (PyException&) {
                xdecref(locals);
                for (auto& a : moved) decref(a);
                throw;
              }
              xdecref(locals);
              try {
                bind_args(nf, fn, moved.data(), total, kwnames);
              } catch (PyException&) {
                pop_frame();
                throw;
              }
              f = nf;
              LOAD_FRAME();
              break;
            }
            SAVE();
            Ref res = call(callable, args, total, kwnames);
            for (int i = 0; i < total; ++i) decref(args[i]);
            sp -= total;
            sp -= 2 - (is_meth ? 1 : 0);
            PUSH(res);
            // 3.11 inlines a bound method of a Python function like the
            // function itself; any other call checks the eval breaker after.
            breaker_ |= !(callable.p->kind == Kind::BoundMethod &&
                          static_cast<BoundMethodObj*>(callable.p)->func.p->kind == Kind::Function);
            decref(callable);
            break;
          }
          case CALL_FUNCTION_EX: {
            // The arguments stay on the stack during the call, as in 3.11.
            int extra = oparg & 1;
            Ref kwargs = extra ? TOP() : Ref{};
            Ref callargs = PEEK(1 + extra);
            Ref func = PEEK(2 + extra);
            if (callargs.p->kind != Kind::Tuple) {
              std::vector<Ref> items = unpack_iterable(callargs);
              Ref t = new_tuple(std::move(items));
              PEEK(1 + extra) = t;
              decref(callargs);
              callargs = t;
            }
            std::vector<Ref> args = static_cast<TupleObj*>(callargs.p)->items;
            Ref kwn;
            if (kwargs) {
              std::vector<Ref> names;
              for (auto& e : static_cast<DictObj*>(kwargs.p)->entries) {
                if (!e.key) continue;
                names.push_back(newref(e.key));
                args.push_back(e.value);
              }
              kwn = new_tuple(std::move(names));
            }
            Ref res;
            if (kwn) ts.held.push_back(kwn);
            try {
              res = call(func, args.data(), static_cast<int>(args.size()), kwn);
            } catch (...) {
              if (kwn) ts.held.pop_back();
              xdecref(kwn);
              throw;
            }
            if (kwn) ts.held.pop_back();
            xdecref(kwn);
            sp -= 2 + extra;
            decref(func);
            decref(callargs);
            xdecref(kwargs);
            GILSIM_ASSERT(!TOP(), "CALL_FUNCTION_EX expects NULL below the callable");
            TOP() = res;
            breaker_ = true;
            break;
          }
          case MAKE_FUNCTION: {
            Ref codeobj = POP();
            FunctionObj* fn = heap_.alloc<FunctionObj>(Kind::Function);
            auto* c = static_cast<CodeObj*>(codeobj.p);
            fn->code = codeobj;
            fn->globals = newref(f->globals);
            fn->name = intern(c->code->name);
            fn->qualname = new_str(c->code->qualname);
            if (oparg & 8) fn->closure = POP();
            if (oparg & 4) decref(POP());
            if (oparg & 2) fn->kwdefaults = POP();
            if (oparg & 1) fn->defaults = POP();
            Ref doc = c->consts.empty() ? Ref{} : c->consts[0];
            fn->doc = doc && doc.p->kind == Kind::Str ? newref(doc) : none();
            Ref modname = dict_get_str(f->globals, "__name__");
            fn->module = modname ? newref(modname) : Ref{};
            PUSH(Heap::ref(fn));
            break;
          }
          case LOAD_BUILD_CLASS: PUSH(newref(dict_get_str(builtins_, "__build_class__"))); break;
          case LOAD_ASSERTION_ERROR: PUSH(newref(exc_.AssertionError)); break;
          case RETURN_VALUE: {
            Ref retval = POP();
            SAVE();
            bool was_entry = f->is_entry;
            pop_frame();
            if (was_entry) return retval;
            f = ts.frame;
            LOAD_FRAME();
            PUSH(retval);
            break;
          }
          case IMPORT_NAME: {
            Ref fromlist = POP();
            Ref level = TOP();
            SAVE();
            Ref m = import_module(co->names[static_cast<size_t>(oparg)], line_of(co, f->lasti));
            TOP() = m;
            decref(level);
            decref(fromlist);
            break;
          }
          case IMPORT_FROM: {
            Ref m = TOP();
            Ref name = co->names[static_cast<size_t>(oparg)];
            SAVE();
            Ref v = getattr_opt(m, name);
            if (!v)
              raise(exc_.ImportError, fmt::format("cannot import name '{}' from '{}' (unknown location)",
                                                  str_of(name), static_cast<ModuleObj*>(m.p)->name));
            PUSH(v);
            break;
          }
          case RAISE_VARARGS: {
            SAVE();
            if (oparg == 0) {
              if (!ts.exc_info || is_none(ts.exc_info))
                raise(exc_.RuntimeError, "No active exception to reraise");
              assign(ts.raised, newref(ts.exc_info));
              reraise = true;
              throw PyException{};
            }
            Ref cause = oparg == 2 ? POP() : Ref{};
            Ref exc = POP();
            SAVE();
            if (exc.p->kind == Kind::Class) {
              Ref inst;
              try {
                inst = call0(exc);
              } catch (...) {
                decref(exc);
                xdecref(cause);
                throw;
              }
              decref(exc);
              exc = inst;
            }
            if (cause) {
              if (exc.p->kind == Kind::Instance && as_class(static_cast<InstanceObj*>(exc.p)->cls)->is_exception) {
                auto* e = static_cast<InstanceObj*>(exc.p);
                if (cause.p->kind == Kind::Class) {
                  Ref ci = call0(cause);
                  decref(cause);
                  cause = ci;
                }
                if (is_none(cause)) {
                  decref(cause);
                  cause = Ref{};
                }
                assign(e->cause, cause);
                e->suppress_context = true;
              } else {
                decref(cause);
              }
            }
            raise_obj(exc);
          }
          case PUSH_EXC_INFO: {
            Ref value = TOP();
            TOP() = ts.exc_info ? ts.exc_info : none();
            PUSH(newref(value));
            ts.exc_info = value;  // the slot's reference moves to exc_info
            break;
          }
          case POP_EXCEPT: {
            Ref value = ts.exc_info;
            Ref prev = POP();
            if (is_none(prev)) {
              decref(prev);
              ts.exc_info = Ref{};
            } else {
              ts.exc_info = prev;
            }
            xdecref(value);
            break;
          }
          case CHECK_EXC_MATCH: {
            Ref right = POP();
            Ref left = TOP();
            SAVE();
            bool m;
            try {
              m = exception_matches(left, right);
            } catch (...) {
              decref(right);
              throw;
            }
            decref(right);
            PUSH(boolean(m));
            break;
          }
          case RERAISE: {
            Ref val = POP();
            if (oparg) {
              Ref lasti_v = PEEK(oparg);
              int64_t l;
              if (int_small(lasti_v, l)) f->lasti = static_cast<int>(l);
            }
            SAVE();
            assign(ts.raised, val);
            reraise = true;
            throw PyException{};
          }
          case BEFORE_WITH: {
            Ref mgr = TOP();
            SAVE();
            Ref enter = lookup_special(mgr, "__enter__");
            if (!enter)
              type_error(fmt::format("'{}' object does not support the context manager protocol",
                                     type_name(mgr)));
            Ref exit = lookup_special(mgr, "__exit__");
            if (!exit) {
              decref(enter);
              type_error(fmt::format("'{}' object does not support the context manager protocol (missed __exit__ method)",
                                     type_name(mgr)));
            }
            TOP() = exit;
            decref(mgr);
            Ref res;
            ts.held.push_back(enter);  // __enter__ may block (a contended lock)
            try {
              res = call0(enter);
            } catch (...) {
              ts.held.pop_back();
              decref(enter);
              throw;
            }
            ts.held.pop_back();
            decref(enter);
            PUSH(res);
            break;
          }
          case WITH_EXCEPT_START: {
            Ref val = TOP();
            Ref exit_func = PEEK(4);
            SAVE();
            Ref tp = type_of(val);
            Ref args[3] = {tp, val, none_};
            Ref res = call(exit_func, args, 3);
            PUSH(res);
            break;
          }
          default:
            GILSIM_ASSERT(false, fmt::format("opcode {} is not implemented", opcode_name(op)).c_str());
        }
      }
    } catch (PyException&) {
      // exception_unwind: find a handler in this frame or pop it.
      f = ts.frame;
      LOAD_FRAME();
      for (;;) {
        if (!reraise && ts.raised) {
          auto* e = static_cast<InstanceObj*>(ts.raised.p);
          e->tb.push_back({newref(f->code_ref), line_of(co, f->lasti), f->lasti});
        }
        reraise = false;
        const ExceptionEntry* h = find_handler(co, f->instr);
        if (h) {
          while (sp > fast + f->nlocalsplus + h->depth) {
            Ref v = POP();
            xdecref(v);
          }
          if (h->lasti) PUSH(new_int(f->lasti));
          Ref exc = ts.raised;
          ts.raised = Ref{};
          PUSH(exc);
          f->pc = h->target;
          SAVE();
          break;
        }
        SAVE();
        bool was_entry = f->is_entry;
        pop_frame();
        if (was_entry) throw;
        f = ts.frame;
        LOAD_FRAME();
      }
    }
  }
#undef PUSH
#undef POP
#undef TOP
#undef SECOND
#undef THIRD
#undef PEEK
#undef SAVE
#undef LOAD_FRAME
}

}  // namespace vm
