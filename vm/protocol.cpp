// Attributes, items, iteration, length and calls (CPython's
// PyObject_GetAttr, PyObject_GetItem, PyObject_GetIter, PyObject_Call).
#include <fmt/format.h>

#include <cmath>

#include "vm/check.h"
#include "vm/code.h"
#include "vm/interpreter.h"
#include "vm/native.h"
#include "vm/objects_impl.h"

namespace vm {

int64_t str_length(StrObj* s) {
  if (s->length < 0) {
    int64_t n = 0;
    bool ascii = true;
    for (unsigned char c : s->s) {
      if ((c & 0xC0) != 0x80) ++n;
      if (c >= 0x80) ascii = false;
    }
    s->length = n;
    s->ascii = ascii;
  }
  return s->length;
}

namespace {

// Byte offset of code point `i` of s (precondition: 0 <= i <= length).
size_t cp_offset(StrObj* s, int64_t i) {
  if (s->ascii) return static_cast<size_t>(i);
  size_t off = 0;
  for (int64_t k = 0; k < i; ++k) {
    ++off;
    while (off < s->s.size() && (static_cast<unsigned char>(s->s[off]) & 0xC0) == 0x80) ++off;
  }
  return off;
}

[[noreturn]] void no_attr(Interpreter& in, Ref o, Ref name) {
  if (o.p->kind == Kind::Module)
    in.raise(in.exc_.AttributeError, fmt::format("module '{}' has no attribute '{}'",
                                                 static_cast<ModuleObj*>(o.p)->name, str_of(name)));
  if (o.p->kind == Kind::Class)
    in.raise(in.exc_.AttributeError,
             fmt::format("type object '{}' has no attribute '{}'", as_class(o)->name, str_of(name)));
  in.raise(in.exc_.AttributeError,
           fmt::format("'{}' object has no attribute '{}'", in.type_name(o), str_of(name)));
}

// Binds a class attribute found for instance `self` (descriptor __get__).
Ref bind(Interpreter& in, Ref attr, Ref self, Ref cls) {
  switch (attr.p->kind) {
    case Kind::Function: {
      if (!self) return in.newref(attr);
      BoundMethodObj* m = in.heap().alloc<BoundMethodObj>(Kind::BoundMethod);
      m->func = in.newref(attr);
      m->self = in.newref(self);
      return Heap::ref(m);
    }
    case Kind::Builtin: {
      auto* b = static_cast<BuiltinObj*>(attr.p);
      if (!self || !b->method || b->self) return in.newref(attr);
      return in.new_builtin(b->name, b->fn, self, b->owner);
    }
    case Kind::StaticMethod: return in.newref(static_cast<WrapperObj*>(attr.p)->func);
    case Kind::ClassMethod: {
      BoundMethodObj* m = in.heap().alloc<BoundMethodObj>(Kind::BoundMethod);
      m->func = in.newref(static_cast<WrapperObj*>(attr.p)->func);
      m->self = in.newref(cls);
      return Heap::ref(m);
    }
    case Kind::Property: {
      if (!self) return in.newref(attr);
      auto* p = static_cast<PropertyObj*>(attr.p);
      if (!p->fget || in.is_none(p->fget))
        in.raise(in.exc_.AttributeError, "unreadable attribute");  // refined by caller
      return in.call(p->fget, &self, 1);
    }
    default: return in.newref(attr);
  }
}

}  // namespace

Ref Interpreter::getattr_opt(Ref o, Ref name) {
  const std::string& n = static_cast<StrObj*>(name.p)->s;
  Kind k = o.p->kind;
  if (k == Kind::Instance) {
    auto* inst = static_cast<InstanceObj*>(o.p);
    Ref cls = inst->cls;
    if (as_class(cls)->builtin && as_class(cls)->name == "super") {
      // super(): search the mro of type(self) after __thisclass__.
      Ref this_cls = dict_get_str(inst->dict, "__thisclass__");
      Ref self = dict_get_str(inst->dict, "__self__");
      Ref start = self.p->kind == Kind::Class ? self : type_of(self);
      bool after = false;
      auto lookin = [&](ClassObj* c) -> Ref {
        Ref d = c->dict;
        return d ? dict_get(d, name) : Ref{};
      };
      std::vector<Object*> mro = as_class(start)->mro;
      if (!as_class(start)->builtin) mro.push_back(types_.object.p);
      for (Object* m : mro) {
        if (after) {
          Ref v = lookin(static_cast<ClassObj*>(m));
          if (v) return bind(*this, v, self.p->kind == Kind::Class ? Ref{} : self, start);
        }
        if (m == this_cls.p) after = true;
      }
      return {};
    }
    Ref attr = class_lookup(*this, cls, n);
    if (attr && attr.p->kind == Kind::Property) return bind(*this, attr, o, cls);
    if (inst->dict) {
      Ref v = dict_get(inst->dict, name);
      if (v) return newref(v);
    }
    if (attr) return bind(*this, attr, o, cls);
    if (n == "__class__") return newref(cls);
    if (n == "__dict__") return newref(inst->dict);
    if (as_class(cls)->is_exception) {
      if (n == "args") return newref(inst->args);
      if (n == "__cause__") return inst->cause ? newref(inst->cause) : none();
      if (n == "__context__") return inst->context ? newref(inst->context) : none();
      if (n == "__traceback__") return none();
      if (n == "__suppress_context__") return boolean(inst->suppress_context);
      auto& a = static_cast<TupleObj*>(inst->args.p)->items;
      // SystemExit.code and StopIteration.value (SystemExit_init).
      if ((n == "code" && issubclass(cls, exc_.SystemExit)) || (n == "value" && issubclass(cls, exc_.StopIteration))) {
        if (a.empty()) return none();
        if (a.size() == 1 || n == "value") return newref(a[0]);
        return newref(inst->args);
      }
    }
    return {};
  }
  if (k == Kind::Module) {
    Ref v = dict_get(static_cast<ModuleObj*>(o.p)->dict, name);
    if (v) return newref(v);
    if (n == "__dict__") return newref(static_cast<ModuleObj*>(o.p)->dict);
    return {};
  }
  if (k == Kind::Class) {
    auto* c = as_class(o);
    for (Object* m : c->mro) {
      Ref d = static_cast<ClassObj*>(m)->dict;
      Ref v = d ? dict_get(d, name) : Ref{};
      if (v) {
        if (v.p->kind == Kind::ClassMethod) return bind(*this, v, o, o);
        if (v.p->kind == Kind::StaticMethod) return bind(*this, v, {}, o);
        return newref(v);
      }
    }
    if (n == "__name__") return new_str(c->name);
    if (n == "__qualname__") return new_str(c->qualname);
    if (n == "__dict__") return newref(c->dict);
    if (n == "__mro__") {
      std::vector<Ref> items;
      for (Object* m : c->mro) items.push_back(newref(Heap::ref(m)));
      items.push_back(newref(types_.object));
      return new_tuple(std::move(items));
    }
    if (n == "__bases__") {
      std::vector<Ref> items;
      for (auto& b : c->bases) items.push_back(newref(b));
      if (items.empty()) items.push_back(newref(types_.object));
      return new_tuple(std::move(items));
    }
    if (n == "__class__") return newref(types_.type);
    return {};
  }
  if (k == Kind::Function) {
    auto* f = static_cast<FunctionObj*>(o.p);
    if (n == "__name__") return newref(f->name);
    if (n == "__qualname__") return newref(f->qualname);
    if (n == "__doc__") return newref(f->doc);
    if (n == "__defaults__") return f->defaults ? newref(f->defaults) : none();
    if (n == "__module__") return f->module ? newref(f->module) : none();
    if (n == "__dict__") {
      if (!f->dict) f->dict = new_dict();
      return newref(f->dict);
    }
    if (n == "__code__") return newref(f->code);
    if (f->dict) {
      Ref v = dict_get(f->dict, name);
      if (v) return newref(v);
    }
  }
  if (k == Kind::BoundMethod) {
    auto* m = static_cast<BoundMethodObj*>(o.p);
    if (n == "__self__") return newref(m->self);
    if (n == "__func__") return newref(m->func);
    return getattr_opt(m->func, name);
  }
  if (k == Kind::Builtin && n == "__name__") return new_str(static_cast<BuiltinObj*>(o.p)->name);
  if (k == Kind::Property) {
    auto* p = static_cast<PropertyObj*>(o.p);
    if (n == "fget") return p->fget ? newref(p->fget) : none();
    if (n == "setter" || n == "getter" || n == "deleter") {
      extern Ref property_copier(Interpreter & in, Ref prop, const std::string& which);
      return property_copier(*this, o, n);
    }
  }
  if (k == Kind::Slice) {
    auto* s = static_cast<SliceObj*>(o.p);
    if (n == "start") return newref(s->start);
    if (n == "stop") return newref(s->stop);
    if (n == "step") return newref(s->step);
  }
  if (k == Kind::Range) {
    auto* r = static_cast<RangeObj*>(o.p);
    if (n == "start") return new_int(r->start);
    if (n == "stop") return new_int(r->stop);
    if (n == "step") return new_int(r->step);
  }
  if ((k == Kind::Int || k == Kind::Bool) && (n == "real" || n == "numerator")) return newref(o);
  if ((k == Kind::Int || k == Kind::Bool) && n == "denominator") return new_int(1);
  if (k == Kind::Float && n == "real") return newref(o);
  if (n == "__class__") return newref(type_of(o));
  // Methods of the built-in types.
  Ref cls = type_of(o);
  Ref attr = class_lookup(*this, cls, n);
  if (attr) return bind(*this, attr, o, cls);
  return {};
}

Ref Interpreter::getattr(Ref o, Ref name) {
  Ref r = getattr_opt(o, name);
  if (!r) no_attr(*this, o, name);
  return r;
}

void Interpreter::setattr(Ref o, Ref name, Ref v) {
  const std::string& n = static_cast<StrObj*>(name.p)->s;
  if (o.p->kind == Kind::Instance) {
    auto* inst = static_cast<InstanceObj*>(o.p);
    Ref attr = class_lookup(*this, inst->cls, n);
    if (attr && attr.p->kind == Kind::Property) {
      auto* p = static_cast<PropertyObj*>(attr.p);
      if (!p->fset || is_none(p->fset))
        raise(exc_.AttributeError, fmt::format("can't set attribute '{}'", n));
      Ref args[2] = {o, v};
      Ref r = call(p->fset, args, 2);
      decref(r);
      return;
    }
    if (as_class(inst->cls)->is_exception) {
      if (n == "__cause__") {
        assign(inst->cause, is_none(v) ? Ref{} : newref(v));
        inst->suppress_context = true;
        return;
      }
      if (n == "__context__") {
        assign(inst->context, is_none(v) ? Ref{} : newref(v));
        return;
      }
    }
    dict_set(inst->dict, name, v);
    return;
  }
  if (o.p->kind == Kind::Class && !as_class(o)->builtin) {
    dict_set(as_class(o)->dict, name, v);
    return;
  }
  if (o.p->kind == Kind::Module) {
    dict_set(static_cast<ModuleObj*>(o.p)->dict, name, v);
    return;
  }
  if (o.p->kind == Kind::Function) {
    auto* f = static_cast<FunctionObj*>(o.p);
    if (!f->dict) f->dict = new_dict();
    dict_set(f->dict, name, v);
    return;
  }
  if (o.p->kind == Kind::Class)
    type_error(fmt::format("cannot set '{}' attribute of immutable type '{}'", n, as_class(o)->name));
  if (getattr_opt(o, name).p) {
    raise(exc_.AttributeError,
          fmt::format("'{}' object attribute '{}' is read-only", type_name(o), n));
  }
  raise(exc_.AttributeError, fmt::format("'{}' object has no attribute '{}'", type_name(o), n));
}

void Interpreter::delattr(Ref o, Ref name) {
  const std::string& n = static_cast<StrObj*>(name.p)->s;
  if (o.p->kind == Kind::Instance) {
    auto* inst = static_cast<InstanceObj*>(o.p);
    Ref attr = class_lookup(*this, inst->cls, n);
    if (attr && attr.p->kind == Kind::Property) {
      auto* p = static_cast<PropertyObj*>(attr.p);
      if (!p->fdel || is_none(p->fdel))
        raise(exc_.AttributeError, fmt::format("can't delete attribute '{}'", n));
      Ref r = call(p->fdel, &o, 1);
      decref(r);
      return;
    }
    if (!dict_del(inst->dict, name))
      raise(exc_.AttributeError, fmt::format("'{}' object has no attribute '{}'", type_name(o), n));
    return;
  }
  Ref d = o.p->kind == Kind::Module ? static_cast<ModuleObj*>(o.p)->dict
          : o.p->kind == Kind::Class ? as_class(o)->dict
                                     : Ref{};
  if (d && dict_del(d, name)) return;
  no_attr(*this, o, name);
}

// ---------------------------------------------------------------- items

int64_t Interpreter::index_value(Ref o, const char* what) {
  if (is_int(o)) {
    int64_t v;
    if (int_small(o, v)) return v;
    raise(exc_.IndexError, fmt::format("cannot fit 'int' into an index-sized integer"));
  }
  type_error(fmt::format("{} indices must be integers or slices, not {}", what, type_name(o)));
}

namespace {

// PySlice_Unpack + PySlice_AdjustIndices.
struct SliceIdx {
  int64_t start, stop, step, len;
};

SliceIdx slice_indices(Interpreter& in, SliceObj* s, int64_t length) {
  auto get = [&](Ref r, int64_t dflt) -> int64_t {
    if (in.is_none(r)) return dflt;
    if (!is_int(r))
      in.type_error("slice indices must be integers or None or have an __index__ method");
    int64_t v;
    if (int_small(r, v)) return v;
    return int_big(r).sign() < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
  };
  int64_t step = get(s->step, 1);
  if (step == 0) in.value_error("slice step cannot be zero");
  int64_t start = get(s->start, step < 0 ? INT64_MAX / 2 : 0);
  int64_t stop = get(s->stop, step < 0 ? INT64_MIN / 2 : INT64_MAX / 2);
  auto adjust = [&](int64_t& v) {
    if (v < 0) {
      v += length;
      if (v < 0) v = step < 0 ? -1 : 0;
    } else if (v >= length) {
      v = step < 0 ? length - 1 : length;
    }
  };
  adjust(start);
  adjust(stop);
  int64_t len = 0;
  if (step < 0) {
    if (stop < start) len = (start - stop - 1) / (-step) + 1;
  } else if (start < stop) {
    len = (stop - start - 1) / step + 1;
  }
  return {start, stop, step, len};
}

const std::vector<Ref>& seq_items(Ref o) {
  return o.p->kind == Kind::List ? static_cast<ListObj*>(o.p)->items
                                 : static_cast<TupleObj*>(o.p)->items;
}

}  // namespace

Ref Interpreter::getitem(Ref o, Ref key) {
  Kind k = o.p->kind;
  if (k == Kind::List) touch(o, Access::Read);
  if (k == Kind::List || k == Kind::Tuple) {
    const auto& items = seq_items(o);
    const char* tn = k == Kind::List ? "list" : "tuple";
    if (key.p->kind == Kind::Slice) {
      auto si = slice_indices(*this, static_cast<SliceObj*>(key.p), static_cast<int64_t>(items.size()));
      std::vector<Ref> out;
      for (int64_t i = 0, at = si.start; i < si.len; ++i, at += si.step) out.push_back(newref(items[static_cast<size_t>(at)]));
      return k == Kind::List ? new_list(std::move(out)) : new_tuple(std::move(out));
    }
    if (!is_int(key))
      type_error(fmt::format("{} indices must be integers or slices, not {}", tn, type_name(key)));
    int64_t i;
    if (!int_small(key, i)) raise(exc_.IndexError, "cannot fit 'int' into an index-sized integer");
    int64_t n = static_cast<int64_t>(items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(exc_.IndexError, fmt::format("{} index out of range", tn));
    return newref(items[static_cast<size_t>(i)]);
  }
  if (k == Kind::Dict) {
    Ref v = dict_get(o, key);
    if (!v) {
      std::vector<Ref> args{newref(key)};
      raise_obj(new_exception(exc_.KeyError, std::move(args)));
    }
    return newref(v);
  }
  if (k == Kind::Str) {
    auto* s = static_cast<StrObj*>(o.p);
    int64_t n = str_length(s);
    if (key.p->kind == Kind::Slice) {
      auto si = slice_indices(*this, static_cast<SliceObj*>(key.p), n);
      std::string out;
      for (int64_t i = 0, at = si.start; i < si.len; ++i, at += si.step) {
        size_t b = cp_offset(s, at), e = cp_offset(s, at + 1);
        out.append(s->s, b, e - b);
      }
      return new_str(std::move(out));
    }
    if (!is_int(key)) type_error(fmt::format("string indices must be integers, not '{}'", type_name(key)));
    int64_t i;
    if (!int_small(key, i)) raise(exc_.IndexError, "cannot fit 'int' into an index-sized integer");
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(exc_.IndexError, "string index out of range");
    size_t b = cp_offset(s, i), e = cp_offset(s, i + 1);
    return new_str(s->s.substr(b, e - b));
  }
  if (k == Kind::Range) {
    auto* r = static_cast<RangeObj*>(o.p);
    int64_t n = length(o);
    int64_t i = index_value(key, "range");
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(exc_.IndexError, "range object index out of range");
    return new_int(r->start + i * r->step);
  }
  if (k == Kind::Instance) {
    Ref r = call_special(o, "__getitem__", &key, 1);
    if (r) return r;
  }
  if (k == Kind::Class && (o.is(types_.list) || o.is(types_.dict) || o.is(types_.tuple) || o.is(types_.type)))
    return newref(o);  // list[int] in annotations-free code: a harmless alias
  type_error(fmt::format("'{}' object is not subscriptable", type_name(o)));
}

void Interpreter::setitem(Ref o, Ref key, Ref v) {
  Kind k = o.p->kind;
  if (k == Kind::List) {
    touch(o, Access::Write);
    auto& items = static_cast<ListObj*>(o.p)->items;
    if (key.p->kind == Kind::Slice) {
      auto* sl = static_cast<SliceObj*>(key.p);
      auto si = slice_indices(*this, sl, static_cast<int64_t>(items.size()));
      std::vector<Ref> src = unpack_iterable(v);
      if (si.step == 1) {
        int64_t stop = std::max(si.start, si.stop);
        std::vector<Ref> removed(items.begin() + si.start, items.begin() + stop);
        items.erase(items.begin() + si.start, items.begin() + stop);
        items.insert(items.begin() + si.start, src.begin(), src.end());
        for (auto& r : removed) decref(r);
        return;
      }
      if (static_cast<int64_t>(src.size()) != si.len) {
        size_t n = src.size();
        for (auto& r : src) decref(r);
        value_error(fmt::format("attempt to assign sequence of size {} to extended slice of size {}", n, si.len));
      }
      for (int64_t i = 0, at = si.start; i < si.len; ++i, at += si.step) {
        Ref old = items[static_cast<size_t>(at)];
        items[static_cast<size_t>(at)] = src[static_cast<size_t>(i)];
        decref(old);
      }
      return;
    }
    if (!is_int(key))
      type_error(fmt::format("list indices must be integers or slices, not {}", type_name(key)));
    int64_t i;
    if (!int_small(key, i)) raise(exc_.IndexError, "cannot fit 'int' into an index-sized integer");
    int64_t n = static_cast<int64_t>(items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(exc_.IndexError, "list assignment index out of range");
    Ref old = items[static_cast<size_t>(i)];
    items[static_cast<size_t>(i)] = newref(v);
    decref(old);
    return;
  }
  if (k == Kind::Dict) {
    dict_set(o, key, v);
    return;
  }
  if (k == Kind::Instance) {
    Ref args[2] = {key, v};
    Ref r = call_special(o, "__setitem__", args, 2);
    if (r) {
      decref(r);
      return;
    }
  }
  type_error(fmt::format("'{}' object does not support item assignment", type_name(o)));
}

void Interpreter::delitem(Ref o, Ref key) {
  Kind k = o.p->kind;
  if (k == Kind::List) {
    touch(o, Access::Write);
    auto& items = static_cast<ListObj*>(o.p)->items;
    if (key.p->kind == Kind::Slice) {
      auto si = slice_indices(*this, static_cast<SliceObj*>(key.p), static_cast<int64_t>(items.size()));
      std::vector<bool> drop(items.size(), false);
      for (int64_t i = 0, at = si.start; i < si.len; ++i, at += si.step) drop[static_cast<size_t>(at)] = true;
      std::vector<Ref> keep, removed;
      for (size_t i = 0; i < items.size(); ++i) (drop[i] ? removed : keep).push_back(items[i]);
      items = std::move(keep);
      for (auto& r : removed) decref(r);
      return;
    }
    int64_t i = index_value(key, "list");
    int64_t n = static_cast<int64_t>(items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(exc_.IndexError, "list assignment index out of range");
    Ref old = items[static_cast<size_t>(i)];
    items.erase(items.begin() + i);
    decref(old);
    return;
  }
  if (k == Kind::Dict) {
    if (!dict_del(o, key)) {
      std::vector<Ref> args{newref(key)};
      raise_obj(new_exception(exc_.KeyError, std::move(args)));
    }
    return;
  }
  if (k == Kind::Instance) {
    Ref r = call_special(o, "__delitem__", &key, 1);
    if (r) {
      decref(r);
      return;
    }
  }
  type_error(fmt::format("'{}' object does not support item deletion", type_name(o)));
}

int64_t Interpreter::length(Ref o) {
  switch (o.p->kind) {
    case Kind::Str: return str_length(static_cast<StrObj*>(o.p));
    case Kind::List:
      touch(o, Access::Read);
      return static_cast<int64_t>(static_cast<ListObj*>(o.p)->items.size());
    case Kind::Tuple: return static_cast<int64_t>(static_cast<TupleObj*>(o.p)->items.size());
    case Kind::Dict:
      touch(o, Access::Read);
      return static_cast<int64_t>(static_cast<DictObj*>(o.p)->used);
    case Kind::Range: {
      auto* r = static_cast<RangeObj*>(o.p);
      if (r->step > 0) return r->start < r->stop ? (r->stop - r->start - 1) / r->step + 1 : 0;
      return r->start > r->stop ? (r->start - r->stop - 1) / (-r->step) + 1 : 0;
    }
    case Kind::DictView: {
      Ref d = static_cast<IterObj*>(o.p)->a;
      touch(d, Access::Read);
      return static_cast<int64_t>(static_cast<DictObj*>(d.p)->used);
    }
    case Kind::Instance: {
      Ref r = call_special(o, "__len__");
      if (r) {
        int64_t n = index_value(r, "len");
        decref(r);
        if (n < 0) value_error("__len__() should return >= 0");
        return n;
      }
      break;
    }
    default: break;
  }
  type_error(fmt::format("object of type '{}' has no len()", type_name(o)));
}

bool Interpreter::contains(Ref c, Ref item) {
  switch (c.p->kind) {
    case Kind::List:
    case Kind::Tuple: {
      if (c.p->kind == Kind::List) touch(c, Access::Read);
      const auto& items = seq_items(c);
      for (size_t i = 0; i < items.size(); ++i) {
        Ref x = items[i];
        if (eq(x, item)) return true;
      }
      return false;
    }
    case Kind::Dict: return dict_get(c, item).p != nullptr;
    case Kind::DictView: {
      auto* v = static_cast<IterObj*>(c.p);
      if (v->sub == IterObj::Sub::DictKeys) return dict_get(v->a, item).p != nullptr;
      if (v->sub == IterObj::Sub::DictItems) {
        // dictitems_contains: a 2-tuple whose key maps to an equal value.
        if (item.p->kind != Kind::Tuple || static_cast<TupleObj*>(item.p)->items.size() != 2) return false;
        std::vector<Ref> kv{newref(static_cast<TupleObj*>(item.p)->items[0]),
                            newref(static_cast<TupleObj*>(item.p)->items[1])};
        Holder hkv(*this, kv);
        Ref found = dict_get(v->a, kv[0]);
        if (!found) return false;
        std::vector<Ref> fv{newref(found)};
        Holder hf(*this, fv);
        return eq(fv[0], kv[1]);
      }
      break;  // values: by iteration
    }
    case Kind::Str:
      if (item.p->kind != Kind::Str)
        type_error(fmt::format("'in <string>' requires string as left operand, not {}", type_name(item)));
      return str_of(c).find(str_of(item)) != std::string::npos;
    case Kind::Range: {
      if (!is_int(item)) break;
      auto* r = static_cast<RangeObj*>(c.p);
      int64_t v;
      if (!int_small(item, v)) return false;
      if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return false;
      return (v - r->start) % r->step == 0;
    }
    case Kind::Instance: {
      Ref r = call_special(c, "__contains__", &item, 1);
      if (r) {
        bool t = truthy(r);
        decref(r);
        return t;
      }
      break;
    }
    default: break;
  }
  // Fall back to iteration (PySequence_Contains via iteration).
  std::vector<Ref> hold{get_iter(c)};
  Holder h(*this, hold);
  while (Ref x = iter_next(hold[0])) {
    std::vector<Ref> xs{x};
    Holder hx(*this, xs);
    if (eq(x, item)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- iteration

Ref Interpreter::get_iter(Ref o) {
  auto make = [&](IterObj::Sub sub, Ref a) {
    IterObj* it = heap_.alloc<IterObj>(Kind::Iter);
    it->sub = sub;
    it->a = newref(a);
    return it;
  };
  switch (o.p->kind) {
    case Kind::List:
    case Kind::Tuple:
    case Kind::Str: return Heap::ref(make(IterObj::Sub::Seq, o));
    case Kind::Dict: {
      IterObj* it = make(IterObj::Sub::DictKeys, o);
      it->n = static_cast<int64_t>(static_cast<DictObj*>(o.p)->used);
      it->version = static_cast<DictObj*>(o.p)->version;
      return Heap::ref(it);
    }
    case Kind::Range: {
      auto* r = static_cast<RangeObj*>(o.p);
      IterObj* it = heap_.alloc<IterObj>(Kind::Iter);
      it->sub = IterObj::Sub::Range;
      it->i = r->start;
      it->n = length(o);
      it->step = r->step;
      return Heap::ref(it);
    }
    case Kind::DictView: {
      auto* v = static_cast<IterObj*>(o.p);
      IterObj* it = make(v->sub, v->a);
      it->n = static_cast<int64_t>(static_cast<DictObj*>(v->a.p)->used);
      it->version = static_cast<DictObj*>(v->a.p)->version;
      return Heap::ref(it);
    }
    case Kind::Iter: return newref(o);
    case Kind::Instance: {
      Ref r = call_special(o, "__iter__");
      if (r) return r;
      // The old sequence protocol (PySeqIter): __getitem__(0), (1), ... until IndexError.
      if (class_lookup(*this, type_of(o), "__getitem__")) return Heap::ref(make(IterObj::Sub::GetItem, o));
      break;
    }
    default: break;
  }
  type_error(fmt::format("'{}' object is not iterable", type_name(o)));
}

Ref Interpreter::iter_next(Ref itr) {
  if (itr.p->kind == Kind::Instance) {
    if (!class_lookup(*this, type_of(itr), "__next__"))
      type_error(fmt::format("'{}' object is not an iterator", type_name(itr)));
    try {
      return call_special(itr, "__next__");
    } catch (PyException&) {
      ThreadState& t = current();
      if (t.raised && isinstance(t.raised, exc_.StopIteration)) {
        clear(t.raised);
        return {};
      }
      throw;
    }
  }
  if (itr.p->kind != Kind::Iter) type_error(fmt::format("'{}' object is not an iterator", type_name(itr)));
  auto* it = static_cast<IterObj*>(itr.p);
  switch (it->sub) {
    case IterObj::Sub::Range:
      if (it->n <= 0) return {};
      --it->n;
      it->i += it->step;
      return new_int(it->i - it->step);
    case IterObj::Sub::Seq: {
      if (!it->a) return {};
      Ref seq = it->a;
      if (seq.p->kind == Kind::Str) {
        auto* s = static_cast<StrObj*>(seq.p);
        if (it->i >= str_length(s)) {
          clear(it->a);
          return {};
        }
        size_t b = cp_offset(s, it->i), e = cp_offset(s, it->i + 1);
        ++it->i;
        return new_str(s->s.substr(b, e - b));
      }
      if (seq.p->kind == Kind::List) touch(seq, Access::Read);
      const auto& items = seq_items(seq);
      if (it->i >= static_cast<int64_t>(items.size())) {
        clear(it->a);  // exhausted iterators drop their sequence (listiter_next)
        return {};
      }
      return newref(items[static_cast<size_t>(it->i++)]);
    }
    case IterObj::Sub::Reversed: {
      if (!it->a) return {};
      if (it->a.p->kind == Kind::List) touch(it->a, Access::Read);
      const auto& items = seq_items(it->a);
      if (it->i < 0 || it->i >= static_cast<int64_t>(items.size())) {
        clear(it->a);
        return {};
      }
      return newref(items[static_cast<size_t>(it->i--)]);
    }
    case IterObj::Sub::DictKeys:
    case IterObj::Sub::DictValues:
    case IterObj::Sub::DictItems: {
      if (!it->a) return {};
      touch(it->a, Access::Read);
      auto* d = static_cast<DictObj*>(it->a.p);
      if (d->version != it->version && static_cast<int64_t>(d->used) != it->n) {
        it->n = -1;
        raise(exc_.RuntimeError, "dictionary changed size during iteration");
      }
      while (it->i < static_cast<int64_t>(d->entries.size()) && !d->entries[static_cast<size_t>(it->i)].key) ++it->i;
      if (it->i >= static_cast<int64_t>(d->entries.size())) {
        clear(it->a);
        return {};
      }
      auto& e = d->entries[static_cast<size_t>(it->i++)];
      if (it->sub == IterObj::Sub::DictKeys) return newref(e.key);
      if (it->sub == IterObj::Sub::DictValues) return newref(e.value);
      return new_tuple({newref(e.key), newref(e.value)});
    }
    case IterObj::Sub::GetItem: {
      if (!it->a) return {};
      Ref index = new_int(it->i);
      Ref v;
      try {
        v = call_special(it->a, "__getitem__", &index, 1);
      } catch (PyException&) {
        decref(index);
        ThreadState& t = current();
        if (t.raised && (isinstance(t.raised, exc_.IndexError) || isinstance(t.raised, exc_.StopIteration))) {
          clear(t.raised);
          clear(it->a);
          return {};
        }
        throw;
      }
      decref(index);
      ++it->i;
      return v;
    }
    default: return builtin_iter_next(*this, it);
  }
}

std::vector<Ref> Interpreter::unpack_iterable(Ref o) {
  std::vector<Ref> out;
  if (o.p->kind == Kind::List || o.p->kind == Kind::Tuple) {
    if (o.p->kind == Kind::List) touch(o, Access::Read);
    for (auto& x : seq_items(o)) out.push_back(newref(x));
    return out;
  }
  Ref it = get_iter(o);
  HeldVec root(current(), out);
  ThreadState& ts = current();
  ts.held.push_back(it);
  struct Pop {
    ThreadState& t;
    ~Pop() { t.held.pop_back(); }
  } pop{ts};
  try {
    while (Ref x = iter_next(it)) out.push_back(x);
  } catch (PyException&) {
    decref(it);
    for (auto& x : out) decref(x);
    throw;
  }
  decref(it);
  return out;
}

}  // namespace vm
