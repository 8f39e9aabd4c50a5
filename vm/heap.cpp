// Heap pools, deallocation without recursion, and the traversal the audit
// and deallocation share (see heap.h).
#include "vm/heap.h"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

#include "vm/check.h"

namespace vm {

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::None: return "NoneType";
    case Kind::NotImplemented: return "NotImplementedType";
    case Kind::Ellipsis: return "ellipsis";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::Str: return "str";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Slice: return "slice";
    case Kind::Range: return "range";
    case Kind::Iter: return "iterator";
    case Kind::Code: return "code";
    case Kind::Function: return "function";
    case Kind::Builtin: return "builtin_function_or_method";
    case Kind::BoundMethod: return "method";
    case Kind::Cell: return "cell";
    case Kind::Class: return "type";
    case Kind::Instance: return "object";
    case Kind::Property: return "property";
    case Kind::StaticMethod: return "staticmethod";
    case Kind::ClassMethod: return "classmethod";
    case Kind::Module: return "module";
    case Kind::Sync: return "lock";
    case Kind::DictView: return "dict view";
    case Kind::kCount: break;
  }
  return "?";
}

Heap::Heap() = default;
Heap::~Heap() = default;

template <> detail::Pool<IntObj>& Heap::pool_of<IntObj>() { return ints_; }
template <> detail::Pool<FloatObj>& Heap::pool_of<FloatObj>() { return floats_; }
template <> detail::Pool<StrObj>& Heap::pool_of<StrObj>() { return strs_; }
template <> detail::Pool<TupleObj>& Heap::pool_of<TupleObj>() { return tuples_; }
template <> detail::Pool<ListObj>& Heap::pool_of<ListObj>() { return lists_; }
template <> detail::Pool<DictObj>& Heap::pool_of<DictObj>() { return dicts_; }
template <> detail::Pool<SliceObj>& Heap::pool_of<SliceObj>() { return slices_; }
template <> detail::Pool<RangeObj>& Heap::pool_of<RangeObj>() { return ranges_; }
template <> detail::Pool<IterObj>& Heap::pool_of<IterObj>() { return iters_; }
template <> detail::Pool<CodeObj>& Heap::pool_of<CodeObj>() { return codes_; }
template <> detail::Pool<FunctionObj>& Heap::pool_of<FunctionObj>() { return functions_; }
template <> detail::Pool<BuiltinObj>& Heap::pool_of<BuiltinObj>() { return builtins_; }
template <> detail::Pool<BoundMethodObj>& Heap::pool_of<BoundMethodObj>() { return methods_; }
template <> detail::Pool<CellObj>& Heap::pool_of<CellObj>() { return cells_; }
template <> detail::Pool<ClassObj>& Heap::pool_of<ClassObj>() { return classes_; }
template <> detail::Pool<InstanceObj>& Heap::pool_of<InstanceObj>() { return instances_; }
template <> detail::Pool<PropertyObj>& Heap::pool_of<PropertyObj>() { return properties_; }
template <> detail::Pool<WrapperObj>& Heap::pool_of<WrapperObj>() { return wrappers_; }
template <> detail::Pool<ModuleObj>& Heap::pool_of<ModuleObj>() { return modules_; }
template <> detail::Pool<SyncObj>& Heap::pool_of<SyncObj>() { return syncs_; }
template <> detail::Pool<Object>& Heap::pool_of<Object>() { return plain_; }

void Heap::traverse(Object* o, const std::function<void(Ref)>& f) {
  for_each_ref(o, [&](Ref r) { f(r); });
}

void Heap::stale(Ref r) const {
  throw HeapViolation(HeapViolation::What::UseAfterFree, r.p->serial,
                      fmt::format("use after free: {} #{} was used after it was freed",
                                  kind_name(r.p->kind), r.p->serial));
}

std::string Heap::describe(Ref r) const {
  return fmt::format("{} #{}", kind_name(r.p->kind), r.p->serial);
}

void Heap::release(Object* o) {
  if (o->freed) {
    throw HeapViolation(HeapViolation::What::DoubleFree, o->serial,
                        fmt::format("double free: {} #{} was freed twice", kind_name(o->kind), o->serial));
  }
  GILSIM_ASSERT(!o->immortal, "an immortal object's count reached zero");
  if (!draining_ && (o->kind == Kind::Int || o->kind == Kind::Float)) {
    destroy(o);
    return;
  }
  pending_.push_back(o);
  if (draining_) return;
  draining_ = true;
  while (!pending_.empty()) {
    Object* x = pending_.back();
    pending_.pop_back();
    destroy(x);
  }
  draining_ = false;
}

namespace {

template <class T>
void reset_and_free(detail::Pool<T>& pool, Object* o, bool quarantine) {
  T* t = static_cast<T*>(o);
  if (quarantine) {  // see Heap::quarantine
    ++t->gen;
    t->freed = true;
    return;
  }
  uint32_t gen = t->gen;
  Kind kind = t->kind;
  uint32_t serial = t->serial;
  *t = T{};
  t->gen = gen + 1;
  t->kind = kind;
  t->serial = serial;
  t->freed = true;
  pool.free.push_back(t);
}

}  // namespace

void Heap::destroy(Object* o) {
  --live_;
  // Objects that own no references (the common case: ints and floats made
  // by arithmetic) go straight back to their pool.
  switch (o->kind) {
    case Kind::Int: {
      auto* i = static_cast<IntObj*>(o);
      if (quarantine) break;
      i->big.reset();
      i->v = 0;
      i->freed = true;
      ++i->gen;
      ints_.free.push_back(i);
      return;
    }
    case Kind::Float: {
      auto* f = static_cast<FloatObj*>(o);
      if (quarantine) break;
      f->freed = true;
      ++f->gen;
      floats_.free.push_back(f);
      return;
    }
    case Kind::Str: reset_and_free(strs_, o, quarantine); return;
    case Kind::Range: reset_and_free(ranges_, o, quarantine); return;
    default: break;
  }
  // Release children after the slot is reset (they may queue more objects).
  std::vector<Ref> children;
  traverse(o, [&](Ref r) { children.push_back(r); });
  switch (o->kind) {
    case Kind::None:
    case Kind::NotImplemented:
    case Kind::Ellipsis: reset_and_free(plain_, o, quarantine); break;
    case Kind::Bool:
    case Kind::Int: reset_and_free(ints_, o, quarantine); break;
    case Kind::Float: reset_and_free(floats_, o, quarantine); break;
    case Kind::Str: reset_and_free(strs_, o, quarantine); break;
    case Kind::Tuple: reset_and_free(tuples_, o, quarantine); break;
    case Kind::List: reset_and_free(lists_, o, quarantine); break;
    case Kind::Dict: reset_and_free(dicts_, o, quarantine); break;
    case Kind::Slice: reset_and_free(slices_, o, quarantine); break;
    case Kind::Range: reset_and_free(ranges_, o, quarantine); break;
    case Kind::Iter:
    case Kind::DictView: reset_and_free(iters_, o, quarantine); break;
    case Kind::Code: reset_and_free(codes_, o, quarantine); break;
    case Kind::Function: reset_and_free(functions_, o, quarantine); break;
    case Kind::Builtin: reset_and_free(builtins_, o, quarantine); break;
    case Kind::BoundMethod: reset_and_free(methods_, o, quarantine); break;
    case Kind::Cell: reset_and_free(cells_, o, quarantine); break;
    case Kind::Class: reset_and_free(classes_, o, quarantine); break;
    case Kind::Instance: reset_and_free(instances_, o, quarantine); break;
    case Kind::Property: reset_and_free(properties_, o, quarantine); break;
    case Kind::StaticMethod:
    case Kind::ClassMethod: reset_and_free(wrappers_, o, quarantine); break;
    case Kind::Module: reset_and_free(modules_, o, quarantine); break;
    case Kind::Sync: reset_and_free(syncs_, o, quarantine); break;
    case Kind::kCount: GILSIM_ASSERT(false, "bad kind"); break;
  }
  // CPython's deallocators release contents last to first (list_dealloc).
  for (auto it = children.rbegin(); it != children.rend(); ++it) {
    if (releaser && !it->p->immortal) {
      releaser->release_child(*it);
      continue;
    }
    if (immortal_log && it->p->immortal && it->p->audit_epoch != log_stamp) {
      it->p->audit_epoch = log_stamp;
      immortal_log->push_back(it->p);
    }
    dec(*it);
  }
}

void Heap::for_each_live(const std::function<void(Object*)>& f) {
  for_each_pool([&](auto& pool) {
    for (auto& o : pool.slots)
      if (!o.freed) f(&o);
  });
}

void Heap::mark() {
  GILSIM_ASSERT(pending_.empty() && !draining_, "mark during a deallocation");
  for_each_pool([](auto& pool) {
    pool.mark_size = pool.slots.size();
    pool.mark_free = pool.free;
  });
  mark_serial_ = serial_;
  mark_live_ = live_;
}

void Heap::reset() {
  // Without quarantine a freed slot was emptied when it was freed; with it,
  // freed slots kept their contents.
  bool all = quarantine;
  for_each_pool([all](auto& pool) {
    using T = typename std::decay_t<decltype(pool.slots)>::value_type;
    auto wipe = [](T* t) {
      uint32_t gen = t->gen;
      Kind kind = t->kind;
      uint32_t serial = t->serial;
      *t = T{};
      t->gen = gen + 1;
      t->kind = kind;
      t->serial = serial;
      t->freed = true;
    };
    // Slots free at the mark may have been reused since: empty them again.
    for (T* t : pool.mark_free)
      if (all || !t->freed) wipe(t);
    pool.free = pool.mark_free;
    // Slots added since are kept (no reallocation next time), emptied, and
    // handed out again lowest first, as a new heap would.
    size_t first = pool.free.size();
    for (auto it = pool.slots.begin() + static_cast<ptrdiff_t>(pool.mark_size); it != pool.slots.end(); ++it) {
      T* t = &*it;
      if (all || !t->freed) wipe(t);
      pool.free.push_back(t);
    }
    std::reverse(pool.free.begin() + static_cast<ptrdiff_t>(first), pool.free.end());
  });
  pending_.clear();
  draining_ = false;
  serial_ = mark_serial_;
  live_ = mark_live_;
  current_thread = 0;
  quarantine = false;
  releaser = nullptr;
}

void Heap::for_each_marked(const std::function<void(Object*)>& f) {
  for_each_pool([&](auto& pool) {
    for (size_t i = 0; i < pool.mark_size; ++i)
      if (!pool.slots[i].freed) f(&pool.slots[i]);
  });
}

}  // namespace vm
