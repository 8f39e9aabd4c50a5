#!/usr/bin/env python3.11
"""Seeded random generator of Python programs in gilsim's supported subset.

Usage: gen_programs.py SEED [OUT.py]   (prints to stdout without OUT)
       gen_programs.py --batch N SEED DIR   (writes DIR/p<SEED+k>.py for k < N)

Programs only need to compile under python3.11; they aim at the tricky parts of
CPython 3.11's compiler: jump threading, line numbers, exception tables, constant
folding, dead code, `while True`, empty-ish bodies, many locals/constants
(EXTENDED_ARG), long jumps, closures, classes.
"""
import os
import random
import sys

MODULES = ["threading", "time", "sys", "multiprocessing"]
ATTRS = ["x", "y", "value", "count", "append", "get", "items", "lock", "data", "n"]
FUNCS = ["print", "len", "range", "min", "max", "abs", "str", "int", "list", "isinstance", "sorted"]
EXC = ["ValueError", "KeyError", "TypeError", "Exception", "RuntimeError", "IndexError"]
BINOPS = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"]
CMPOPS = ["<", "<=", ">", ">=", "==", "!=", "is", "is not", "in", "not in"]
AUGOPS = ["+=", "-=", "*=", "//=", "%=", "|=", "&=", "^=", "<<=", ">>=", "/=", "**="]


class Scope:
    def __init__(self, kind, names, parent=None):
        self.kind = kind            # 'module', 'func', 'class'
        self.names = list(names)    # names known bound here
        self.parent = parent


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.lines = []
        self.ind = 0
        self.budget = self.r.randint(20, 140)   # statement budget
        self.scope = Scope("module", ["a", "b", "c"])
        self.loop = 0          # loop depth (for break/continue)
        self.in_func = False
        self.counter = 0
        self.big = self.r.random() < 0.08      # occasionally huge functions
        # FUZZ_AVOID_KNOWN=1: no code objects (lambda/comprehension/def/class) inside
        # finally blocks, to look past the known constant-dedup mismatch.
        self.avoid_known = os.environ.get("FUZZ_AVOID_KNOWN") == "1"
        self.in_finally = 0

    # ---------------------------------------------------------------- helpers
    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    def emit(self, s):
        self.lines.append("    " * self.ind + s)
        self.budget -= 1

    def fresh(self, prefix="v"):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def visible_names(self):
        out = []
        s = self.scope
        while s is not None:
            if s.kind != "class" or s is self.scope:
                out.extend(s.names)
            s = s.parent
        return out or ["a"]

    def name(self):
        if self.chance(0.1):
            return self.pick(["print", "len", "range", "self", "x", "undefined_name", "threading"])
        return self.pick(self.visible_names())

    def target_name(self):
        if self.chance(0.4) and self.scope.names:
            return self.pick(self.scope.names)
        n = self.fresh("v" if self.scope.kind != "module" else "g")
        self.scope.names.append(n)
        return n

    # ------------------------------------------------------------ expressions
    def int_lit(self):
        k = self.r.random()
        if k < 0.5:
            return str(self.r.randint(0, 10))
        if k < 0.7:
            return str(self.r.randint(-300, 300))
        if k < 0.8:
            return str(self.r.randint(0, 2**70))
        if k < 0.85:
            return self.pick(["0x1F", "0o17", "0b101", "1_000_000", "2**64", "-1", "10**20"])
        return str(self.r.randint(255, 70000))

    def const(self):
        k = self.r.random()
        if k < 0.4:
            return self.int_lit()
        if k < 0.5:
            return self.pick(["1.5", "0.0", "-2.25", "1e10", "3.14", "1e300", "2.5e-3", "float('nan')"]) if self.chance(0.9) else "1.0"
        if k < 0.7:
            return repr(self.pick(["", "a", "hello", "x y", "it's", 'q"uote', "\n", "\u00e9", "long string " * 3]))
        if k < 0.8:
            return self.pick(["True", "False", "None"])
        if k < 0.9:
            n = self.r.randint(0, 3)
            return "(" + ", ".join(self.const() for _ in range(n)) + ("," if n == 1 or (n and self.chance(0.5)) else "") + ")"
        return "..."

    def fstring(self, d):
        parts = []
        for _ in range(self.r.randint(1, 3)):
            if self.chance(0.5):
                parts.append(self.pick(["a", "b ", "=", " x:", "{{", "}}"]))
            else:
                e = self.pick([self.name(), self.int_lit(), self.name() + "." + self.pick(ATTRS), self.name() + "[0]", "(" + self.name() + " + 1)", "len(" + self.name() + ")"])
                conv = self.pick(["", "", "!r", "!s", "!a"])
                spec = self.pick(["", "", ":>10", ":.2f", ":{w}"]) if True else ""
                if spec == ":{w}":
                    spec = ":{" + self.name() + "}"
                parts.append("{" + e + conv + spec + "}")
        q = self.pick(["'", '"'])
        body = "".join(parts).replace(q, "")
        return "f" + q + body + q

    def atom(self, d):
        k = self.r.random()
        if k < 0.45:
            return self.name()
        if k < 0.85:
            return self.const()
        if k < 0.92:
            return self.fstring(d)
        return "(" + self.const() + ")"

    def expr(self, d=0, simple=False):
        if d > 4 or (simple and self.chance(0.6)) or self.chance(0.25 + 0.1 * d):
            return self.atom(d)
        k = self.r.randint(0, 23)
        if self.avoid_known and self.in_finally and k in (18, 19, 20):
            k = 0
        e = lambda: self.expr(d + 1, simple)
        if k in (0, 1, 2):
            op = self.binop()
            if self.avoid_known and op in ("**", "<<"):   # known: 0 ** huge not folded
                return f"({e()} {op} {self.r.randint(0, 40)})"
            if self.chance(0.08):
                return f"({e()}\n {op} {e()})"
            return f"({e()} {op} {e()})"
        if k == 3:   # constant-foldable
            c1, c2 = self.int_lit(), self.int_lit()
            op = self.pick(["+", "-", "*", "//", "%", "<<", "**", "|", "&", "^"])
            if op in ("<<", "**"):
                c2 = str(self.r.randint(0, 70) if op == "<<" else self.r.randint(0, 40))
            return f"({c1} {op} {c2})"
        if k == 4:
            return f"({self.pick(['-', '+', '~', 'not '])}{e()})"
        if k in (5, 6):
            n = self.r.randint(1, 4)
            s = e()
            for _ in range(n):
                s += f" {self.pick(CMPOPS)} {e()}"
            return f"({s})"
        if k in (7, 8):
            op = self.pick([" and ", " or "])
            items = [e() for _ in range(self.r.randint(2, 4))]
            if self.chance(0.3):
                items[1] = f"({e()}{self.pick([' and ', ' or '])}{e()})"
            return "(" + op.join(items) + ")"
        if k == 9:
            return f"({e()} if {self.cond(d + 1)} else {e()})"
        if k in (10, 11):
            return self.call(d)
        if k == 12:
            return f"{self.atom_expr(d)}.{self.pick(ATTRS)}"
        if k == 13:
            return f"{self.atom_expr(d)}[{e()}]"
        if k == 14:
            lo = e() if self.chance(0.6) else ""
            hi = e() if self.chance(0.6) else ""
            st = (":" + e()) if self.chance(0.3) else ""
            return f"{self.atom_expr(d)}[{lo}:{hi}{st}]"
        if k == 15:
            return "[" + ", ".join(("*" if self.chance(0.1) else "") + e() for _ in range(self.r.randint(0, 4))) + "]"
        if k == 16:
            n = self.r.randint(0, 3)
            return "(" + ", ".join(e() for _ in range(n)) + ("," if n == 1 or (n and self.chance(0.3)) else "") + ")"
        if k == 17:
            items = []
            for _ in range(self.r.randint(0, 4)):
                if self.chance(0.1):
                    items.append("**" + self.name())
                else:
                    items.append(f"{self.pick([self.const(), self.name()])}: {e()}")
            return "{" + ", ".join(items) + "}"
        if k == 18:
            v = self.pick(["i", "j", "k", "_"])
            cond = f" if {self.expr(d + 2)}" if self.chance(0.4) else ""
            extra = f" for w in {self.name()}" if self.chance(0.2) else ""
            return f"[{self.expr(d + 2)} for {v} in {self.expr(d + 2)}{cond}{extra}]"
        if k == 19:
            v = self.pick(["i", "k"])
            return f"{{{v}: {self.expr(d + 2)} for {v} in {self.expr(d + 2)}}}"
        if k == 20:
            params = self.pick(["", "x", "x, y", "x=1", "*a", "x, *, k=2", "**kw", "x, y=None, *r, **kw"])
            return f"(lambda {params}: {self.expr(d + 2)})"
        if k == 21:   # constant tuple / list membership (folding)
            c = ", ".join(self.const() for _ in range(self.r.randint(1, 4)))
            return f"({e()} {self.pick(['in', 'not in'])} {self.pick(['(' + c + ',)', '[' + c + ']'])})"
        if k == 22:
            op = self.binop()
            if self.avoid_known and op in ("**", "<<"):
                return f"({self.const()} {op} {self.r.randint(0, 40)})"
            return f"({self.const()} {op} {self.const()})"
        return self.call(d)

    def binop(self):
        op = self.pick(BINOPS)
        if self.avoid_known and op == "/":   # known: big-int true division not folded
            op = "//"
        return op

    def atom_expr(self, d):
        if self.chance(0.7):
            return self.name()
        return self.pick([self.call(d + 1), f"({self.expr(d + 1)})", self.pick(MODULES) + ".x", "[1, 2, 3]", "'abc'"])

    def call(self, d):
        f = self.pick([self.name(), self.pick(FUNCS), self.pick(FUNCS), f"{self.name()}.{self.pick(ATTRS)}",
                       "threading.Thread", "time.sleep", "sys.exit"])
        args = []
        for _ in range(self.r.randint(0, 3)):
            args.append(self.expr(d + 1))
        if self.chance(0.1):
            args.append("*" + self.name())
        if self.chance(0.1) and args:
            args.append(self.expr(d + 1))
        kws = set()
        for _ in range(self.r.randint(0, 2) if self.chance(0.3) else 0):
            k = self.pick(["key", "target", "args", "end", "sep", "default"])
            if k in kws:
                continue
            kws.add(k)
            args.append(f"{k}={self.expr(d + 1)}")
        if self.chance(0.08):
            args.append("**" + self.name())
        if args and self.chance(0.1):   # multi-line call: line-number tables
            return f"{f}(\n" + ",\n".join(args) + "\n)"
        return f"{f}({', '.join(args)})"

    def cond(self, d=0):
        k = self.r.random()
        if k < 0.15:
            return self.pick(["True", "False", "1", "0", "None", "not True", "x", "''", "(1, 2)", "()", "1 < 2"])
        if k < 0.4:
            items = [self.expr(d + 1) for _ in range(self.r.randint(2, 4))]
            ops = [self.pick([" and ", " or "]) for _ in items[1:]]
            s = items[0]
            for o, it in zip(ops, items[1:]):
                if self.chance(0.3):
                    it = "not " + it
                s += o + it
            return s
        if k < 0.55:
            return "not " + self.expr(d + 1)
        if k < 0.7:
            return f"{self.expr(d + 1)} {self.pick(CMPOPS)} {self.expr(d + 1)} {self.pick(CMPOPS)} {self.expr(d + 1)}"
        return self.expr(d)

    # -------------------------------------------------------------- targets
    def target(self):
        k = self.r.random()
        if k < 0.6:
            return self.target_name()
        if k < 0.7:
            return f"{self.name()}.{self.pick(ATTRS)}"
        if k < 0.8:
            return f"{self.name()}[{self.expr(2)}]"
        if k < 0.85:
            return f"{self.name()}[{self.expr(3)}:{self.expr(3)}]"
        n = self.r.randint(2, 4)
        ts = [self.target_name() for _ in range(n)]
        if self.chance(0.3):
            ts[self.r.randrange(n)] = "*" + self.target_name()
        if self.chance(0.2):
            ts[0] = f"{self.name()}.{self.pick(ATTRS)}"
        if self.chance(0.2):
            inner = [self.target_name() for _ in range(2)]
            ts[-1] = "(" + ", ".join(inner) + ")"
        s = ", ".join(ts)
        return self.pick([s, "(" + s + ")", "[" + s + "]"])

    # ------------------------------------------------------------ statements
    def block(self, n=None, allow_empty_pass=True):
        self.ind += 1
        start = len(self.lines)
        n = n if n is not None else self.r.randint(1, 4)
        for _ in range(n):
            if self.budget <= 0 and len(self.lines) > start:
                break
            self.stmt()
        if len(self.lines) == start:
            self.emit(self.pick(["pass", "...", "x = 1", "'doc'"]) if allow_empty_pass else "pass")
        self.ind -= 1

    def stmt(self):
        k = self.r.random()
        depth_ok = self.ind < 6
        if k < 0.25 or not depth_ok:
            return self.simple_stmt()
        choices = ["if", "if", "while", "whiletrue", "for", "for", "try", "try", "with", "def", "class", "dead"]
        c = self.pick(choices)
        if self.avoid_known and self.in_finally and c in ("def", "class"):
            c = "if"
        getattr(self, "s_" + c)()

    def simple_stmt(self):
        k = self.r.randint(0, 20)
        if k in (0, 1, 2, 3):
            t = self.target()
            if self.chance(0.15):
                self.emit(f"{t} = {self.target_name()} = {self.expr()}")
            else:
                self.emit(f"{t} = {self.expr()}")
        elif k == 4:
            self.emit(f"{self.pick([self.target_name(), self.name() + '.' + self.pick(ATTRS), self.name() + '[' + self.expr(2) + ']'])} {self.pick(AUGOPS)} {self.expr()}")
        elif k in (5, 6):
            self.emit(self.call(0))
        elif k == 7:
            self.emit(self.expr())
        elif k == 8 and self.loop:
            self.emit(self.pick(["break", "continue"]))
        elif k == 9 and self.in_func:
            self.emit(self.pick(["return", "return " + self.expr(), "return " + self.expr() + ", " + self.expr()]))
        elif k == 10:
            self.emit(self.pick([f"raise {self.pick(EXC)}", f"raise {self.pick(EXC)}({self.expr(2)})",
                                 f"raise {self.pick(EXC)}({self.expr(2)}) from {self.pick(['None', self.name(), 'e'])}",
                                 "raise"]))
        elif k == 11:
            self.emit(f"assert {self.cond()}" + (f", {self.expr(2)}" if self.chance(0.5) else ""))
        elif k == 12:
            self.emit("del " + ", ".join(self.pick([self.target_name(), f"{self.name()}.{self.pick(ATTRS)}",
                                                     f"{self.name()}[{self.expr(2)}]", f"{self.name()}[1:2]"]) for _ in range(self.r.randint(1, 2))))
        elif k == 13:
            self.emit(self.pick(["pass", "...", "None", "1", "'string stmt'", "x"]))
        elif k == 14:
            m = self.pick(MODULES)
            if self.chance(0.3):
                self.emit("from threading import " + self.pick(["Thread", "Lock", "Thread, Lock", "Lock as L"]))
            else:
                self.emit(f"import {m}" + (f" as {self.fresh('m')}" if self.chance(0.2) else ""))
        elif k == 15:
            self.emit(f"{self.name()}.{self.pick(ATTRS)}({self.expr(1)})")
        elif k == 16:   # if on one line / nested ifexp
            self.emit(f"{self.target_name()} = {self.expr(1)} if {self.cond(1)} else {self.expr(1)}")
        else:
            self.emit(f"{self.target_name()} = {self.expr()}")

    def s_if(self):
        self.emit(f"if {self.cond()}:")
        self.block()
        for _ in range(self.r.randint(0, 2)):
            self.emit(f"elif {self.cond()}:")
            self.block()
        if self.chance(0.4):
            self.emit("else:")
            self.block()

    def loop_body(self):
        self.loop += 1
        self.block()
        self.loop -= 1

    def s_while(self):
        self.in_finally += 1   # the condition is compiled twice, like a finally body
        c = self.cond()
        self.in_finally -= 1
        self.emit(f"while {c}:")
        self.loop_body()
        if self.chance(0.3):
            self.emit("else:")
            self.block()

    def s_whiletrue(self):
        self.emit(f"while {self.pick(['True', '1', 'not False', 'True'])}:")
        self.loop += 1
        self.ind += 1
        self.emit(f"if {self.cond()}:")
        self.ind += 1
        self.emit(self.pick(["break", "continue", "break"]))
        self.ind -= 1
        self.ind -= 1
        self.block()
        self.loop -= 1
        if self.chance(0.2):
            self.emit("else:")
            self.block()

    def s_for(self):
        t = self.pick([self.target_name(), f"{self.target_name()}, {self.target_name()}", "i", "_"])
        it = self.pick([f"range({self.expr(2)})", self.expr(1), f"{self.name()}.items()", "[1, 2, 3]", "(1, 2)"])
        self.emit(f"for {t} in {it}:")
        self.loop_body()
        if self.chance(0.3):
            self.emit("else:")
            self.block()

    def s_try(self):
        self.emit("try:")
        self.block()
        n = self.r.randint(0, 3)
        has_bare = False
        for i in range(n):
            k = self.r.random()
            if k < 0.2 and i == n - 1:
                self.emit("except:")
                has_bare = True
            elif k < 0.5:
                self.emit(f"except {self.pick(EXC)}:")
            elif k < 0.7:
                self.emit(f"except ({self.pick(EXC)}, {self.pick(EXC)}) as e:")
            else:
                self.emit(f"except {self.pick(EXC)} as {self.pick(['e', 'err', 'exc'])}:")
            self.block()
        if n and self.chance(0.3):
            self.emit("else:")
            self.block()
        if n == 0 or self.chance(0.4):
            self.emit("finally:")
            self.in_finally += 1
            self.block()
            self.in_finally -= 1

    def s_with(self):
        items = []
        for _ in range(self.r.randint(1, 3)):
            cm = self.pick([self.name(), "lock", f"open({self.expr(2)})", f"{self.name()}.{self.pick(ATTRS)}", self.call(2)])
            if self.chance(0.5):
                cm += " as " + self.pick([self.target_name(), f"({self.target_name()}, {self.target_name()})", f"{self.name()}.x"])
            items.append(cm)
        self.emit(f"with {', '.join(items)}:")
        self.block()

    def s_dead(self):
        # code after return/raise/break/continue
        if self.loop and self.chance(0.5):
            self.emit(self.pick(["break", "continue"]))
        elif self.in_func and self.chance(0.6):
            self.emit("return " + self.expr(2))
        else:
            self.emit(f"raise {self.pick(EXC)}")
        for _ in range(self.r.randint(1, 2)):
            self.simple_stmt()

    def s_def(self, method=False):
        name = self.fresh("f")
        self.scope.names.append(name)
        for _ in range(self.r.randint(0, 2) if self.chance(0.3) else 0):
            self.emit("@" + self.pick(["property", self.name(), f"{self.name()}.setter", f"{self.name()}({self.expr(2)})"]))
        params = ["self"] if method else []
        pnames = list(params)
        for _ in range(self.r.randint(0, 4)):
            p = self.fresh("p")
            pnames.append(p)
            params.append(p)
        ndef = self.r.randint(0, len(params)) if self.chance(0.4) else 0
        for i in range(len(params) - ndef, len(params)):
            if not (method and i == 0):
                params[i] += "=" + self.expr(2)
        if self.chance(0.2):
            s = self.fresh("args")
            pnames.append(s)
            params.append("*" + s)
            if self.chance(0.6):
                kw = self.fresh("kw")
                pnames.append(kw)
                params.append(kw + ("=" + self.const() if self.chance(0.5) else ""))
        elif self.chance(0.1):
            kw = self.fresh("kw")
            pnames.append(kw)
            params.append("*")
            params.append(kw + "=" + self.const())
        if self.chance(0.15):
            k = self.fresh("kwargs")
            pnames.append(k)
            params.append("**" + k)
        self.emit(f"def {name}({', '.join(params)}):")
        outer_scope, outer_loop, outer_in = self.scope, self.loop, self.in_func
        self.scope = Scope("func", pnames, outer_scope)
        self.loop, self.in_func = 0, True
        self.ind += 1
        if self.chance(0.3):
            self.emit(repr("docstring " + name))
        if self.chance(0.2):
            # global declaration of a module name
            g = self.pick(["a", "b", "c", "gcount"])
            self.emit(f"global {g}")
            self.scope.names.append(g)
        if outer_scope.kind == "func" and self.chance(0.35):
            cand = [n for n in outer_scope.names if n not in pnames]
            if cand:
                v = self.pick(cand)
                self.emit(f"nonlocal {v}")
                self.scope.names.append(v)
        if self.big and self.chance(0.5):
            # many locals / constants -> EXTENDED_ARG
            n = self.r.randint(200, 320)
            for i in range(n):
                self.lines.append("    " * self.ind + f"l{i} = {self.r.randint(1000, 10**6) if self.chance(0.8) else repr('s' + str(i))}")
            self.lines.append("    " * self.ind + "t = " + " + ".join(f"l{i}" for i in range(0, n, 7)))
            self.scope.names.append("t")
        self.ind -= 1
        self.block(self.r.randint(1, 6))
        self.scope, self.loop, self.in_func = outer_scope, outer_loop, outer_in
        if self.chance(0.3) and self.scope.kind != "class":
            self.emit(f"{name}({self.expr(2)})")

    def s_class(self):
        name = "C" + str(self.counter)
        self.counter += 1
        self.scope.names.append(name)
        if self.chance(0.2):
            self.emit(f"@{self.name()}")
        bases = self.pick(["", "()", "(object)", f"({self.name()})", "(Exception)", "(threading.Thread)", f"({self.name()}, metaclass=type)"])
        self.emit(f"class {name}{bases}:")
        outer_scope, outer_loop, outer_in = self.scope, self.loop, self.in_func
        self.scope = Scope("class", [], outer_scope)
        self.loop, self.in_func = 0, False
        self.ind += 1
        start = len(self.lines)
        if self.chance(0.3):
            self.emit(repr("class doc"))
        for _ in range(self.r.randint(0, 4)):
            k = self.r.random()
            if k < 0.6:
                self.s_def(method=True)
            elif k < 0.7:
                self.emit("@property")
                self.s_def(method=True)
            else:
                self.simple_stmt()
        if len(self.lines) == start:
            self.emit("pass")
        self.ind -= 1
        self.scope, self.loop, self.in_func = outer_scope, outer_loop, outer_in

    def program(self):
        if self.chance(0.3):
            self.emit(repr("module docstring"))
        if self.chance(0.3):
            self.emit("import threading")
        if self.big and self.chance(0.5):
            n = self.r.randint(256, 400)
            self.emit("big = [" + ", ".join(str(1000 + i) for i in range(n)) + "]")
        while self.budget > 0:
            self.stmt()
        if self.chance(0.4):
            self.emit("if __name__ == '__main__':")
            self.ind += 1
            self.emit(self.call(0))
            self.ind -= 1
        return "\n".join(self.lines) + "\n"


def generate(seed):
    return Gen(seed).program()


def main(argv):
    if argv[1:2] == ["--batch"]:
        import os
        n, seed, d = int(argv[2]), int(argv[3]), argv[4]
        os.makedirs(d, exist_ok=True)
        for k in range(n):
            with open(os.path.join(d, f"p{seed + k}.py"), "w") as f:
                f.write(generate(seed + k))
        return 0
    seed = int(argv[1]) if len(argv) > 1 else 0
    src = generate(seed)
    if len(argv) > 2:
        with open(argv[2], "w") as f:
            f.write(src)
    else:
        sys.stdout.write(src)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
