// Helpers for writing native functions (built-ins and methods): argument
// views and a guard that drops owned references on every exit path.
#pragma once

#include <fmt/format.h>

#include <initializer_list>
#include <string_view>
#include <vector>

#include "vm/interpreter.h"
#include "vm/objects_impl.h"

namespace vm {

// The arguments of one native call: positional ones, then keyword values.
struct Args {
  const Ref* args;
  int nargs;
  Ref kwnames;
  int nkw = 0;   // keyword arguments
  int npos = 0;  // positional arguments

  Args(const Ref* a, int n, Ref kw) : args(a), nargs(n), kwnames(kw) {
    nkw = kw ? static_cast<int>(static_cast<TupleObj*>(kw.p)->items.size()) : 0;
    npos = n - nkw;
  }
  // The value of keyword `name`, or null.
  Ref kw(std::string_view name) const {
    for (int k = 0; k < nkw; ++k)
      if (static_cast<StrObj*>(static_cast<TupleObj*>(kwnames.p)->items[static_cast<size_t>(k)].p)->s == name)
        return args[npos + k];
    return {};
  }
  // Raises TypeError for a keyword not in `allowed`.
  void check_kw(Interpreter& in, const char* fn, std::initializer_list<const char*> allowed) const {
    for (int k = 0; k < nkw; ++k) {
      const std::string& n = static_cast<StrObj*>(static_cast<TupleObj*>(kwnames.p)->items[static_cast<size_t>(k)].p)->s;
      bool ok = false;
      for (const char* a : allowed) ok |= n == a;
      if (!ok) in.type_error(fmt::format("{}() got an unexpected keyword argument '{}'", fn, n));
    }
  }
  void no_kw(Interpreter& in, const char* fn) const {
    if (nkw) in.type_error(fmt::format("{}() takes no keyword arguments", fn));
  }
  // Exactly n positional arguments, no keywords (METH_O / fixed arity).
  void exactly(Interpreter& in, const char* fn, int n) const {
    no_kw(in, fn);
    if (npos != n) {
      if (n == 1)
        in.type_error(fmt::format("{}() takes exactly one argument ({} given)", fn, npos));
      in.type_error(fmt::format("{} expected {} arguments, got {}", fn, n, npos));
    }
  }
  void between(Interpreter& in, const char* fn, int lo, int hi) const {
    no_kw(in, fn);
    if (npos < lo) in.type_error(fmt::format("{} expected at least {} argument{}, got {}", fn, lo, lo == 1 ? "" : "s", npos));
    if (npos > hi) in.type_error(fmt::format("{} expected at most {} argument{}, got {}", fn, hi, hi == 1 ? "" : "s", npos));
  }
};

// Drops the references in `refs` when it goes out of scope.
struct Holder {
  Interpreter& in;
  std::vector<Ref>& refs;
  HeldVec audit_root;
  Holder(Interpreter& i, std::vector<Ref>& r) : in(i), refs(r), audit_root(i.current(), r) {}
  ~Holder() {
    for (auto& r : refs) in.xdecref(r);
  }
  Holder(const Holder&) = delete;
  Holder& operator=(const Holder&) = delete;
};

void register_methods(Interpreter& in);
void sort_items(Interpreter& in, std::vector<Ref>& items, Ref key, bool reverse);
void dict_update_from(Interpreter& in, Ref d, Ref src);

}  // namespace vm
