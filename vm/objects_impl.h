// Helpers shared by the files that implement the object protocol, the eval
// loop and the built-ins.  Not part of the interface of vm/.
#pragma once

#include <string>

#include "vm/interpreter.h"
#include "vm/opcode.h"

namespace vm {

bool is_int(Ref r);                      // int or bool
BigInt int_big(Ref r);                   // precondition: is_int(r)
bool int_small(Ref r, int64_t& out);     // the value when it fits int64
std::string int_repr(Ref r);
double float_of(Interpreter& in, Ref r); // int or float as double, else TypeError
std::string str_of(Ref r);               // precondition: a str
ClassObj* as_class(Ref r);
Ref class_lookup(Interpreter& in, Ref cls, std::string_view name);  // borrowed or null
Ref int_binop(Interpreter& in, Ref a, Ref b, int op);    // null: not handled
Ref float_binop(Interpreter& in, Ref a, Ref b, int op);  // null: not handled

// f-string and format() formatting of one value with a format spec.
Ref format_value(Interpreter& in, Ref v, const std::string& spec);
// str % args.
Ref percent_format(Interpreter& in, Ref fmt, Ref args);
// next() of the lazy iterators the built-ins create (enumerate, zip, map, filter).
Ref builtin_iter_next(Interpreter& in, IterObj* it);
// Fills the builtins module and the built-in types' methods.
void register_builtins(Interpreter& in);
// threading, time, sys, multiprocessing, gilsim modules.
void register_modules(Interpreter& in);

int64_t str_hash(std::string_view s);  // the hash of a str with this text

// Number of code points of a str (cached).
int64_t str_length(StrObj* s);

}  // namespace vm
