#!/usr/bin/env python3
"""
layers.py: the library's layers only look down.

Reads the layers, lowest first, from the table in lib/README, then the
symbols each object file of the library defines and uses (nm on the
static library).  Fails, naming the call, when a file uses a symbol
defined in a higher layer, when files call each other in a loop, when
a folder of lib/ is in no layer, or when the program (cmd/) reaches
past the public headers.  TAP on stdout.

Usage: layers.py SRCDIR LIBEHC_OBJS.a
"""
import os
import re
import subprocess
import sys


def layer_table(srcdir):
    """[(folder, layer index)] from lib/README's "| `lib/x/` |" rows."""
    rows = []
    with open(os.path.join(srcdir, "lib", "README"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\|\s*`lib/([a-z]*)/?`\s*\|", line)
            if m:
                rows.append(m.group(1))
    return {folder: i for i, folder in enumerate(rows)}


def symbols(path):
    """{object: (defined, used)} for every object file in path."""
    out = subprocess.run(["nm", "-A", path], capture_output=True,
                         text=True, check=True).stdout
    objs = {}
    for line in out.splitlines():
        m = re.match(r"^(.*\.o):(.*)$", line)
        if m is None:
            continue
        obj, rest = os.path.basename(m.group(1)), m.group(2)
        d, u = objs.setdefault(obj, (set(), set()))
        parts = rest.split()
        if len(parts) == 3 and parts[1] in "TDBRCV":
            d.add(parts[2])
        elif len(parts) == 2 and parts[0] == "U":
            u.add(parts[1])
    return objs


def folder_of(obj):
    """steps_plan.c.o -> ("steps", "steps/plan.c"); open.c.o -> ("", ...)."""
    name = obj[:-2] if obj.endswith(".o") else obj
    if name.startswith("meson-generated_"):
        return "base", name     # embedded data (holidays, templates)
    head, sep, tail = name.partition("_")
    if sep and os.path.isdir(os.path.join(SRCDIR, "lib", head)) and \
            os.path.exists(os.path.join(SRCDIR, "lib", head, tail)):
        return head, head + "/" + tail
    return "", name


def main():
    global SRCDIR
    SRCDIR, archive = sys.argv[1], sys.argv[2]
    order = layer_table(SRCDIR)
    n = 0
    fails = 0

    def result(ok, what, detail=()):
        nonlocal n, fails
        n += 1
        print(("ok" if ok else "not ok") + " %d - %s" % (n, what))
        for d in detail:
            print("# " + d)
        if not ok:
            fails += 1

    # Every folder of lib/ with sources is a layer, and the top too.
    folders = sorted(d for d in os.listdir(os.path.join(SRCDIR, "lib"))
                     if os.path.isdir(os.path.join(SRCDIR, "lib", d)))
    missing = [d for d in folders if d not in order]
    if "" not in order:
        missing.append("lib/ itself (the top)")
    result(not missing, "every folder of lib/ is a layer in lib/README",
           ["not in the table: " + m for m in missing])

    objs = symbols(archive)
    owner = {}
    for obj, (defs, _) in objs.items():
        for s in defs:
            owner[s] = obj
    edges = {}
    upward = []
    for obj, (_, used) in sorted(objs.items()):
        fo, fname = folder_of(obj)
        for s in sorted(used):
            if s not in owner or owner[s] == obj:
                continue
            to = owner[s]
            tf, tname = folder_of(to)
            edges.setdefault(fname, set()).add(tname)
            if order.get(tf, -1) > order.get(fo, -1):
                upward.append("lib/%s calls %s in lib/%s (layer '%s' is "
                              "above '%s')" % (fname, s, tname, tf or "top",
                                               fo or "top"))
    result(not upward, "no layer calls a layer above it", upward)

    # Loops between files (Tarjan's strongly connected components).
    index, low, stack, on, sccs = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            visit(v)
    result(not sccs, "no files of lib/ call each other in a loop",
           ["a loop: " + ", ".join(c) for c in sccs])

    private = []
    cmd = os.path.join(SRCDIR, "cmd")
    for name in sorted(os.listdir(cmd)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(cmd, name), encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if "ehc__" in line or '"internal.h"' in line:
                    private.append("cmd/%s:%d: %s" % (name, i, line.strip()))
    result(not private, "the program uses only the public API", private)

    print("1..%d" % n)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
