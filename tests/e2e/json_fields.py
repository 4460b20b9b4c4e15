#!/usr/bin/env python3
"""
json_fields.py: the JSON documents as the manual pages describe them.

Each list of keys in man/*.1 and man/ehc.5 follows a comment
'.\\" json: NAME'; its entries are the '.It Li KEY' lines of that list
(not of a list inside it).

  json_fields.py SRCDIR --names        every NAME, one a line
  json_fields.py SRCDIR NAME WHERE     compare the JSON on stdin with NAME

WHERE picks the object out of the document: "" the document, "[0]" its
first element, ".deadlines[0]" a key's first element, "columns" the keys
of a report's columns.  A documented key KEY_YYYY stands for one key a
month of a financial year (spend).  Prints "ok", or what differs.
"""
import glob
import json
import os
import re
import sys


def documented(srcdir):
    """{NAME: [keys]} from the manual pages."""
    docs = {}
    pages = sorted(glob.glob(os.path.join(srcdir, "man", "*.[157]")))
    for page in pages:
        name, depth, keys = None, 0, None
        with open(page, encoding="utf-8") as f:
            for line in f:
                m = re.match(r'^\.\\" json: (\S+)', line)
                if m:
                    name, depth, keys = m.group(1), 0, []
                    continue
                if name is None:
                    continue
                if line.startswith(".Bl"):
                    depth += 1
                elif line.startswith(".El"):
                    depth -= 1
                    if depth == 0:
                        docs[name] = keys
                        name = None
                elif depth == 1:
                    m = re.match(r"^\.It Li (\S+)", line)
                    if m:
                        keys.append(m.group(1))
    return docs


def pick(doc, where):
    if where == "columns":
        return [c["key"] for c in doc["columns"]]
    for part in re.findall(r"\.\w+|\[\d+\]", where):
        doc = doc[int(part[1:-1])] if part[0] == "[" else doc[part[1:]]
    return list(doc)


def main():
    srcdir = sys.argv[1]
    docs = documented(srcdir)
    if sys.argv[2] == "--names":
        print("\n".join(sorted(docs)))
        return 0
    name, where = sys.argv[2], sys.argv[3]
    want = docs.get(name)
    if want is None:
        print("no '.\\\" json: %s' list in the manual pages" % name)
        return 1
    got = pick(json.load(sys.stdin), where)
    # One documented key for the twelve months of a financial year.
    months = [w for w in want if w.endswith("_YYYY")]
    if months:
        i = want.index(months[0])
        pattern = re.compile(r"^[a-z]{3}_\d{4}$")
        run = [g for g in got if pattern.match(g)]
        if len(run) == 12 and got[i:i + 12] == run:
            got = got[:i] + [months[0]] + got[i + 12:]
    if got == want:
        print("ok")
        return 0
    print("documented %s; printed %s" % (" ".join(want), " ".join(got)))
    return 1


if __name__ == "__main__":
    sys.exit(main())
