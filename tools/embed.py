#!/usr/bin/env python3
"""Write a C file defining a NUL-terminated byte array with a file's bytes.

Usage: embed.py INPUT OUTPUT SYMBOL
"""
import sys

data = open(sys.argv[1], "rb").read() + b"\0"
with open(sys.argv[2], "w") as out:
    out.write("/* Generated from %s by tools/embed.py. */\n"
              % sys.argv[1].split("/")[-1])
    out.write("const unsigned char %s[] = {\n" % sys.argv[3])
    for i in range(0, len(data), 12):
        out.write("\t" + ", ".join("0x%02x" % b for b in data[i:i + 12])
                  + ",\n")
    out.write("};\n")
