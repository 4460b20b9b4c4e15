#!/usr/bin/env python3
"""
check_report.py: open one management report in every format with the
client its readers use (json, csv, openpyxl) and check that they agree
with each other and that the workbook can be read and printed.

Usage: check_report.py NAME JSON CSV TEXT XLSX [CHART]
CHART is "chart" when the workbook must have a chart.  Prints one line
per format: "json ok", or the format and what is wrong.
"""
import csv
import datetime
import json
import sys

import openpyxl

name, jpath, cpath, tpath, xpath = sys.argv[1:6]
want_chart = len(sys.argv) > 6 and sys.argv[6] == "chart"


def report(fmt, problems):
    print(fmt, "ok" if not problems else "; ".join(problems[:3]))


# JSON: one document, the version, rows keyed by the columns.
problems = []
with open(jpath, encoding="utf-8") as f:
    doc = json.load(f)
keys = [c["key"] for c in doc["columns"]]
if doc.get("format_version") != 2 or doc.get("report") != name:
    problems.append("format_version %r report %r" %
                    (doc.get("format_version"), doc.get("report")))
if not doc["rows"]:
    problems.append("no rows")
for r in doc["rows"] + ([doc["total"]] if doc["total"] else []):
    if list(r) != keys:
        problems.append("row keys %s" % list(r))
for k in keys:
    if k != k.lower() or " " in k or "-" in k:
        problems.append("key %r is not snake_case" % k)
report("json", problems)

# CSV: the same keys, the same rows, the total last.
problems = []
with open(cpath, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
if rows[0] != keys:
    problems.append("header %s" % rows[0])
body = rows[1:]
if doc["total"]:
    if body[-1][0] != "total":
        problems.append("no total row")
    body = body[:-1]
if len(body) != len(doc["rows"]):
    problems.append("%d rows, JSON has %d" % (len(body), len(doc["rows"])))
for crow, jrow in zip(body, doc["rows"]):
    for c, k in zip(crow, keys):
        v = jrow[k]
        if v is None:
            ok = c == ""
        elif isinstance(v, str):
            ok = c == v
        else:
            ok = abs(float(c) - v) < 0.006
        if not ok:
            problems.append("%s: CSV %r, JSON %r" % (k, c, v))
report("csv", problems)

# Text: the headings, the rows, the total.
problems = []
with open(tpath, encoding="utf-8") as f:
    text = f.read().splitlines()
rules = [i for i, l in enumerate(text) if l and set(l) <= set("- ")]
if not rules:
    problems.append("no rule under the headings")
elif len(text) - rules[0] - 1 != len(doc["rows"]) + (
        2 if doc["total"] and doc["rows"] else 1 if doc["total"] else 0):
    problems.append("%d lines after the headings" % (len(text) - rules[0]))
if doc["total"] and not text[-1].startswith("Total"):
    problems.append("no total line")
report("text", problems)


def shown(cell):
    """The characters a cell shows with its number format."""
    v, fmt = cell.value, cell.number_format
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        if fmt == "mmm yyyy":
            return v.strftime("%b %Y")
        return "%d %s" % (v.day, v.strftime("%b %Y"))
    if isinstance(v, str):
        return v
    if fmt == "#,##0":
        return "{:,.0f}".format(v)
    if fmt == "\u00a3#,##0.00":
        return "\u00a3{:,.2f}".format(v)
    if fmt == "0.0%":
        return "{:.1f}%".format(v * 100)
    if fmt == "0.0":
        return "{:.1f}".format(v)
    return str(v)


def lines_at(heading, width):
    n, used = 1, 0
    for w in heading.split():
        if used and used + 1 + len(w) > width:
            n, used = n + 1, 0
        used += (1 if used else 0) + len(w)
    return n


# The workbook: as the JSON, readable without ### and printable.
problems = []
wb = openpyxl.load_workbook(xpath)
ws = wb.worksheets[0]
if ws.title != doc["title"]:
    problems.append("sheet %r" % ws.title)
heads = [c.value for c in ws[1]]
if heads != [c["heading"] for c in doc["columns"]]:
    problems.append("headings %s" % heads)
lines = 1
for i, col in enumerate(ws.iter_cols(min_row=1, max_row=ws.max_row), 1):
    letter = openpyxl.utils.get_column_letter(i)
    width = ws.column_dimensions[letter].width
    head = col[0]
    if not head.alignment.wrap_text or not head.font.b:
        problems.append("heading %s not bold and wrapped" % letter)
    if width < max(len(w) for w in head.value.split()) + 1:
        problems.append("heading %r wider than its column" % head.value)
    lines = max(lines, lines_at(head.value, width - 1))
    for cell in col[1:]:
        if len(shown(cell)) + 1 > width:
            problems.append("%s%d shows %r in width %.1f" %
                            (letter, cell.row, shown(cell), width))
if (ws.row_dimensions[1].height or 15) < 15 * lines:
    problems.append("heading row too low for %d lines" % lines)
nrows = len(doc["rows"])
last = openpyxl.utils.get_column_letter(len(keys))
if ws.auto_filter.ref != "A1:%s%d" % (last, nrows + 1):
    problems.append("filter %r" % ws.auto_filter.ref)
if ws.freeze_panes is None:
    problems.append("no frozen headings")
if doc["total"]:
    t = ws.cell(nrows + 2, 1)
    if t.value != "Total" or not t.font.b:
        problems.append("no bold total row")
    for k, cell in zip(keys, ws[nrows + 2]):
        v = doc["total"][k]
        # JSON rounds percentages and measures to one place.
        rounded = cell.number_format in ("0.0%", "0.0")
        if isinstance(v, (int, float)) and cell.value is not None and \
                abs(cell.value * (100 if cell.number_format == "0.0%"
                                  else 1) - v) > (0.051 if rounded
                                                  else 0.006):
            problems.append("total %s: %r, JSON %r" % (k, cell.value, v))
ps = ws.page_setup
if ps.orientation != "landscape" or ps.fitToHeight not in (0, "0") or \
        ps.fitToWidth not in (None, 1, "1") or \
        not ws.sheet_properties.pageSetUpPr.fitToPage:
    problems.append("not landscape, fitted to the page's width")
if ws.print_title_rows != "$1:$1":
    problems.append("headings not repeated: %r" % ws.print_title_rows)
charts = [c for s in wb.chartsheets for c in s._charts]
if want_chart:
    if len(charts) != 1:
        problems.append("%d charts on a sheet of their own" % len(charts))
    for c in charts:
        if c.y_axis.scaling.min != 0:
            problems.append("value axis from %r" % c.y_axis.scaling.min)
        if not c.series:
            problems.append("a chart with no series")
elif charts or ws._charts:
    problems.append("a chart where none belongs")
report("xlsx", problems)
