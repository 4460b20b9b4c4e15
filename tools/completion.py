#!/usr/bin/env python3
"""
completion.py: the bash completion for ehc, written from the manual
pages, so that it offers exactly what they document: the commands, each
command's subcommands and operands from its SYNOPSIS, and its options
from OPTIONS.  The logic is the template's (completion/ehc.bash.in);
this fills in its tables.

Usage: completion.py TEMPLATE OUTPUT PAGE...
"""
import os
import re
import sys

# What an operand or an option's value completes to, by its name in the
# pages (.Ar name); anything else completes to nothing.
KINDS = {"case": "@case", "officer": "@officer", "file": "@file",
         "dir": "@dir", "date": "@date", "db": "@file"}


def section(text, name):
    """The lines of one .Sh section."""
    out, inside = [], False
    for line in text.splitlines():
        if line.startswith(".Sh "):
            inside = line[4:].strip() == name
            continue
        if inside:
            out.append(line)
    return out


def synopsis(lines, cmd):
    """Each synopsis line as its operand tokens: '=a,b' a word of those,
    '@kind' a value of that kind ('@any' for free text)."""
    forms, cur = [], None
    for line in lines:
        words = line.split()
        if not words:
            continue
        if words[0] == ".Nm":
            m = re.match(r'\.Nm\s+"?ehc ([^"]*)"?', line)
            names = m.group(1).split() if m else [cmd]
            cur = ["=" + w.replace("|", ",") for w in names[1:]]
            forms.append(cur)
            continue
        if cur is None or words[0] not in (".Ar", ".Cm", ".Op"):
            continue
        if words[0] == ".Op" and (len(words) < 2 or words[1] != "Ar"):
            continue            # an option, not an operand
        i = 1 if words[0] == ".Op" else 0
        macro = None
        while i < len(words):
            w = words[i]
            if w in ("Ar", "Cm", ".Ar", ".Cm"):
                macro = w.lstrip(".")
            elif w in ("Op", "Ns"):
                pass
            elif w == "|":
                cur[-1] += ","  # the next word is an alternative
            elif macro == "Cm":
                if cur and cur[-1].endswith(","):
                    cur[-1] += w
                else:
                    cur.append("=" + w)
            elif macro == "Ar":
                cur.append(KINDS.get(w, "@any"))
            i += 1
    return [" ".join(f) for f in forms]


def options(lines):
    """The options as 'name' (a flag) or 'name=@kind' (takes a value),
    long and short forms both."""
    out = []
    for line in lines:
        if not line.startswith(".It Fl "):
            continue
        m = re.search(r"Fl -([a-z][a-z0-9-]*)(?:\s+Ar\s+(\S+))?", line)
        s = re.match(r"\.It Fl ([a-zA-Z0-9])(?:\s+Ar\s+(\S+))?", line)
        arg = (m and m.group(2)) or (s and s.group(2))
        kind = "=" + KINDS.get(arg, "@any") if arg else ""
        if m:
            out.append("--" + m.group(1) + kind)
        if s:
            out.append("-" + s.group(1) + kind)
    return sorted(set(out))


def main():
    template, output, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
    cmds, forms, opts = [], [], []
    for page in sorted(pages):
        base = os.path.basename(page)
        m = re.match(r"ehc-([a-z0-9-]+)\.1$", base)
        if not m:
            continue
        cmd = m.group(1)
        with open(page, encoding="utf-8") as f:
            text = f.read()
        cmds.append(cmd)
        forms.append("\t[%s]=%s" % (cmd, quote(";".join(
            synopsis(section(text, "SYNOPSIS"), cmd)))))
        opts.append("\t[%s]=%s" % (cmd, quote(" ".join(
            options(section(text, "OPTIONS"))))))
    with open(template, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("@COMMANDS@", quote(" ".join(cmds)))
    text = text.replace("@FORMS@", "\n".join(forms))
    text = text.replace("@OPTIONS@", "\n".join(opts))
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)


def quote(s):
    """s as one bash word in single quotes."""
    return "'" + s.replace("'", "'\\''") + "'"


if __name__ == "__main__":
    main()
