#!/usr/bin/env python3.11
"""Differential fuzzer for `gilsim run` against python3.11.

Generates seeded, RUNNABLE, deterministic programs in gilsim's supported subset
(arithmetic with big ints and negative floor division/modulo, float formatting,
string/list/dict methods and their error cases, class hierarchies with dunders,
closures, exceptions through functions and finally blocks, sorted with keys,
f-string format specs, threads whose output does not depend on the schedule,
sys.getrefcount of run-time objects, and endings in an uncaught exception or
sys.exit), runs each one under python3.11 and under `build/gilsim run`, and
compares stdout, the exit status and stderr (tracebacks with their carets).  A subset is also
run with `gilsim run --audit`, which must print the same stdout; an "internal
error" on gilsim's stderr is always a bug.  Failing programs are kept in
/tmp/run_fuzz/.

Usage:
  run_fuzz.py N [--seed S] [--jobs J] [--audit-every K] [--timeout T]
              [--avoid FEATURE,...] [--avoid-known | --avoid-all-known]
              [--out DIR] [--time-limit SECONDS]
  run_fuzz.py --gen SEED [--avoid ...]      print one program and exit

Features that --avoid can switch off (to look past a known bug): see FEATURES.
--avoid-known switches off what hits the bugs still open (KNOWN_OPEN), so a run
looks for new ones. Each failing program is kept as DIR/fail_SEED.py with
DIR/fail_SEED.txt (what differs, and a unified diff of the two stdouts); the
summary groups them by their first difference.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GILSIM = os.environ.get("GILSIM", os.path.join(ROOT, "build", "gilsim"))
PYTHON = os.environ.get("PYTHON", "python3.11")

FEATURES = [
    "arith", "floatfmt", "strings", "lists", "dicts", "tuples", "classes",
    "closures", "exceptions", "functions", "sorting", "builtins", "threads",
    "refcount", "ending", "tuplehash", "strrepr", "unicode", "bigshift",
    "fmtspec_weird", "calls_err", "with_cm", "iterproto",
]

# Bugs already found (tests/programs/fuzz_*.py): `--avoid-known` drops the lines that
# hit them (regular expressions over generated lines) or changes the generator (the
# names used with self.ok), so that a run looks past them.
KNOWN_LINES = {
    "delattr_msg": r"del \w+\.(nope|tag)$",
    "strmul_msg": r"'a' \* 'b'|lambda t: t \* t",
    "keys_eq": r"\.keys\(\) == ",
    "unhashable": r"\[\[1\]\]|\.get\(\[1\]\)|\{\}\[\[\]\]",
    "round_neg": r"\bround\(",
    "pow_inverse": r"pow\(.*, -\d+, ",
    "bigdiv": r"show\('L\d+', lambda: \(\S+ / \S+\)\)$",
    "divmod_msg": r"divmod\([^,]+, (0|[a-z]\w*)\)",
    "zip_strict": r"strict=True",
    "fromkeys": r"fromkeys",
    "kwdup_msg": r"\*\*\{'d': 1\}, \*\*\{'d': 2\}",
    "sort_reverse": r"reverse=True",
    "getitem_iter": r"lambda: \(list\(o\d+\)\)",
    "range0": r"range\(1, 2, 0\)",
    "maxkey": r"(max|min)\(.*key=",
    "sum_iter": r"sum\(It\d+|sum\(\[o\d+",
    "mapfilter": r"(map|filter)\(lambda",
    "max_user_lt": r"(max|min)\(\[?o\d+",
    "endswith_start": r"(starts|ends)with\(.*, \d+\)",
    "pow_zero_negmod": r"pow\(.*, 0, -",
    "dict_unhashable": r"dict\(zip\(",
    "divmod_zero": r"divmod\(.*, -?0\.0\)",
}
KNOWN_LINES["mixed_sort"] = r"\.append\(\[|\+ \['a'\]|setdefault\('lst'|\] = \[-?\d+\]$"
KNOWN_GEN = ["fmt_known", "fmt_open", "leaf_lt", "custom_exc", "unicode", "tuplehash"]
FEATURES += list(KNOWN_LINES) + ["fmt_known", "fmt_open", "leaf_lt", "custom_exc"]
# The subset of the above still open (tests/fuzz/open/): what --avoid-known avoids.
# The rest were fixed; --avoid-all-known avoids every one of them.
KNOWN_OPEN = []

WORDS = ["apple", "Banana", "cherry", "date", "elder", "fig", "grape", "kiwi",
         "lemon", "mango", "nut", "olive", "pear", "quince", "rasp", "A", "b",
         "", " ", "x y", "a,b,,c", "  padded  ", "MiXeD CaSe", "42", "-7", "3.5",
         "tab\there", "line1\nline2\n", "a-b-c", "__init__", "hello world"]
UWORDS = ["é", "naïve", "中文", "ß", "Ωmega", "\u200b", "\x7f", "\x00z", "e\u0301"]


def sq(s):
    """A Python string literal for s."""
    return repr(s)


class Gen:
    def __init__(self, seed, avoid=()):
        self.seed = seed
        self.r = random.Random(seed)
        self.avoid = set(avoid)
        self.n = 0
        self.out = []

    # ------------------------------------------------------------ helpers
    def ok(self, feat):
        return feat not in self.avoid

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    def fresh(self, p="v"):
        self.n += 1
        return f"{p}{self.n}"

    def lbl(self):
        self.n += 1
        return f"L{self.n}"

    def lit_int(self, kind=None):
        r = self.r
        kind = kind or r.choice(["small", "small", "small", "med", "big", "edge"])
        if kind == "small":
            return r.randint(-20, 20)
        if kind == "med":
            return r.randint(-10**6, 10**6)
        if kind == "big":
            return r.choice([1, -1]) * r.randint(10**15, 10**r.randint(18, 45))
        return r.choice([2**31, -2**31, 2**31 - 1, 2**63 - 1, -2**63, 2**64, 2**30,
                         -2**30 - 1, 10**20, -10**19, 2**62, 1 << 100, -(1 << 64) + 1,
                         0, 1, -1])

    def lit_float(self):
        r = self.r
        if self.chance(0.4):
            return r.choice([0.1, 0.2, 0.5, 1.5, 2.5, -0.0, 1e16, 1e-7, 123456789.123,
                             3.0, -2.75, 1e300, 1.7976931348623157e308, 5e-324, 0.3,
                             1e22, 1e23, 9007199254740993.0, 0.1 + 0.2, 2.675, 1.005,
                             -1e-5, 100.0, 1e15, 1e17, 12345.6789])
        return round(r.uniform(-1e4, 1e4), r.randint(0, 8))

    def lit_num(self):
        return self.lit_int() if self.chance(0.65) else self.lit_float()

    def lit_str(self):
        if self.ok("unicode") and self.chance(0.08):
            return self.pick(UWORDS) + self.pick(WORDS)
        s = self.pick(WORDS)
        if self.chance(0.3):
            s = s + self.pick(["", " ", ",", "-"]) + self.pick(WORDS)
        return s

    def lit_list(self, n=None):
        n = self.r.randint(0, 7) if n is None else n
        return [self.r.randint(-9, 20) for _ in range(n)]

    # show(label, thunk) prints either repr(result) or the exception
    PRELUDE = [
        "def show(label, f):",
        "    try:",
        "        r = repr(f())",
        "    except Exception as e:",
        "        print(label, '!', type(e).__name__, e)",
        "    else:",
        "        print(label, r)",
        "def ident(x):",
        "    return x",
        "",
    ]

    def show(self, expr):
        return f"show({sq(self.lbl())}, lambda: ({expr}))"

    def inline_try(self, stmts, catch="Exception"):
        """Run statements with an inline try/except printing the error."""
        lab = self.lbl()
        out = ["try:"]
        out += ["    " + s for s in stmts]
        out += [f"except {catch} as e:",
                f"    print({sq(lab)}, 'caught', type(e).__name__, str(e))",
                "else:",
                f"    print({sq(lab)}, 'ok')"]
        return out

    # ------------------------------------------------------------ sections
    def sec_arith(self):
        r = self.r
        L = []
        a, b, c = self.fresh("a"), self.fresh("b"), self.fresh("c")
        L.append(f"{a} = {self.lit_int()!r}")
        L.append(f"{b} = {self.lit_int()!r}")
        L.append(f"{c} = {self.lit_num()!r}")
        names = [a, b, c]
        for _ in range(r.randint(5, 14)):
            op = self.pick(["+", "-", "*", "//", "%", "//", "%", "/", "**", "<<", ">>",
                            "&", "|", "^", "divmod", "pow3", "cmp", "unary", "round",
                            "abs", "bitlen", "conv"])
            x = self.pick(names) if self.chance(0.5) else repr(self.lit_num())
            y = self.pick(names) if self.chance(0.4) else repr(self.lit_int()
                                                             if self.chance(0.7) else self.lit_float())
            if op == "**":
                y = str(r.randint(-3, 12 if self.chance(0.8) else 70))
                if self.chance(0.3):
                    x = repr(r.randint(-5, 5))
                L.append(self.show(f"{x} ** {y}"))
            elif op in ("<<", ">>"):
                if not self.ok("bigshift"):
                    y = str(r.randint(0, 60))
                else:
                    y = str(r.randint(-2, 130))
                x = self.pick([a, b, repr(self.lit_int())])
                L.append(self.show(f"{x} {op} {y}"))
            elif op in ("&", "|", "^"):
                x = self.pick([a, b, repr(self.lit_int())])
                y = self.pick([a, b, repr(self.lit_int())])
                L.append(self.show(f"{x} {op} {y}"))
            elif op == "divmod":
                L.append(self.show(f"divmod({x}, {y})"))
            elif op == "pow3":
                m = self.pick([7, 13, 10**9 + 7, -5, 0, 2**61 - 1])
                e = r.randint(-2, 200)
                L.append(self.show(f"pow({self.pick([a, b, repr(self.lit_int())])}, {e}, {m})"))
            elif op == "cmp":
                o1, o2 = self.pick(["<", "<=", "==", "!=", ">", ">="]), self.pick(["<", "<=", "==", "!="])
                L.append(self.show(f"({x} {o1} {y}, {x} {o1} {y} {o2} {c})"))
            elif op == "unary":
                L.append(self.show(f"(-{x}, +{x}, not {x})"))
                L.append(self.show(f"~{self.pick([a, b])}"))
            elif op == "round":
                L.append(self.show(f"round({x}, {r.randint(-3, 4)})"))
                L.append(self.show(f"round({self.lit_float()!r})"))
            elif op == "abs":
                L.append(self.show(f"abs({x})"))
            elif op == "bitlen":
                L.append(self.show(f"({self.pick([a, b])}).bit_length()"))
                L.append(self.show(f"(hex({a}), oct({b}), bin({self.r.randint(-300, 300)}))"))
            elif op == "conv":
                L.append(self.show(f"(int({x}), float({y}), str({x}), bool({y}))"))
                L.append(self.show(f"int({sq(str(self.lit_int()))}, {self.pick([0, 10, 16, 8, 2, 36])})"))
            else:
                L.append(self.show(f"{x} {op} {y}"))
        # augmented assignment chain
        v = self.fresh("acc")
        L.append(f"{v} = {self.lit_int()!r}")
        for _ in range(r.randint(2, 6)):
            op = self.pick(["+=", "-=", "*=", "//=", "%=", "|=", "^=", "&="])
            rhs = self.lit_int("small") if op not in ("//=", "%=") else self.pick([3, -3, 7, -7, 10**12 + 1])
            L.append(f"{v} {op} {rhs!r}")
            L.append(f"print({sq(v)}, {v})")
        if self.chance(0.5):
            L += self.inline_try([f"print({a} // 0)"], "ZeroDivisionError")
            L += self.inline_try([f"print({self.lit_float()!r} % 0)"], "ZeroDivisionError")
            L += self.inline_try(["print(0 ** -1)"], "ZeroDivisionError")
        if self.chance(0.3):
            k = self.fresh("f")
            L += [f"{k} = 1",
                  f"for i in range(1, {r.randint(20, 60)}):",
                  f"    {k} *= i",
                  f"print({k}, {k} % 1000003, {k} // 7**20, len(str({k})))"]
        if self.chance(0.3):
            L.append(self.show(f"{self.lit_int('big')!r} / {self.lit_int()!r}"))
            L.append(self.show(f"float({10**self.r.randint(300, 320)})"))
            L.append(self.show(f"{self.lit_int('big')!r} * {self.lit_float()!r}"))
        return L

    def fmt_spec(self, kind):
        r = self.r
        fill = self.pick(["", "", "*", "0", "-", "#"]) if self.chance(0.4) else ""
        align = self.pick(["", "<", ">", "^", "="]) if fill or self.chance(0.4) else ""
        if fill and not align:
            align = self.pick(["<", ">", "^"])
        sign = self.pick(["", "", "+", "-", " "])
        alt = "#" if self.chance(0.1) else ""
        zero = "0" if (self.chance(0.15) and not fill) else ""
        width = str(r.randint(1, 16)) if self.chance(0.6) else ""
        grouping = self.pick(["", "", "", ",", "_"])
        if kind == "f":
            prec = "." + str(r.randint(0, 8)) if self.chance(0.7) else ""
            typ = self.pick(["f", "e", "g", "%", "", "F", "E", "G"])
        elif kind == "i":
            prec = ""
            typ = self.pick(["d", "x", "X", "o", "b", "", "", "c" if self.ok("fmtspec_weird") else ""])
            if typ == "c":
                grouping = ""
                sign = ""
        else:
            prec = "." + str(r.randint(0, 5)) if self.chance(0.3) else ""
            typ = self.pick(["", "s"])
            sign = "" if self.ok("fmtspec_weird") or True else sign
            grouping = ""
            zero = ""
            if align == "=" and not self.ok("fmtspec_weird"):
                align = "<"
        if not self.ok("fmtspec_weird"):
            if typ in ("x", "X", "o", "b") and grouping == ",":
                grouping = "_"
            if kind == "f" and typ in ("", "g", "G") and alt:
                alt = ""
        if not self.ok("fmt_open"):
            if kind == "f" and typ == "" and (prec or alt):
                typ = "g"
                alt = ""
            if grouping and (zero or fill == "0"):
                grouping = ""
            if typ == "c":
                typ = "d"
        if not self.ok("fmt_known"):
            if typ in ("x", "X", "o", "b", "c", "e", "E", "g", "G", "") or zero:
                grouping = ""
            if typ == "c":
                typ = "d"
            if kind == "f" and typ == "" and prec:
                typ = "g"
            if align and zero and not fill:
                zero = ""
            if kind == "s":
                alt = ""
                if align == "=":
                    align = "<"
            if alt and prec in (".0", ""):
                alt = ""
        return f"{fill}{align}{sign}{alt}{zero}{width}{grouping}{prec}{typ}"

    def sec_floatfmt(self):
        L = []
        for _ in range(self.r.randint(4, 12)):
            which = self.pick(["f", "f", "i", "s"])
            if which == "f":
                v = repr(self.lit_float())
                if self.chance(0.2):
                    v = self.pick(['float("inf")', 'float("-inf")', 'float("nan")',
                                   "1/3", "2/3", "10/4", "-7/2", "1e16 + 1", "0.1 * 3"])
            elif which == "i":
                v = repr(self.lit_int())
                if self.chance(0.2):
                    v = str(self.r.randint(32, 126))
            else:
                v = sq(self.lit_str())
            spec = self.fmt_spec(which)
            x = self.fresh("x")
            L.append(f"{x} = {v}")
            form = self.pick(["fstr", "format", "method"])
            if form == "fstr":
                L.append(self.show(f"f'[{{{x}:{spec}}}]'"))
            elif form == "format":
                L.append(self.show(f"format({x}, {sq(spec)})"))
            else:
                L.append(self.show(f"'[{{0:{spec}}}|{{1}}]'.format({x}, {x})"))
            if which == "f":
                L.append(self.show(f"(str({x}), repr({x}), {x} == int({x}) if {x} == {x} and abs({x}) != float('inf') else None)"))
                if self.chance(0.3):
                    L.append(self.show(f"({x}).is_integer()"))
            if self.chance(0.3):
                L.append(f"print(f'{{{x}!r:>12}}|{{{x}!s}}|{{{x}}}')")
        if self.chance(0.4):
            w = self.r.randint(3, 9)
            L.append(f"for i, v in enumerate([1.5, -2.25, 1e-3, 12345.678, 0.0]):")
            L.append(f"    print(f'{{i:>{w}}} {{v:{w}.2f}} {{v:<{w}.1e}}|{{v!r}}')")
        return L

    def sec_strings(self):
        r = self.r
        L = []
        s = self.fresh("s")
        L.append(f"{s} = {sq(self.lit_str())}")
        for _ in range(r.randint(6, 16)):
            w = sq(self.pick(WORDS[:16]) if self.chance(0.5) else self.pick([",", " ", "a", "an", "-", "", "e", "ll"]))
            m = self.pick([
                f"{s}.split()", f"{s}.split({w})", f"{s}.split({w}, {r.randint(-1, 3)})",
                f"{s}.rsplit({w}, {r.randint(0, 2)})", f"{s}.strip()", f"{s}.strip({w})",
                f"{s}.lstrip({w})", f"{s}.rstrip()", f"{s}.replace({w}, {sq(self.lit_str())})",
                f"{s}.replace({w}, '', {r.randint(-1, 2)})",
                f"{s}.find({w})", f"{s}.rfind({w})", f"{s}.index({w})", f"{s}.rindex({w})",
                f"{s}.count({w})", f"{s}.startswith({w})", f"{s}.endswith(({w}, 'e'))",
                f"{s}.upper()", f"{s}.lower()", f"{s}.title()", f"{s}.capitalize()",
                f"{s}.center({r.randint(0, 20)}, {sq(self.pick('*-. '))})",
                f"{s}.ljust({r.randint(0, 15)})", f"{s}.rjust({r.randint(0, 15)}, '0')",
                f"{s}.zfill({r.randint(0, 12)})", f"{s}.partition({w})", f"{s}.rpartition({w})",
                f"{w}.join([{s}, {sq(self.lit_str())}, {s}])", f"{s}.splitlines()",
                f"({s}.isdigit(), {s}.isalpha(), {s}.isalnum(), {s}.isspace(), {s}.isupper(), {s}.islower())",
                f"{s}[{r.randint(-8, 8)}]", f"{s}[{r.randint(-8, 8)}:{r.randint(-8, 12)}]",
                f"{s}[::{self.pick([-1, 2, -2, 3, 0])}]", f"{s}[{r.randint(-5, 5)}::{self.pick([1, -1, 2])}]",
                f"{s} * {r.randint(-1, 3)}", f"{s} + {w}", f"{w} in {s}", f"({s} < {w}, {s} >= {w})",
                f"len({s})", f"[ord(ch) for ch in {s}[:4]]", f"chr({r.randint(32, 126)}) + {s}",
                f"int({s})", f"float({s})", f"{s}.index('zzz')", f"{s} + {r.randint(0, 9)}",
                f"{s}.split('')", f"str({self.lit_num()!r}) + {s}", f"repr({s})",
                f"{s}.format({r.randint(0, 9)})", f"'{{}}-{{}}'.format({s}, {w})",
                f"{s}.upper().lower().strip().split(' ')", f"sorted({s})", f"list(reversed({s}))",
                f"max({s}) if {s} else min({s})", f"{s}.count('')", f"{s}[{r.randint(-30, 30)}:]",
                f"{s}.endswith({w}, {r.randint(0, 3)})",
            ])
            L.append(self.show(m))
            if self.chance(0.25):
                L.append(f"{s} = {self.pick([f'{s}.upper()', f'{s} + {w}', f'{s}.strip()', f'{s}[1:]', f'{w}.join({s}.split())'])}")
                L.append(f"print(repr({s}))")
        if self.chance(0.5):
            acc = self.fresh("parts")
            L += [f"{acc} = []",
                  f"for i, ch in enumerate({sq(self.lit_str())} + {s}):",
                  f"    if ch.isalpha():",
                  f"        {acc}.append(ch.upper() if i % 2 else ch)",
                  f"    elif ch == ' ':",
                  f"        continue",
                  f"    else:",
                  f"        {acc}.append(str(i))",
                  f"print(''.join({acc}), len({acc}))"]
        if self.ok("strrepr") and self.chance(0.4):
            vals = [self.pick(["it's", 'say "hi"', "both ' and \"", "back\\slash", "nl\nx",
                               "tab\t", "\x01\x1f", "bell\a", "\r\n", "\\n"])
                    for _ in range(3)]
            if self.ok("unicode"):
                vals.append(self.pick(UWORDS))
            L.append(f"print({', '.join('repr(' + sq(v) + ')' for v in vals)})")
            L.append(f"print([{', '.join(sq(v) for v in vals)}])")
        return L

    def sec_lists(self):
        r = self.r
        L = []
        l = self.fresh("lst")
        L.append(f"{l} = {self.lit_list()!r}")
        for _ in range(r.randint(8, 20)):
            i = r.randint(-9, 9)
            v = r.randint(-9, 20)
            muts = [
                f"{l}.append({v})", f"{l}.extend({self.lit_list(3)!r})", f"{l}.insert({i}, {v})",
                f"{l}.remove({v})", f"{l}.sort()", f"{l}.sort(reverse=True)",
                f"{l}.sort(key=lambda t: (t % 3, -t))", f"{l}.reverse()", f"{l}[{i}] = {v}",
                f"del {l}[{i}]", f"del {l}[{i}:{r.randint(-3, 9)}]", f"{l} += [{v}]", f"{l} *= {r.randint(0, 2)}",
                f"{l}[{r.randint(0, 3)}:{r.randint(0, 5)}] = {self.lit_list(r.randint(0, 3))!r}",
                f"{l}[::2] = {self.lit_list(r.randint(0, 3))!r}", f"{l}.clear()" if self.chance(0.2) else f"{l}.append([{v}])",
                f"{l}.sort(key=str)", f"{l}.extend(range({r.randint(0, 4)}))",
            ]
            exprs = [
                f"{l}.pop()", f"{l}.pop({i})", f"{l}.index({v})",
                f"{l}.count({v})", f"{l}[{i}]", f"{l}[{i}:]", f"{l}[::-1]", f"{l}[::{self.pick([2, -2, 0, 3])}]",
                f"{l} * {r.randint(0, 2)}", f"{l} + {self.lit_list(2)!r}", f"sorted({l}, key=abs)",
                f"sorted({l}, key=lambda t: -t, reverse=True)", f"min({l})", f"max({l})", f"sum({l})",
                f"[x * 2 for x in {l} if x % 2 == 0]", f"list(enumerate({l}, {r.randint(-2, 3)}))",
                f"list(zip({l}, {l}[1:]))", f"list(map(lambda t: t * t, {l}))",
                f"list(filter(lambda t: t > 3, {l}))", f"(any({l}), all({l}))",
                f"list(reversed({l}))", f"{l}.copy()", f"{v} in {l}", f"({l} < {self.lit_list()!r}, {l} == {l}[:])",
                f"[[y for y in range(x)] for x in {l}[:3] if x > 0]", f"len({l})",
                f"sorted({l} + ['a'])", f"{l}.index({v}, 1)", f"{l} + ({v},)",
                f"[*{l}, *{self.lit_list(2)!r}]", f"{l}[{r.randint(10, 99)}]",
                f"max({l}, key=lambda t: (t % 5, t))", f"min({l}, default=None)",
                f"sum({l}, {r.randint(-5, 5)})", f"sum([0.1] * {r.randint(1, 12)})",
                f"[(a, b) for a in {l}[:3] for b in 'xy' if a != b]",
                f"list(range({r.randint(-5, 5)}, {r.randint(-5, 15)}, {self.pick([1, 2, -1, 3, -2])}))",
                f"list(range(10))[{r.randint(-12, 12)}:{r.randint(-12, 12)}:{self.pick([1, 2, -1, -3])}]",
                f"range({r.randint(-5, 5)}, {r.randint(-5, 15)})[{r.randint(-3, 3)}]",
                f"len(range(0, {r.randint(-50, 50)}, {self.pick([3, -3, 7])}))",
            ]
            if self.chance(0.5):
                L += self.inline_try([self.pick(muts), f"print({l})"], self.pick(["Exception", "(IndexError, ValueError)", "Exception"]))
            else:
                L.append(self.show(self.pick(exprs)))
        if self.chance(0.4):
            m = self.fresh("grid")
            n = r.randint(2, 4)
            L += [f"{m} = [[i * {n} + j for j in range({n})] for i in range({n})]",
                  f"print({m})",
                  f"print([[{m}[j][i] for j in range({n})] for i in range({n})])",
                  f"{m}[0][0] = -1",
                  f"print({m}, {m}[-1][-1], sum([sum(row) for row in {m}]))"]
            L.append(f"alias = [{m}[0]] * 2")
            L.append(f"alias[0].append('z')")
            L.append(f"print(alias, {m}[0])")
        return L

    def sec_dicts(self):
        r = self.r
        L = []
        d = self.fresh("d")
        keys = [self.pick(["a", "b", "c", "dd", "e", "key", "zz"]) for _ in range(r.randint(0, 5))]
        init = {k: r.randint(-5, 50) for k in keys}
        L.append(f"{d} = {init!r}")
        for _ in range(r.randint(8, 18)):
            k = sq(self.pick(["a", "b", "c", "dd", "e", "key", "zz", "q"]))
            v = r.randint(-5, 50)
            op = self.pick([
                f"{d}[{k}]", f"{d}.get({k})", f"{d}.get({k}, {v})", f"{d}.setdefault({k}, {v})",
                f"{d}.pop({k})", f"{d}.pop({k}, None)", f"{d}.popitem()", f"list({d}.keys())",
                f"list({d}.values())", f"list({d}.items())", f"{k} in {d}", f"len({d})",
                f"sorted({d})", f"sorted({d}, key={d}.get)" if False else f"sorted({d}.items(), key=lambda kv: (kv[1], kv[0]))",
                f"dict(zip({d}.values(), {d}.keys()))", f"{{k: v * 2 for k, v in {d}.items() if v % 2}}",
                f"{{**{d}, {k}: {v}}}", f"dict({d}, extra={v})", f"{d} == {d}.copy()",
                f"[k for k in {d}]", f"max({d}.values(), default=-1)", f"{d}.copy()",
                f"dict([({k}, 1), ('x', 2)])", f"{d}[{k}] + 1", f"{{(1, {v}): 'tup', None: 0, 2.5: 'f'}}",
                f"list({d}.items())[{r.randint(-3, 3)}]", f"{d}[[1]]", f"{d}.get([1])",
                f"dict.fromkeys('abc', {v})" if self.chance(0.3) else f"{d}.keys() == {d}.keys()",
                f"{{1: 'a', True: 'b', 1.0: 'c'}}",
            ])
            mut = self.pick([
                f"{d}[{k}] = {v}", f"del {d}[{k}]", f"{d}.update({{{k}: {v}}})",
                f"{d}.update(k{v % 3}={v})", f"{d}[{k}] += {v}", f"{d}.clear()" if self.chance(0.2) else f"{d}[{k}] = [{v}]",
                f"{d}.setdefault('lst', []).append({v})",
            ])
            if self.chance(0.5):
                L.append(self.show(op))
            else:
                L += self.inline_try([mut, f"print({d})"], self.pick(["KeyError", "Exception", "(KeyError, TypeError)"]))
        if self.chance(0.5):
            cnt = self.fresh("counts")
            text = " ".join(self.pick(["the", "cat", "sat", "on", "mat", "a", "The"]) for _ in range(r.randint(3, 14)))
            L += [f"{cnt} = {{}}",
                  f"for w in {sq(text)}.split():",
                  f"    {cnt}[w.lower()] = {cnt}.get(w.lower(), 0) + 1",
                  f"print({cnt})",
                  f"print(sorted({cnt}.items(), key=lambda kv: (-kv[1], kv[0])))",
                  f"for k in list({cnt}):",
                  f"    if {cnt}[k] == 1:",
                  f"        del {cnt}[k]",
                  f"print({cnt}, list({cnt}))"]
        if self.chance(0.3):
            L += self.inline_try([f"for k in {d}:", f"    {d}[k + 'x'] = 1"], "RuntimeError")
        return L

    def sec_tuples(self):
        r = self.r
        L = []
        t = self.fresh("t")
        items = [r.randint(-5, 9) for _ in range(r.randint(0, 5))]
        L.append(f"{t} = {tuple(items)!r}")
        for _ in range(r.randint(4, 10)):
            n = r.randint(1, 4)
            names = ", ".join(f"u{i}" for i in range(n))
            op = self.pick(["unpack", "star", "expr", "expr", "swap"])
            if op == "unpack":
                L += self.inline_try([f"{names}{',' if n == 1 else ''} = {t}", f"print({names})"], "ValueError")
            elif op == "star":
                L += self.inline_try([f"u0, *rest, u1 = {t}", "print(u0, rest, u1)"], "ValueError")
            elif op == "swap":
                L += ["p, q = 1, 2", "p, q = q, p + q", "print(p, q)",
                      "(p, q), z = (q, p), [p]", "print(p, q, z)"]
            else:
                e = self.pick([f"{t} + (1,)", f"{t} * 2", f"{t}[{r.randint(-6, 6)}]", f"{t}.count(1)",
                               f"{t}.index({r.randint(-2, 3)})", f"{t} < (0, 1)", f"len({t})", f"{t}[1:]",
                               f"tuple([{t}, {t}])", f"tuple('ab')", f"sorted({t}, reverse=True)",
                               f"({t} == tuple(list({t})), {t} is {t})", f"min({t}, default=0)",
                               f"hash({t})" if self.ok("tuplehash") else f"len({t}) * 2",
                               f"{t}[0] = 1" if False else f"list({t}) + [1]",
                               "(1,) + ()", "((), ((),), (1, (2, 3)))"])
                L.append(self.show(e))
        L += self.inline_try([f"{t}[0] = 5"], "TypeError")
        return L

    def sec_classes(self):
        r = self.r
        L = []
        B, D, E = self.fresh("Base"), self.fresh("Der"), self.fresh("Leaf")
        L += [f"class {B}:",
              f"    kind = {sq(self.pick(['base', 'root', 'b']))}",
              f"    count = 0",
              f"    def __init__(self, v, tag='x'):",
              f"        self.v = v",
              f"        self.tag = tag",
              f"        {B}.count += 1",
              f"    def __repr__(self):",
              f"        return f'{{type(self).__name__}}({{self.v!r}}, {{self.tag!r}})'",
              f"    def __eq__(self, other):",
              f"        if not isinstance(other, {B}):",
              f"            return NotImplemented",
              f"        return self.v == other.v",
              f"    def __lt__(self, other):",
              f"        return self.v < other.v",
              f"    def __add__(self, other):",
              f"        if isinstance(other, int):",
              f"            return type(self)(self.v + other, self.tag)",
              f"        if isinstance(other, {B}):",
              f"            return type(self)(self.v + other.v, self.tag + other.tag)",
              f"        return NotImplemented",
              f"    def __radd__(self, other):",
              f"        return self.__add__(other)",
              f"    def __len__(self):",
              f"        return abs(self.v) % 7",
              f"    def __getitem__(self, i):",
              f"        if i >= len(self):",
              f"            raise IndexError(i)",
              f"        return self.v * i",
              f"    def __bool__(self):",
              f"        return self.v != 0",
              f"    def __contains__(self, x):",
              f"        return x == self.v",
              f"    def __call__(self, *a, **k):",
              f"        return (self.v, a, sorted(k.items()))",
              f"    @property",
              f"    def double(self):",
              f"        return self.v * 2",
              f"    @double.setter",
              f"    def double(self, val):",
              f"        self.v = val // 2",
              f"    def describe(self):",
              f"        return 'base:' + str(self.v)",
              f"class {D}({B}):",
              f"    kind = 'der'",
              f"    def __init__(self, v, tag='d', extra=None):",
              f"        super().__init__(v, tag)",
              f"        self.extra = extra if extra is not None else []",
              f"    def describe(self):",
              f"        return 'der<' + super().describe() + '>'",
              f"    def __str__(self):",
              f"        return 'D' + str(self.v)",
              f"class {E}({D}):",
              f"    def describe(self):",
              f"        return 'leaf[' + {D}.describe(self) + ']'",
              ]
        if self.ok("leaf_lt"):
            L += [f"    def __lt__(self, other):",
                  f"        return self.v > other.v"]
        if self.ok("iterproto"):
            It = self.fresh("It")
            L += [f"class {It}:",
                  f"    def __init__(self, n):",
                  f"        self.i = 0",
                  f"        self.n = n",
                  f"    def __iter__(self):",
                  f"        return self",
                  f"    def __next__(self):",
                  f"        if self.i >= self.n:",
                  f"            raise StopIteration",
                  f"        self.i += 1",
                  f"        return self.i * self.i",
                  f"print(list({It}({r.randint(0, 6)})), sum({It}(4)), [x for x in {It}(3)])",
                  f"for q in {It}(2):",
                  f"    print('it', q)",
                  f"it = iter({It}(3))",
                  f"print(next(it), next(it), next(it), next(it, 'done'))"]
        objs = []
        for _ in range(r.randint(3, 6)):
            o = self.fresh("o")
            cls = self.pick([B, D, E])
            L.append(f"{o} = {cls}({r.randint(-9, 9)}{', ' + sq(self.pick(['p', 'q', 'r'])) if self.chance(0.5) else ''})")
            objs.append(o)
        for _ in range(r.randint(6, 16)):
            x, y = self.pick(objs), self.pick(objs)
            e = self.pick([
                f"repr({x})", f"str({x})", f"f'{{{x}}}|{{{x}!r}}'", f"{x} == {y}", f"{x} != {y}",
                f"{x} < {y}", f"{x} > {y}", f"{x} <= {y}", f"{x} + {y}", f"{x} + {r.randint(-3, 3)}",
                f"{r.randint(-3, 3)} + {x}", f"{x} - 1", f"len({x})", f"list({x})", f"{x}[{r.randint(0, 8)}]",
                f"bool({x})", f"{r.randint(-9, 9)} in {x}", f"{x}(1, 2, k={r.randint(0, 9)})",
                f"{x}.double", f"{x}.describe()", f"{x}.kind", f"type({x}).__name__",
                f"isinstance({x}, {D})", f"isinstance({x}, ({E}, int))", f"issubclass(type({x}), {B})",
                f"getattr({x}, 'extra', 'none')", f"hasattr({x}, 'extra')", f"{x}.missing",
                f"sorted([{', '.join(objs)}])", f"max([{', '.join(objs)}])", f"min({x}, {y})",
                f"[o.v for o in sorted([{', '.join(objs)}], key=lambda o: (o.tag, o.v))]",
                f"{B}.count", f"{x} == {r.randint(-9, 9)}", f"{x} < 3", f"hash({x})",
                f"{x}.__class__.__name__", f"{x}.__dict__" if self.chance(0.3) else f"{x}.tag",
                f"sum([{x}, {y}], 0)", f"{x}.v if {x} else 'falsy'",
            ])
            L.append(self.show(e))
            if self.chance(0.3):
                L += self.inline_try([self.pick([f"{x}.double = {r.randint(-20, 20)}", f"{x}.v += 1",
                                                 f"setattr({x}, 'v', {r.randint(-5, 5)})", f"del {x}.tag",
                                                 f"{x}.newattr = {x}.v * 3", f"del {x}.nope"]),
                                      f"print({x}, {x}.v)"], "AttributeError")
        # user exception hierarchy
        if self.chance(0.6):
            E1, E2 = self.fresh("AppError"), self.fresh("SubError")
            L += [f"class {E1}(Exception):",
                  f"    def __init__(self, msg, code=0):",
                  f"        super().__init__(msg, code)",
                  f"        self.code = code",
                  f"class {E2}({E1}):",
                  f"    def __str__(self):",
                  f"        return 'sub:' + str(self.args[0])",
                  f"for cls in [{E1}, {E2}, ValueError]:",
                  f"    try:",
                  f"        raise cls('boom', 3) if cls is not ValueError else cls('bad value')",
                  f"    except {E2} as e:",
                  f"        print('sub', e, e.args, e.code)",
                  f"    except {E1} as e:",
                  f"        print('app', e, repr(e), e.code)",
                  f"    except Exception as e:",
                  f"        print('other', type(e).__name__, e.args)"]
        return L

    def sec_closures(self):
        r = self.r
        L = []
        mk = self.fresh("make")
        L += [f"def {mk}(start, step={r.randint(1, 5)}):",
              f"    total = start",
              f"    history = []",
              f"    def inc(by=None):",
              f"        nonlocal total",
              f"        total += step if by is None else by",
              f"        history.append(total)",
              f"        return total",
              f"    def get():",
              f"        return total, list(history)",
              f"    return inc, get",
              f"i1, g1 = {mk}({r.randint(-5, 5)})",
              f"i2, g2 = {mk}({self.lit_int()!r}, step=-2)",
              ]
        for _ in range(r.randint(2, 6)):
            L.append(f"print({self.pick(['i1()', 'i2()', f'i1({r.randint(-3, 3)})', 'g1()', 'g2()'])})")
        L += [f"fs = [lambda: i for i in range({r.randint(1, 4)})]",
              f"gs = [lambda i=i: i * 10 for i in range({r.randint(1, 4)})]",
              f"print([f() for f in fs], [g() for g in gs])"]
        if self.chance(0.6):
            g = self.fresh("G")
            L += [f"global {g}",
                  f"{g} = {r.randint(0, 9)}",
                  f"def bump_{g}(n):",
                  f"    global {g}",
                  f"    for _ in range(n):",
                  f"        {g} += 1",
                  f"    return {g}",
                  f"print(bump_{g}({r.randint(0, 5)}), {g})"]
        if self.chance(0.6):
            L += [f"def outer(x):",
                  f"    def middle(y):",
                  f"        def inner(z):",
                  f"            return x * 100 + y * 10 + z",
                  f"        return inner",
                  f"    return middle",
                  f"print(outer({r.randint(0, 9)})({r.randint(0, 9)})({r.randint(0, 9)}))",
                  f"compose = lambda f, g: lambda v: f(g(v))",
                  f"print(compose(lambda v: v * 2, lambda v: v + {r.randint(-3, 3)})({r.randint(-9, 9)}))"]
        if self.chance(0.5):
            L += [f"def deco(fn):",
                  f"    calls = []",
                  f"    def wrapper(*args, **kwargs):",
                  f"        calls.append(args)",
                  f"        res = fn(*args, **kwargs)",
                  f"        print('call', fn.__name__, args, sorted(kwargs.items()), '->', res, len(calls))",
                  f"        return res",
                  f"    return wrapper",
                  f"@deco",
                  f"def add3(a, b=2, *rest, scale=1, **kw):",
                  f"    return (a + b + sum(rest)) * scale + len(kw)",
                  f"add3(1)",
                  f"add3({r.randint(-5, 5)}, {r.randint(-5, 5)}, 3, 4, scale={r.randint(1, 3)}, extra=1)",
                  f"add3(b=5, a=1)"]
        if self.chance(0.4):
            L += [f"def unbound():",
                  f"    try:",
                  f"        print(zz)",
                  f"        zz = 1",
                  f"    except UnboundLocalError as e:",
                  f"        print(type(e).__name__, e)",
                  f"    try:",
                  f"        print(not_defined_anywhere)",
                  f"    except NameError as e:",
                  f"        print(type(e).__name__, e)",
                  f"unbound()"]
        return L

    def sec_exceptions(self):
        r = self.r
        L = []
        f1, f2, f3 = self.fresh("lvl"), self.fresh("lvl"), self.fresh("lvl")
        exc = self.pick(["ValueError('v')", "KeyError('k')", "IndexError(3)", "TypeError('t', 2)",
                         "RuntimeError()", "ZeroDivisionError('zd')", "AssertionError('as')",
                         "LookupError('lk')", "ArithmeticError()", "Exception('a', 'b')"])
        L += [f"def {f3}(n):",
              f"    try:",
              f"        if n > {r.randint(0, 3)}:",
              f"            raise {exc}",
              f"        return n * 2",
              f"    finally:",
              f"        print('finally3', n)",
              f"def {f2}(n):",
              f"    try:",
              f"        return {f3}(n) + 1",
              f"    except {self.pick(['KeyError', 'LookupError', 'ArithmeticError', 'ValueError', 'TypeError'])} as e:",
              f"        print('f2 caught', type(e).__name__, e)",
              f"        return -1",
              f"    else:",
              f"        print('f2 else')",
              f"    finally:",
              f"        print('finally2')",
              f"def {f1}(n):",
              f"    try:",
              f"        return {f2}(n)",
              f"    except Exception as e:",
              f"        print('f1 caught', type(e).__name__, repr(e), e.args)",
              f"        {self.pick(['return None', 'return str(e)', 'pass'])}",
              f"for n in range({r.randint(1, 6)}):",
              f"    print('result', {f1}(n))"]
        if self.chance(0.6):
            L += [f"def fin_wins():",
                  f"    try:",
                  f"        raise ValueError('lost')",
                  f"    finally:",
                  f"        return 'finally'",
                  f"print(fin_wins())",
                  f"def loop_fin():",
                  f"    out = []",
                  f"    for i in range({r.randint(2, 6)}):",
                  f"        try:",
                  f"            if i == {r.randint(0, 3)}:",
                  f"                continue",
                  f"            if i == {r.randint(2, 5)}:",
                  f"                break",
                  f"            out.append(i)",
                  f"        finally:",
                  f"            out.append(-i)",
                  f"    return out",
                  f"print(loop_fin())"]
        if self.chance(0.6):
            L += [f"try:",
                  f"    try:",
                  f"        {{}}['missing']",
                  f"    except KeyError as e:",
                  f"        raise ValueError('converted') from e",
                  f"except ValueError as e:",
                  f"    print(e, repr(e.__cause__), type(e.__context__).__name__, e.__suppress_context__)",
                  f"try:",
                  f"    try:",
                  f"        1 / 0",
                  f"    except ZeroDivisionError:",
                  f"        [][1]",
                  f"except IndexError as e:",
                  f"    print(e, type(e.__context__).__name__, e.__cause__)",
                  f"try:",
                  f"    raise {self.pick(['5', 'None', 'int', 'object()'])}",
                  f"except TypeError as e:",
                  f"    print('TypeError', e)"]
        if self.chance(0.5):
            L += [f"def reraiser(k):",
                  f"    try:",
                  f"        return {{'a': 1}}[k]",
                  f"    except KeyError:",
                  f"        print('reraising', k)",
                  f"        raise",
                  f"for k in ['a', 'b']:",
                  f"    try:",
                  f"        print(reraiser(k))",
                  f"    except (KeyError, IndexError) as err:",
                  f"        print('outer', repr(err), str(err), err.args)",
                  f"try:",
                  f"    assert {r.randint(0, 1)} == 1, 'assert message ' + str({r.randint(0, 9)})",
                  f"    print('assert passed')",
                  f"except AssertionError as e:",
                  f"    print('assert failed', e.args)",
                  f"try:",
                  f"    pass",
                  f"except Exception:",
                  f"    print('never')",
                  f"else:",
                  f"    print('else ran')",
                  f"finally:",
                  f"    print('finally ran')"]
        if self.chance(0.5):
            L += [f"ex = None",
                  f"try:",
                  f"    int('x{r.randint(0, 9)}')",
                  f"except ValueError as ex:",
                  f"    print('value', ex)",
                  f"try:",
                  f"    print(ex)",
                  f"except NameError as e2:",
                  f"    print('cleared', e2)"]
        if self.ok("with_cm") and self.chance(0.6):
            cm = self.fresh("CM")
            L += [f"class {cm}:",
                  f"    def __init__(self, name, swallow):",
                  f"        self.name = name",
                  f"        self.swallow = swallow",
                  f"    def __enter__(self):",
                  f"        print('enter', self.name)",
                  f"        return self.name.upper()",
                  f"    def __exit__(self, et, ev, tb):",
                  f"        print('exit', self.name, et.__name__ if et else None, ev)",
                  f"        return self.swallow",
                  f"for sw in [True, False]:",
                  f"    try:",
                  f"        with {cm}('a', sw) as n1, {cm}('b', False) as n2:",
                  f"            print('body', n1, n2)",
                  f"            raise KeyError(n1 + n2)",
                  f"        print('after with', sw)",
                  f"    except KeyError as e:",
                  f"        print('escaped', e)",
                  f"def cm_return():",
                  f"    with {cm}('r', False):",
                  f"        return 'from with'",
                  f"print(cm_return())"]
        return L

    def sec_functions(self):
        r = self.r
        L = []
        f = self.fresh("fn")
        L += [f"def {f}(a, b={r.randint(-3, 3)}, *args, c={r.randint(0, 3)}, d, **kw):",
              f"    return (a, b, args, c, d, sorted(kw.items()))"]
        calls = [f"{f}(1, d=2)", f"{f}(1, 2, 3, 4, d=5, z=6, y=7)", f"{f}(*[1, 2, 3], **{{'d': 4, 'c': 9}})",
                 f"{f}(d=1, a=2)"]
        if self.ok("calls_err"):
            calls += [f"{f}()", f"{f}(1)", f"{f}(1, a=2, d=3)", f"{f}(1, d=2, d2=3)",
                      f"len(1, 2)", f"len()", f"len(5)", f"{f}(1, **{{'d': 1}}, **{{'d': 2}})",
                      f"ident('abc')()", f"ident(5)[0]", f"None.attr", f"[].nope()", f"int('12', 1)",
                      f"iter(5)", f"next(iter([]))", f"1 + 'a'", f"'a' * 'b'", f"[1] - [1]",
                      f"-'s'", f"{{}}[[]]", f"abs('x')", f"max()", f"sorted(5)", f"chr(-1)",
                      f"ord('ab')", f"list(1)", f"dict(1)", f"str.join(',', [1, 2])",
                      f"', '.join(['a', 3])", f"int(None)", f"float('abc')", f"divmod(1, 0)",
                      f"range(1, 2, 0)", f"[1, 2].pop(5)", f"().index(1)", f"'abc'.index('z')"]
        for c in self.r.sample(calls, min(len(calls), r.randint(4, 10))):
            L.append(self.show(c))
        g = self.fresh("acc")
        L += [f"def {g}(item, into=[]):",
              f"    into.append(item)",
              f"    return into",
              f"print({g}(1), {g}(2), {g}(3, []), {g}(4))"]
        L += [f"def fib(n):",
              f"    a, b = 0, 1",
              f"    for _ in range(n):",
              f"        a, b = b, a + b",
              f"    return a",
              f"def fact(n):",
              f"    return 1 if n <= 1 else n * fact(n - 1)",
              f"print(fib({r.randint(0, 200)}), fact({r.randint(0, 60)}))",
              f"print([fib(i) % 10 for i in range({r.randint(1, 20)})])"]
        if self.chance(0.3):
            L += [f"def deep(n):",
                  f"    return 0 if n == 0 else 1 + deep(n - 1)",
                  f"print(deep({r.randint(10, 300)}))"]
        return L

    def sec_sorting(self):
        r = self.r
        L = []
        recs = [(self.pick(["ann", "Bob", "cy", "dee", "Ed", "fay"]), r.randint(18, 60), round(r.uniform(0, 100), 1))
                for _ in range(r.randint(2, 8))]
        v = self.fresh("recs")
        L.append(f"{v} = {recs!r}")
        for _ in range(r.randint(3, 8)):
            key = self.pick(["lambda t: t[1]", "lambda t: (t[1], t[0])", "lambda t: t[0].lower()",
                             "lambda t: -t[2]", "len", "lambda t: t[0][::-1]", "lambda t: (t[1] % 3, t[2])",
                             "str", "repr"])
            if key in ("len",):
                L.append(self.show(f"sorted([t[0] for t in {v}], key=len, reverse={self.pick(['True', 'False'])})"))
            else:
                L.append(self.show(f"sorted({v}, key={key}, reverse={self.pick(['True', 'False'])})"))
        L.append(self.show(f"sorted([t[0] for t in {v}], key=str.lower)"))
        L.append(self.show(f"max({v}, key=lambda t: t[1]), min({v}, key=lambda t: t[2])"))
        L.append(self.show(f"sorted({v})[::-1][:3]"))
        L += [f"{v}.sort(key=lambda t: t[1] // 10)", f"print({v})"]
        L.append(self.show(f"sorted([3, 1.5, -2, 10**20, -0.5, True])"))
        L.append(self.show(f"sorted(['b', 'A', 'a', 'B', '', 'ab'], key=lambda s: (s.lower(), s))"))
        L.append(self.show(f"sorted([[2, 1], [1, 2, 3], [1, 2], []])"))
        L.append(self.show(f"sorted([(1, 'b'), (1, 2)])"))
        return L

    def sec_builtins(self):
        r = self.r
        L = []
        for _ in range(r.randint(5, 12)):
            e = self.pick([
                f"chr({r.randint(0, 0x3000)})", f"ord({sq(self.pick('aZ~ é中'))})",
                f"(hex({self.lit_int()!r}), oct({self.lit_int()!r}), bin({self.lit_int()!r}))",
                f"round({self.lit_float()!r}, {r.randint(-2, 5)})", f"round({self.lit_int()!r}, {r.randint(-5, 1)})",
                f"round({self.pick([0.5, 1.5, 2.5, -0.5, -1.5, 3.5])})",
                f"divmod({self.lit_float()!r}, {self.pick([1.5, -2.0, 0.3, 7])})",
                f"(min({r.randint(-9, 9)}, {r.randint(-9, 9)}, {r.randint(-9, 9)}), max('ab', 'b', 'aa'))",
                f"pow({r.randint(-9, 9)}, {r.randint(-3, 5)})", f"pow(2.0, {r.randint(-5, 60)})",
                f"list(zip([1, 2, 3], 'ab', [True]))", f"list(zip([1, 2], [3], strict=True))",
                f"list(enumerate('abc', start={r.randint(-2, 5)}))", f"(callable(len), callable(3), callable(str))",
                f"(bool(''), bool('0'), bool([]), bool([0]), bool(0.0), bool(None))",
                f"(isinstance(True, int), isinstance(1, (str, float)), isinstance(1.0, float))",
                f"(type(1).__name__, type('').__name__, type([]).__name__, type({{}}).__name__, type(None).__name__)",
                f"(int(3.99), int(-3.99), int('  42  '), int('-0x1f', 16), int('0b101', 0))",
                f"(float('  -1.5e3 '), float('inf'), float(7), float('-0'))",
                f"str(12345678901234567890 * 98765432109876543210)",
                f"(repr(1.0), repr(-0.0), repr(1e16), repr(1e-5), repr(0.1 + 0.2), repr(2.0 ** 0.5))",
                f"({self.lit_float()!r} * {self.lit_float()!r}, {self.lit_float()!r} / {self.pick([3, 7.0, -0.1])})",
                f"(1e308 * 10, -1e308 * 10, 1e-320 / 10)",
                f"[x for x in range(20) if x % {r.randint(2, 5)} == {r.randint(0, 1)}]",
                f"list(map(str, range({r.randint(0, 6)})))", f"list(map(lambda a, b: a * b, [1, 2, 3], [4, 5]))",
                f"next(iter([]), 'dflt')", f"getattr('abc', 'upper')()", f"getattr(5, 'nope', None)",
                f"format({self.lit_int()!r}, ',')", f"format(0.5, '.0f'), format(1.5, '.0f'), format(2.5, '.0f')",
                f"(abs(-0.0), abs({self.lit_int()!r}), abs(-2.5))",
                f"sum(range({r.randint(0, 10**6)}))", f"sum([1.5, 2.25, -0.125])",
                f"(True + True, True * 3, -True, True / 2, True // 1)",
                f"(7 // -2, -7 // 2, 7 % -2, -7 % 2, -7.5 // 2, -7.5 % 2, 7.5 % -2.0)",
                f"({self.lit_int()!r} // {self.pick([-3, 3, -7, 10**10 + 7, -(10**25)])}, {self.lit_int()!r} % {self.pick([-3, 3, -7, 10**10 + 7, -(10**25)])})",
                f"(0.1 + 0.2 == 0.3, 1 == 1.0, 2**53 + 1 == float(2**53 + 1), 10**20 == 1e20)",
                f"(1 < 2.5, 10**30 > 1e29, -10**30 < -1e29, 3 == 3.0000000001)",
                f"hash({self.lit_int()!r})", f"hash(-1)", f"hash(2**61)", f"hash(1.5)",
                f"(int.__name__, len.__name__)",
                f"(divmod({self.lit_int()!r}, {self.pick([7, -7, 10**12 + 39])}))",
            ])
            L.append(self.show(e))
        return L

    def sec_refcount(self):
        r = self.r
        L = ["import sys"]
        a = self.fresh("rl")
        L += [f"{a} = [{r.randint(0, 9)}, {r.randint(0, 9)}]",
              f"print('rc list', sys.getrefcount({a}))",
              f"{a}_alias = {a}",
              f"print('rc alias', sys.getrefcount({a}))",
              f"{a}_holder = [{a}, {a}]",
              f"print('rc held', sys.getrefcount({a}))",
              f"del {a}_holder[0]",
              f"print('rc del', sys.getrefcount({a}))",
              f"{a}_d = {{'x': {a}, 'y': {{}}}}",
              f"print('rc dict', sys.getrefcount({a}), sys.getrefcount({a}_d), sys.getrefcount({a}_d['y']))",
              f"def rc_arg(x):",
              f"    return sys.getrefcount(x)",
              f"print('rc arg', rc_arg({a}), rc_arg([]), rc_arg({{}}))",
              f"class RcBox:",
              f"    def __init__(self, p):",
              f"        self.p = p",
              f"    def me(self):",
              f"        return sys.getrefcount(self)",
              f"b = RcBox({a})",
              f"print('rc inst', sys.getrefcount(b), b.me(), sys.getrefcount({a}))",
              f"m = b.me",
              f"print('rc bound', sys.getrefcount(b))",
              f"del m, b",
              f"print('rc after', sys.getrefcount({a}))",
              f"tmp = [[i] for i in range(3)]",
              f"print('rc items', [sys.getrefcount(x) for x in tmp])",
              f"for item in tmp:",
              f"    print('rc loop', sys.getrefcount(item))",
              f"del {a}_alias",
              f"print('rc final', sys.getrefcount({a}))"]
        if self.chance(0.5):
            L += [f"def rc_closure():",
                  f"    data = {{'k': []}}",
                  f"    def get():",
                  f"        return data",
                  f"    return get, sys.getrefcount(data)",
                  f"g, c0 = rc_closure()",
                  f"print('rc closure', c0, sys.getrefcount(g()), sys.getrefcount(g()['k']))"]
        return L

    def sec_threads(self):
        r = self.r
        L = ["import threading", "import time", "import sys"]
        kind = self.pick(["lock_results", "counter", "condition", "event", "rlock", "args_kwargs", "method"])
        n = r.randint(2, 5)
        if kind == "lock_results":
            L += [f"results = []",
                  f"rlock = threading.Lock()",
                  f"def worker(k, reps):",
                  f"    acc = 0",
                  f"    for i in range(reps):",
                  f"        acc += (i * k) % {r.randint(3, 17)}",
                  f"        if i % {r.randint(5, 50)} == 0:",
                  f"            time.sleep(0)",
                  f"    with rlock:",
                  f"        results.append((k, acc, str(k) * (k % 3)))",
                  f"ts = [threading.Thread(target=worker, args=(k, {r.randint(10, 300)})) for k in range({n})]",
                  f"for t in ts:",
                  f"    t.start()",
                  f"for t in ts:",
                  f"    t.join()",
                  f"print(sorted(results))",
                  f"print(len(results), [t.is_alive() for t in ts])",
                  f"print('rc results', sys.getrefcount(results))"]
        elif kind == "counter":
            L += [f"counter = [0]",
                  f"total = {{'n': 0}}",
                  f"lk = threading.Lock()",
                  f"def bump(times):",
                  f"    for _ in range(times):",
                  f"        lk.acquire()",
                  f"        try:",
                  f"            counter[0] += 1",
                  f"            total['n'] = total['n'] + 2",
                  f"        finally:",
                  f"            lk.release()",
                  f"ts = []",
                  f"for i in range({n}):",
                  f"    t = threading.Thread(target=bump, args=({r.randint(1, 400)},))",
                  f"    ts.append(t)",
                  f"    t.start()",
                  f"for t in ts:",
                  f"    t.join()",
                  f"print(counter, total, lk.locked())",
                  f"print('rc', sys.getrefcount(counter), sys.getrefcount(total))"]
        elif kind == "condition":
            L += [f"items = []",
                  f"got = []",
                  f"cv = threading.Condition()",
                  f"N = {r.randint(1, 20)}",
                  f"def producer():",
                  f"    for i in range(N):",
                  f"        with cv:",
                  f"            items.append(i * i)",
                  f"            cv.notify()",
                  f"def consumer():",
                  f"    while len(got) < N:",
                  f"        with cv:",
                  f"            while not items:",
                  f"                cv.wait()",
                  f"            got.append(items.pop(0))",
                  f"c = threading.Thread(target=consumer)",
                  f"p = threading.Thread(target=producer)",
                  f"c.start()",
                  f"p.start()",
                  f"p.join()",
                  f"c.join()",
                  f"print(got, items)"]
        elif kind == "event":
            L += [f"ev = threading.Event()",
                  f"seen = []",
                  f"lk = threading.Lock()",
                  f"def waiter(k):",
                  f"    ev.wait()",
                  f"    with lk:",
                  f"        seen.append(k * {r.randint(1, 9)})",
                  f"ts = [threading.Thread(target=waiter, args=(k,)) for k in range({n})]",
                  f"for t in ts:",
                  f"    t.start()",
                  f"print('before', ev.is_set(), seen)",
                  f"ev.set()",
                  f"for t in ts:",
                  f"    t.join()",
                  f"print('after', ev.is_set(), sorted(seen))",
                  f"ev.clear()",
                  f"print(ev.is_set(), ev.wait(0))"]
        elif kind == "rlock":
            L += [f"rl = threading.RLock()",
                  f"log = []",
                  f"def rec(k, depth):",
                  f"    with rl:",
                  f"        if depth == 0:",
                  f"            log.append(k)",
                  f"            return 0",
                  f"        return 1 + rec(k, depth - 1)",
                  f"out = {{}}",
                  f"def run(k):",
                  f"    out[k] = rec(k, k + {r.randint(0, 5)})",
                  f"ts = [threading.Thread(target=run, args=(k,), name='w' + str(k)) for k in range({n})]",
                  f"for t in ts:",
                  f"    t.start()",
                  f"for t in ts:",
                  f"    t.join()",
                  f"print(sorted(out.items()), sorted(log), [t.name for t in ts])",
                  f"print(rl.acquire(), rl.acquire(blocking=False))",
                  f"rl.release()",
                  f"rl.release()"]
        elif kind == "args_kwargs":
            L += [f"res = {{}}",
                  f"lk = threading.Lock()",
                  f"def job(a, b=0, *, scale=1):",
                  f"    v = (a * scale + b) ** 2",
                  f"    time.sleep(0.001)",
                  f"    with lk:",
                  f"        res[a] = v",
                  f"ts = [threading.Thread(target=job, args=(i,), kwargs={{'b': i + 1, 'scale': {r.randint(1, 4)}}}) for i in range({n})]",
                  f"[t.start() for t in ts]",
                  f"[t.join() for t in ts]",
                  f"print(dict(sorted(res.items())), threading.current_thread().name, threading.active_count())",
                  f"print(threading.main_thread() is threading.current_thread())"]
        else:
            L += [f"class Acc:",
                  f"    def __init__(self):",
                  f"        self.lock = threading.Lock()",
                  f"        self.vals = []",
                  f"    def add(self, v):",
                  f"        for i in range(v):",
                  f"            with self.lock:",
                  f"                self.vals.append(i)",
                  f"acc = Acc()",
                  f"ts = [threading.Thread(target=acc.add, args=({r.randint(1, 30)},)) for _ in range({n})]",
                  f"for t in ts:",
                  f"    t.start()",
                  f"for t in ts:",
                  f"    t.join()",
                  f"print(len(acc.vals), sum(acc.vals), sorted(acc.vals)[-3:])",
                  f"print('rc acc', sys.getrefcount(acc), sys.getrefcount(acc.vals))"]
        if self.chance(0.3):
            L += [f"def failing():",
                  f"    raise ValueError('in thread')",
                  f"ft = threading.Thread(target=failing)",
                  f"ft.start()",
                  f"ft.join()",
                  f"print('main continues', ft.is_alive())"]
        return L

    def ending(self):
        r = self.r
        kind = self.pick(["raise_fn", "keyerror", "exit_n", "exit_msg",
                          "custom" if self.ok("custom_exc") else "assert", "assert", "chained",
                          "systemexit", "exit_none", "index", "attr", "nested_finally", "thread_then_raise"])
        L = []
        if kind == "raise_fn":
            exc = self.pick(["ValueError('bad input')", "RuntimeError('fail %d' % 3)" if False else "RuntimeError('fail 3')",
                             "TypeError('x', 1)", "ZeroDivisionError('division by zero')", "Exception()",
                             "IndexError(5)", "LookupError(\"q'uote\")"])
            L += [f"def explode(n):",
                  f"    try:",
                  f"        if n == 0:",
                  f"            raise {exc}",
                  f"        return explode(n - 1)",
                  f"    finally:",
                  f"        print('unwinding', n)",
                  f"print('start')",
                  f"explode({r.randint(0, 4)})",
                  f"print('never')"]
        elif kind == "keyerror":
            L += [f"cfg = {{'a': 1}}", f"print(cfg['a'])", f"print(cfg[{sq(self.pick(['b', 'key with space', 'q']))}])"]
        elif kind == "exit_n":
            L += ["import sys", "try:", f"    sys.exit({r.randint(0, 5)})", "finally:", "    print('cleanup')"]
        elif kind == "exit_msg":
            L += ["import sys", "print('bye')", f"sys.exit({sq('fatal: ' + self.pick(WORDS[:8]))})"]
        elif kind == "exit_none":
            L += ["import sys", "sys.exit()" if self.chance(0.5) else "sys.exit(None)"]
        elif kind == "systemexit":
            L += [f"raise SystemExit({r.randint(0, 4)})"]
        elif kind == "custom":
            L += [f"class FatalError(Exception):", f"    pass",
                  f"def check(v):", f"    if v > {r.randint(0, 3)}:",
                  f"        raise FatalError('value too large: ' + str(v))", f"    return v",
                  f"for i in range(6):", f"    print('checked', check(i))"]
        elif kind == "assert":
            L += [f"x = {r.randint(0, 5)}", f"assert x > 10, f'x was {{x}}'"]
        elif kind == "chained":
            L += [f"try:", f"    int('nope')", f"except ValueError as e:",
                  f"    raise RuntimeError('wrapped') from e"]
        elif kind == "index":
            L += [f"data = {self.lit_list()!r}", f"print(data[{r.randint(8, 12)}])"]
        elif kind == "attr":
            L += [f"class P:", f"    def __init__(self):", f"        self.a = 1",
                  f"p = P()", f"print(p.a)", f"print(p.b)"]
        elif kind == "nested_finally":
            L += [f"def a():", f"    try:", f"        b()", f"    finally:", f"        print('a finally')",
                  f"def b():", f"    try:", f"        return 1 // 0", f"    except ZeroDivisionError:",
                  f"        print('b handler')", f"        raise ArithmeticError('re')",
                  f"a()"]
        else:
            L += ["import threading", "def w():", "    print('worker')",
                  "t = threading.Thread(target=w)", "t.start()", "t.join()",
                  "raise " + self.pick(["KeyError(1)", "ValueError()", "NameError('nm')"])]
        return L

    # ------------------------------------------------------------ program
    SECTIONS = ["arith", "floatfmt", "strings", "lists", "dicts", "tuples", "classes",
                "closures", "exceptions", "functions", "sorting", "builtins", "threads", "refcount"]

    def wrap(self, body, how):
        if how == "module":
            return body
        if how == "func":
            f = self.fresh("section")
            return [f"def {f}():"] + ["    " + x for x in body] + [f"{f}()"]
        c = self.fresh("Sec")
        return ([f"class {c}:", f"    def run(self):"] + ["        " + x for x in body] +
                [f"{c}().run()"])

    def program(self):
        r = self.r
        out = [f"# run_fuzz seed {self.seed}"] + list(self.PRELUDE)
        secs = [s for s in self.SECTIONS if self.ok(s)]
        weights = {"threads": 0.6, "refcount": 0.5}
        chosen = []
        for _ in range(r.randint(2, 6)):
            s = self.pick(secs)
            if self.r.random() < weights.get(s, 1.0):
                chosen.append(s)
        if not chosen:
            chosen = [self.pick(secs)]
        for s in chosen:
            body = getattr(self, "sec_" + s)()
            how = "module"
            if s not in ("threads", "refcount"):
                how = self.pick(["module", "func", "func", "method"])
            out.append(f"print('== {s} ({how})')")
            out += self.wrap(body, how)
        if self.ok("ending") and self.chance(0.3):
            out += self.ending()
        else:
            out.append("print('done')")
        import re
        pats = [re.compile(rx) for k, rx in KNOWN_LINES.items() if not self.ok(k)]
        if pats:
            out = [l for l in out if not any(p.search(l) for p in pats)]
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------- harness
def run_cmd(cmd, timeout):
    for _ in range(120):            # the binary may be replaced while we run
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=timeout)
            return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired as e:
            return "timeout", (e.stdout or b"").decode("utf-8", "replace"), (e.stderr or b"").decode("utf-8", "replace")
        except OSError:
            time.sleep(2)
    return "oserror", "", ""


def last_line(s):
    lines = [l for l in s.splitlines() if l.strip()]
    return lines[-1] if lines else ""


def without_threading_frames(err):
    """python3.11's stderr without frames in Lib/threading.py (gilsim's threading is native)."""
    out, skipping = [], False
    for line in err.splitlines(keepends=True):
        if line.startswith('  File "'):
            skipping = '/threading.py", line ' in line
        elif not line.startswith("    "):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def first_diff(a, b):
    al, bl = a.splitlines(), b.splitlines()
    for i in range(max(len(al), len(bl))):
        x = al[i] if i < len(al) else "<EOF>"
        y = bl[i] if i < len(bl) else "<EOF>"
        if x != y:
            return i + 1, x, y
    return None


def check_one(seed, args, tmpdir):
    src = Gen(seed, args.avoid).program()
    path = os.path.join(tmpdir, f"p{seed}.py")
    with open(path, "w") as f:
        f.write(src)
    prc, pout, perr = run_cmd([PYTHON, path], args.timeout)
    if prc == "timeout" or "SyntaxError" in last_line(perr) or "Warning" in perr or \
            ("Traceback" in perr and prc == 0 and "in thread" not in perr):
        return seed, "generator", f"python: rc={prc} {last_line(perr)}", src
    grc, gout, gerr = run_cmd([GILSIM, "run", path], args.timeout)
    problems = []
    if grc != prc:
        problems.append(f"exit: python {prc} gilsim {grc}")
    details = []
    if gout != pout:
        d = first_diff(pout, gout)
        problems.append(f"stdout line {d[0]}: python {d[1]!r} gilsim {d[2]!r}" if d else "stdout differs (trailing)")
        import difflib
        details = list(difflib.unified_diff(pout.splitlines(), gout.splitlines(), "python3.11", "gilsim", n=0, lineterm=""))[:80]
    want_err = without_threading_frames(perr)
    if want_err != gerr:
        d = first_diff(want_err, gerr)
        problems.append(f"stderr line {d[0]}: python {d[1]!r} gilsim {d[2]!r}" if d else "stderr differs (trailing)")
    if "internal error" in gerr:
        problems.append("internal error: " + [l for l in gerr.splitlines() if "internal error" in l][0])
    if args.audit_every and seed % args.audit_every == 0:
        arc, aout, aerr = run_cmd([GILSIM, "run", "--audit", path], args.timeout * 3)
        if aout != gout and aout != pout:
            d = first_diff(pout, aout)
            problems.append(f"audit stdout line {d[0] if d else '?'}: python {d[1] if d else ''!r} audit {d[2] if d else ''!r}")
        if "internal error" in aerr:
            problems.append("audit internal error: " + [l for l in aerr.splitlines() if "internal error" in l][0])
        if arc != grc and arc != "timeout":
            problems.append(f"audit exit {arc} vs {grc}: {last_line(aerr)}")
    os.unlink(path)
    if "internal error" in gerr:
        details += [""] + gerr.splitlines()[-3:]
    if problems:
        return seed, "mismatch", "\n".join(problems + [""] + details), src
    return seed, "ok", "", src


def check_one_safe(seed, args, tmpdir):
    try:
        return check_one(seed, args, tmpdir)
    except Exception as e:   # a bug in this script: report it, keep going
        return seed, "generator", f"run_fuzz.py: {type(e).__name__}: {e}", ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--audit-every", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--avoid", default="")
    ap.add_argument("--avoid-known", action="store_true", help="look past the bugs still open")
    ap.add_argument("--avoid-all-known", action="store_true", help="look past every bug found so far")
    ap.add_argument("--out", default="/tmp/run_fuzz")
    ap.add_argument("--time-limit", type=float, default=0)
    ap.add_argument("--gen", type=int, default=None)
    args = ap.parse_args()
    args.avoid = [a for a in args.avoid.split(",") if a]
    if args.avoid_all_known:
        args.avoid += list(KNOWN_LINES) + KNOWN_GEN
    elif args.avoid_known:
        args.avoid += KNOWN_OPEN
    for a in args.avoid:
        if a not in FEATURES:
            ap.error(f"unknown feature {a}; known: {', '.join(FEATURES)}")
    if args.gen is not None:
        sys.stdout.write(Gen(args.gen, args.avoid).program())
        return 0
    os.makedirs(args.out, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="run_fuzz")
    start = time.time()
    counts = {"ok": 0, "mismatch": 0, "generator": 0}
    sigs = {}
    seeds = iter(range(args.seed, args.seed + args.n))
    import concurrent.futures as cf
    with ThreadPoolExecutor(args.jobs) as ex:
        pending = set()
        while True:
            while len(pending) < args.jobs * 2 and (not args.time_limit or time.time() - start < args.time_limit):
                s = next(seeds, None)
                if s is None:
                    break
                pending.add(ex.submit(check_one_safe, s, args, tmpdir))
            if not pending:
                break
            done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for d in done:
                report(d.result(), counts, sigs, args)
    total = sum(counts.values())
    print(f"\n{total} programs in {time.time() - start:.0f}s: {counts['ok']} ok, "
          f"{counts['mismatch']} mismatches, {counts['generator']} generator problems")
    for sig, seeds_ in sorted(sigs.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(seeds_):4d}x {sig}   e.g. {args.out}/fail_{seeds_[0]}.py")
    return 1 if counts["mismatch"] else 0


def report(res, counts, sigs, args):
    seed, status, msg, src = res
    counts[status] += 1
    if status == "ok":
        return
    with open(os.path.join(args.out, f"fail_{seed}.py"), "w") as f:
        f.write(src)
    with open(os.path.join(args.out, f"fail_{seed}.txt"), "w") as f:
        f.write(msg + "\n")
    sig = (status + ": " + msg.splitlines()[0])[:160]
    sigs.setdefault(sig, []).append(seed)
    print(f"seed {seed}: {status}: {msg.splitlines()[0][:200]}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
