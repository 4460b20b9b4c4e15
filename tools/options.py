#!/usr/bin/env python3
"""
options.py: the options each command's --help describes, written from
the OPTIONS sections of the manual pages, so that --help and the pages
say the same: each option's forms and the first sentence of its entry.

Usage: options.py OUTPUT PAGE...
Writes a C file defining cli_options[] (struct cli_option, cli.h),
ended by an entry of NULLs.
"""
import os
import re
import sys

# Macros whose arguments are printed as they are.
PLAIN = {"Cm", "Li", "Ar", "Ic", "Ev", "Pa", "Va", "Dv", "Em", "Sy",
         "No", "Ql", "Nm", "Ms", "Tn"}
PUNCT = {",", ".", ":", ";", ")", "]", "?", "!"}


def unescape(s):
    s = s.replace("\\&", "").replace("\\e", "\\").replace("\\(em", "--")
    s = s.replace("\\(en", "-").replace("\\(aq", "'").replace("\\-", "-")
    return s.replace('"', "")


def words(line):
    """An mdoc macro line as the text it renders to."""
    toks = re.findall(r'"[^"]*"|\S+', line[1:])
    out, glue, i = [], False, 0
    while i < len(toks):
        t = toks[i]
        if t in ("Xr",) and i + 2 < len(toks):
            out.append(("", "%s(%s)" % (toks[i + 1], toks[i + 2])))
            i += 3
            continue
        if t == "Fl":
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if nxt and nxt not in PUNCT and not re.match(r"^[A-Z][a-z]$",
                                                         nxt):
                out.append(("", "-" + nxt))
                i += 2
            else:
                out.append(("", "-"))
                i += 1
            continue
        if t == "Pq":
            # The rest of the line in brackets, its closing
            # punctuation after them.
            rest = toks[i + 1:]
            tail = []
            while rest and rest[-1] in PUNCT:
                tail.insert(0, rest.pop())
            out.append(("", "(" + words(". " + " ".join(rest)) + ")"))
            out.extend(("", t) for t in tail)
            break
        if t in ("Dq", "Sq", "Qq"):
            i += 1
            continue
        if t == "Ns":
            glue = True
            i += 1
            continue
        if re.match(r"^[A-Z][a-z]$", t) and t in PLAIN | {"Op", "Oo",
                                                           "Oc"}:
            i += 1
            continue
        t = unescape(t)
        if glue and out:
            out[-1] = (out[-1][0], out[-1][1] + t)
            glue = False
        else:
            out.append(("", t))
        i += 1
    return render(out)


def render(parts):
    s = ""
    for _, w in parts:
        if w in PUNCT or not s or s.endswith("("):
            s += w
        else:
            s += " " + w
    return s


def forms(line):
    """'.It Fl e , Fl -explain Ar x' as '-e, --explain x'."""
    return words(line[3:].lstrip() and "." + line[4:])


def first_sentence(text):
    text = re.sub(r"\s+", " ", text).strip()
    m = re.search(r"(?<!e\.g)(?<!i\.e)\.(\s|$)", text)
    return text[:m.start() + 1] if m else text


def options(page):
    lines = open(page, encoding="utf-8").read().splitlines()
    out, inside, depth, cur, desc = [], False, 0, None, []

    def flush():
        if cur is not None:
            out.append((cur, first_sentence(" ".join(desc))))

    for line in lines:
        if line.startswith(".Sh "):
            if inside:
                break
            inside = line[4:].strip() == "OPTIONS"
            continue
        if not inside or line.startswith('.\\"'):
            continue
        if line.startswith(".Bl"):
            depth += 1
            continue
        if line.startswith(".El"):
            depth -= 1
            continue
        if depth == 1 and line.startswith(".It Fl"):
            flush()
            cur, desc = forms(line), []
            continue
        if cur is None or depth != 1 or line.startswith(".Pp"):
            if line.startswith(".Pp") and cur is not None:
                flush()
                cur = None
            continue
        desc.append(words(line) if line.startswith(".") else
                    unescape(line))
    flush()
    return out


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    output, pages = sys.argv[1], sys.argv[2:]
    rows = []
    for page in sorted(pages):
        m = re.match(r"ehc-([a-z0-9-]+)\.1$", os.path.basename(page))
        if not m:
            continue
        for form, desc in options(page):
            rows.append("\t{ %s, %s,\n\t    %s }," % (cstr(m.group(1)),
                        cstr(form), cstr(desc)))
    with open(output, "w", encoding="utf-8") as f:
        f.write("/* Generated from the manual pages by tools/options.py. */"
                "\n#include \"cli.h\"\n\n"
                "const struct cli_option cli_options[] = {\n")
        f.write("\n".join(rows) + "\n\t{ NULL, NULL, NULL }\n};\n")


main()
