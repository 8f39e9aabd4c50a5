// The object model: every Python value the VM handles is an Object in the
// heap (vm/heap.h), reached through a Ref.
//
// A Ref is a pointer plus the generation of the slot it was taken from.  The
// heap bumps a slot's generation when it frees the object, so a Ref that
// outlives its object is detected exactly on its next use (use after free),
// even after the slot has been reused for a new object.  This is how gilsim
// can say "Thread-2 used the list after Thread-1 freed it" instead of reading
// garbage, which is what CPython would do.
//
// Objects are plain structs with a `kind` tag, not a C++ class hierarchy with
// virtual functions: the interpreter switches on the tag, as CPython's
// specialised instructions check Py_TYPE.  Every field that holds a Ref owns
// one reference (a strong reference, in CPython's words) unless its comment
// says "borrowed".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vm/bigint.h"

namespace vm {

struct Code;
struct Object;
struct Ref;
class Interpreter;
using NativeFn = Ref (*)(Interpreter& in, Ref self, const Ref* args, int nargs, Ref kwnames);

enum class Kind : uint8_t {
  None,
  NotImplemented,
  Ellipsis,
  Bool,
  Int,
  Float,
  Str,
  Tuple,
  List,
  Dict,
  Slice,
  Range,
  Iter,
  Code,
  Function,
  Builtin,
  BoundMethod,
  Cell,
  Class,
  Instance,
  Property,
  StaticMethod,
  ClassMethod,
  Module,
  Sync,
  DictView,  // an IterObj: keys(), values() or items() of the dict in `a`
  kCount
};

// A reference to an object: the object's address and the generation of its
// slot when the reference was made.  A null Ref (p == nullptr) is CPython's
// NULL: an empty local, the NULL pushed by PUSH_NULL, an empty cell.
struct Ref {
  Object* p = nullptr;
  uint32_t gen = 0;

  explicit operator bool() const { return p != nullptr; }
  bool is(const Ref& o) const { return p == o.p; }
  friend bool operator==(const Ref& a, const Ref& b) { return a.p == b.p && a.gen == b.gen; }
};

struct Object {
  int64_t refcnt = 0;  // ob_refcnt: owning references, including the runtime's own
  uint32_t gen = 0;    // invariant: equals ref.gen for every live Ref to this object
  Kind kind = Kind::None;
  bool freed = false;  // invariant: true iff the slot is on its pool's free list
  bool immortal = false;  // created by the runtime, never freed (None, small ints, types)
  // Never changes after start-up (a built-in class's dict: setattr refuses
  // them): reading it is no shared-memory access worth a scheduling point.
  bool frozen = false;
  uint32_t serial = 0;    // allocation number, stable across replays: names objects in reports
  // The thread that allocated it (free-threaded CPython's ob_tid: the owner
  // whose count changes are local and non-atomic).
  int32_t tid = 0;
  // Count the runtime holds that no Python-visible root shows (an immortal's
  // references from C), so the audit compares refcnt with found + base_refs.
  int64_t base_refs = 0;
  // Scratch space of the heap audit: references found in audit number
  // audit_epoch (stale when the epoch differs).  The audit never checks an
  // immortal object, so for those audit_epoch holds instead the run in
  // which their count last changed (Interpreter::note_immortal).
  uint32_t audit_epoch = 0;
  // The exploration step (MemoryHook::step_stamp) that last reported a
  // change of this count: repeats in the same step are not reported again.
  uint32_t hook_stamp = 0;
  int64_t audit_found = 0;
};

struct IntObj : Object {
  int64_t v = 0;                // the value when big is null
  std::unique_ptr<BigInt> big;  // set only when the value does not fit int64
};

struct FloatObj : Object {
  double v = 0.0;
};

struct StrObj : Object {
  std::string s;             // UTF-8
  int64_t hash = -1;         // cached hash, -1 until computed
  int64_t length = -1;       // number of code points, -1 until computed
  bool ascii = false;        // every byte < 0x80 (then length == s.size())
};

struct TupleObj : Object {
  std::vector<Ref> items;
};

struct ListObj : Object {
  std::vector<Ref> items;
};

// An insertion-ordered hash table, as CPython's compact dict: `entries` in
// insertion order (deleted ones have a null key), `index` open-addressed slots
// holding entry numbers.
struct DictObj : Object {
  struct Entry {
    int64_t hash = 0;
    Ref key;    // null for a deleted entry
    Ref value;
  };
  std::vector<Entry> entries;
  std::vector<int32_t> index;  // -1 empty, -2 dummy, else an entries position
  size_t used = 0;             // live entries
  uint64_t version = 0;        // bumped on every insertion or deletion (iteration checks)
};

struct SliceObj : Object {
  Ref start, stop, step;  // never null (None when absent)
};

struct RangeObj : Object {
  int64_t start = 0, stop = 0, step = 1;
};

// Iterators of the built-in kinds.  The meaning of a, i, n depends on sub.
struct IterObj : Object {
  enum class Sub : uint8_t {
    Range,      // i: next value, n: remaining count, step in `step`
    Seq,        // a: list/tuple/str iterated by index i
    Reversed,   // a: list/tuple iterated backwards from i
    DictKeys,   // a: dict; i: entry position; n: dict size at creation
    DictValues,
    DictItems,
    Enumerate,  // a: underlying iterator; i: next count
    Zip,        // a: tuple of iterators
    Map,        // a: function, b: tuple of iterators
    Filter,     // a: function or None, b: iterator
    GetItem,    // a: an object with __getitem__ only, called with i until IndexError
  };
  Sub sub = Sub::Seq;
  Ref a, b;
  int64_t i = 0, n = 0, step = 1;
  uint64_t version = 0;  // DictKeys/Values/Items: the dict's version at creation
};

struct CodeObj : Object {
  std::shared_ptr<const Code> code;
  std::vector<Ref> consts;  // co_consts as objects
  std::vector<Ref> names;   // co_names as interned strs
};

struct FunctionObj : Object {
  Ref code;        // CodeObj
  Ref globals;     // DictObj
  Ref name;        // str
  Ref qualname;    // str
  Ref defaults;    // tuple or null
  Ref kwdefaults;  // dict or null
  Ref closure;     // tuple of cells or null
  Ref doc;         // the docstring or None
  Ref dict;        // function attributes, or null until one is set
  Ref module;      // the defining module's __name__ (str), or null
};

// A native function: gets the arguments (positional first, then the values
// of the keyword arguments named in kwnames), returns a new reference, raises
// by throwing PyException (vm/interpreter.h).  `self` is null for functions
// and the receiver for methods called through their type.

struct BuiltinObj : Object {
  std::string name;      // "len", "append"
  std::string owner;     // "list" for list.append, empty for a module function
  NativeFn fn = nullptr;
  Ref self;              // a bound receiver (a module's functions leave it null)
  bool method = false;   // a method descriptor: the first argument is the receiver
};

struct BoundMethodObj : Object {
  Ref func;  // FunctionObj (or Builtin)
  Ref self;
};

struct CellObj : Object {
  Ref value;  // null when empty
};

// A class: user-defined (`class C: ...`) or built-in (int, list, Exception).
struct ClassObj : Object {
  std::string name;
  std::string qualname;
  std::string module = "builtins";  // __module__: "builtins", "threading", "__main__"
  Ref dict;                 // DictObj of the class body
  std::vector<Ref> bases;   // owned
  std::vector<Object*> mro; // borrowed: this class first; every entry is kept alive by bases
  Kind instance_kind = Kind::Instance;  // what kind its instances have
  bool builtin = false;
  bool is_exception = false;  // BaseException is in the mro
  bool is_thread = false;     // threading.Thread is in the mro
  bool is_process = false;    // multiprocessing.Process is in the mro
  // Built-in classes: makes an instance from call arguments (int("3"),
  // list(x)); a user subclass of a built-in class other than object,
  // BaseException or Thread is not supported.
  NativeFn ctor = nullptr;
};

struct InstanceObj : Object {
  Ref cls;   // ClassObj (owned, as heap types are by their instances)
  Ref dict;  // instance attributes (DictObj), created with the instance
  // Exception payload (is_exception classes): args tuple, __cause__,
  // __context__; the traceback as (code, line) pairs outermost last.
  Ref args, cause, context;
  bool suppress_context = false;
  struct TbEntry {
    Ref code;  // CodeObj
    int line;
    int lasti;
  };
  std::vector<TbEntry> tb;
  int64_t native = -1;  // threading.Thread: index of its thread in the interpreter
};

struct PropertyObj : Object {
  Ref fget, fset, fdel, doc;  // None or null when absent
};

struct WrapperObj : Object {  // staticmethod / classmethod
  Ref func;
};

struct ModuleObj : Object {
  std::string name;
  Ref dict;
};

// Synchronisation objects of the threading module.  Blocked threads wait in
// `waiters` (thread numbers, FIFO) so the scheduler knows whom a release wakes.
struct SyncObj : Object {
  enum class Sub : uint8_t { Lock, RLock, Condition, Event, Semaphore };
  Sub sub = Sub::Lock;
  int owner = -1;      // Lock/RLock: holding thread, -1 when free
  int64_t count = 0;   // RLock: recursion depth; Semaphore: value
  bool flag = false;   // Event: set
  Ref lock;            // Condition: its lock (a SyncObj)
  std::vector<int> waiters;  // Condition: threads in wait(), in order
};

}  // namespace vm
