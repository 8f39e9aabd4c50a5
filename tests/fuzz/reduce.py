#!/usr/bin/env python3.11
"""Greedy AST reducer for gilsim dis mismatches.
Usage: reduce.py IN.py OUT.py [CATEGORY]  -- keeps the first-diff category of IN."""
import ast, dis, io, copy, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GILSIM = os.environ.get("GILSIM", os.path.join(ROOT, "build", "gilsim"))
TMP = tempfile.mkdtemp(prefix="reduce")
MASK = re.compile(r" at 0x[0-9a-f]+")


def run(src):
    p = os.path.join(TMP, "t.py")
    with open(p, "w") as f:
        f.write(src)
    buf = io.StringIO()
    try:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dis.dis(compile(src, p, "exec"), file=buf)
    except Exception:
        return None
    for _ in range(60):   # the binary may be mid-rebuild
        try:
            g = subprocess.run([GILSIM, "dis", p], capture_output=True, text=True, timeout=20)
            break
        except OSError:
            import time
            time.sleep(2)
    if g.returncode == 2 and "not supported" in g.stderr:
        return None
    if g.returncode:
        return "crash:%d:%s" % (g.returncode, g.stderr.split(":")[-1].strip()[:40])
    el, gl = MASK.sub("", buf.getvalue()).splitlines(), MASK.sub("", g.stdout).splitlines()
    if el == gl:
        return "ok"
    for a, b in zip(el, gl):
        if a != b:
            ta, tb = a.split(), b.split()
            opa = [t for t in ta if t.isupper() and len(t) > 2]
            opb = [t for t in tb if t.isupper() and len(t) > 2]
            if opa != opb:
                return "op:%s/%s" % (opa[:1], opb[:1])
            if a.strip().startswith(("ExceptionTable", "L", "0 to")) or " to " in a and "[" in a:
                return "exctable"
            na, nb = re.sub(r"\d+", "#", a), re.sub(r"\d+", "#", b)
            if na == nb:
                return "num:%s" % (opa[:1])
            return "text:%s" % (opa[:1])
    return "len"


def main():
    src = open(sys.argv[1]).read()
    cat = sys.argv[3] if len(sys.argv) > 3 else run(src)
    print("category:", cat, file=sys.stderr)
    tree = ast.parse(src)

    def good(t):
        try:
            s = ast.unparse(ast.fix_missing_locations(t))
        except Exception:
            return False
        return run(s) == cat

    n = len(tree.body) // 2
    while n >= 1:
        i = 0
        while i < len(tree.body):
            old = tree.body[i:i + n]
            del tree.body[i:i + n]
            if tree.body and good(tree):
                continue
            tree.body[i:i] = old
            i += n
        n //= 2
    changed = True
    while changed:
        changed = False
        # pass 1: delete statements / replace compound by its body
        nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.If, ast.For, ast.While, ast.Try, ast.With, ast.ExceptHandler, ast.Lambda))]
        for parent in nodes:
            for field in ("body", "orelse", "finalbody", "handlers"):
                lst = getattr(parent, field, None)
                if not isinstance(lst, list):
                    continue
                i = len(lst) - 1
                while i >= 0:
                    if i >= len(lst):
                        i -= 1
                        continue
                    old = lst[i]
                    cands = [[]]
                    if hasattr(old, "body") and isinstance(old.body, list):
                        cands.append(old.body)
                    if isinstance(old, ast.Try):
                        cands += [h.body for h in old.handlers] + [old.finalbody, old.orelse]
                    for c in cands:
                        if field == "body" and not c and len(lst) == 1 and not isinstance(parent, ast.Module):
                            c = [ast.Pass()]
                        if field == "handlers" and c and not isinstance(c[0], ast.ExceptHandler):
                            continue
                        if field != "handlers" and c and isinstance(c[0], ast.ExceptHandler):
                            continue
                        lst[i:i + 1] = c
                        if good(tree):
                            changed = True
                            break
                        lst[i:i + len(c)] = [old]
                    i -= 1
        # pass 2: simplify expressions
        for node in list(ast.walk(tree)):
            for field, val in ast.iter_fields(node):
                vals = val if isinstance(val, list) else [val]
                for j, v in enumerate(vals):
                    if not isinstance(v, ast.expr) or isinstance(v, (ast.Name, ast.Constant)):
                        continue
                    if isinstance(node, (ast.Assign, ast.For, ast.comprehension, ast.withitem, ast.Delete, ast.AugAssign)) and field in ("targets", "target", "optional_vars"):
                        continue
                    subs = [c for c in ast.iter_child_nodes(v) if isinstance(c, ast.expr)]
                    for rep in subs + [ast.Name("x", ast.Load()), ast.Constant(1)]:
                        if isinstance(val, list):
                            val[j] = rep
                        else:
                            setattr(node, field, rep)
                        if good(tree):
                            changed = True
                            break
                        if isinstance(val, list):
                            val[j] = v
                        else:
                            setattr(node, field, v)
    out = ast.unparse(tree) + "\n"
    open(sys.argv[2], "w").write(out)
    print(out)


main()
