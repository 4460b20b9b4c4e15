#!/usr/bin/env python3
"""
man_options.py: every option a manual page's SYNOPSIS shows has an entry
in its OPTIONS, and no entry is swallowed into the line before it (an
".It" that does not start a line is printed as text: "2000 bytes..It Fl
w").  TAP on stdout, a test a page.

Usage: man_options.py MANDIR
"""
import glob
import os
import re
import sys

FLAG = re.compile(r"\bFl (-?[A-Za-z0-9][-A-Za-z0-9]*)")


def flags(line):
    """The options a line names; "Fl hV" is -h and -V."""
    out = set()
    for f in FLAG.findall(line):
        if f.startswith("-"):
            out.add(f)
        else:
            out.update(f)
    return out


def check(page):
    section, synopsis, options, problems = None, set(), set(), []
    with open(page, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = re.match(r"^\.Sh (\S+)", line)
            if m:
                section = m.group(1)
                continue
            if re.search(r"\S\.It\s", line):
                problems.append("line %d: an .It inside a line: %s" %
                                (n, line.strip()))
            if section == "SYNOPSIS":
                synopsis |= flags(line)
            elif section == "OPTIONS" and line.startswith(".It"):
                options |= flags(line)
    for f in sorted(synopsis - options):
        problems.append("-%s is in the SYNOPSIS but has no entry in "
                        "OPTIONS" % f)
    return problems


def main():
    pages = sorted(glob.glob(os.path.join(sys.argv[1], "*.[1-9]")))
    failed = 0
    for i, page in enumerate(pages, 1):
        problems = check(page)
        name = os.path.basename(page)
        print("%s %d - %s: every option of the SYNOPSIS is in OPTIONS" %
              ("not ok" if problems else "ok", i, name))
        for p in problems:
            print("# " + p)
        failed += bool(problems)
    print("1..%d" % len(pages))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
