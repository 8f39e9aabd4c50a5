// Compile-time constants: the values a literal denotes, what constant folding
// produces, and what a code object keeps in co_consts.
//
// A Constant is a plain value (no heap, no reference count).  The interpreter
// turns each into a heap object when it loads a code object.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vm/bigint.h"

namespace vm {

struct Code;  // vm/code.h

struct Constant {
  enum class Kind { None, Bool, Int, Float, Complex, Str, Bytes, Ellipsis, Tuple, Code };

  Kind kind = Kind::None;
  bool b = false;                  // Kind::Bool
  BigInt i;                        // Kind::Int
  double f = 0.0;                  // Kind::Float; the real part of a Kind::Complex
  double imag = 0.0;               // Kind::Complex: the imaginary part
  std::string s;                   // Kind::Str (UTF-8) and Kind::Bytes (raw bytes)
  std::vector<Constant> items;     // Kind::Tuple
  std::shared_ptr<const Code> code;  // Kind::Code

  static Constant none() { return {}; }
  static Constant boolean(bool v);
  static Constant integer(BigInt v);
  static Constant floating(double v);
  // Only constant folding makes complex constants ((-8) ** 0.5); gilsim has
  // no imaginary literals.
  static Constant complex(double real, double imag);
  static Constant str(std::string v);
  static Constant bytes(std::string v);
  static Constant ellipsis();
  static Constant tuple(std::vector<Constant> v);
  static Constant code_object(std::shared_ptr<const Code> c);

  // Python's truth value (code objects are true).
  bool truthy() const;
  // Equality as CPython's constant cache sees it (_PyCode_ConstantKey): values
  // of different types never match (0, 0.0 and False are three constants),
  // floats compare by bit pattern (0.0 and -0.0 differ), tuples item by item,
  // code objects structurally as CPython 3.11's code_richcompare does (see
  // same_code_key), so that a body compiled twice (a `finally` body, a
  // `while` condition) yields one constant for each lambda or comprehension.
  bool same_key(const Constant& other) const;
};

// Python's repr() of a constant, as dis prints it: 'a\n', 1.5, (1, 'x'),
// <code object f at 0x..., file "p.py", line 3>.  Code objects print a
// stable fake address derived from their position; dis comparisons mask it.
std::string repr(const Constant& c);

// repr() of a code object; repr(c) of a Kind::Code constant defers to it.
// Declared here so that this file needs only the forward declaration of Code;
// defined with Code in vm/code.cpp (also declared in vm/code.h).
std::string repr_code(const Code& code);

// CPython 3.11's code_richcompare, which is what the compiler's constant
// cache uses for code objects (_PyCode_ConstantKey keys a code object by the
// object itself): equal iff co_name, the argument counts, co_flags,
// co_firstlineno, co_code, the constants (by their constant keys), co_names,
// co_localsplusnames, co_linetable and co_exceptiontable are equal.
// co_qualname, co_filename and co_stacksize are not compared.  Defined with
// Code in vm/code.cpp.
bool same_code_key(const Code& a, const Code& b);

// Python's repr() of a str: quotes chosen as CPython does, escapes for \n,
// \t, \\, non-printable characters.  `utf8` may hold lone surrogates encoded
// as three-byte sequences (what a '\ud800' escape produces); bytes that are
// not UTF-8 at all, which gilsim never puts in a str, print as \xNN.
std::string repr_str(const std::string& utf8);
// Python's repr() of a float: shortest round-trip digits, 'inf', 'nan',
// exponent form outside 1e-4 <= |x| < 1e16.
std::string repr_float(double v);
// Python's repr() of a complex (complex_repr): 1.5j, (1+2j), (-0-1j); the
// parts use repr's digits without the '.0' that repr_float adds.
std::string repr_complex(double real, double imag);

}  // namespace vm
