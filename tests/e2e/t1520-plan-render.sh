#!/bin/bash
# t1520-plan-render: 'ehc draft CASE show' as Markdown, JSON and HTML.
# The HTML is validated by html5lib in strict mode (python3-html5lib), a
# parser as browsers parse, and parsed with Python's html.parser and
# checked for a
# printable, accessible document: lang="en-GB", a title, one h1, no
# skipped heading levels, every element closed in order, every table
# with a caption and header cells with a scope, a print stylesheet, and
# the user's text escaped.
. "$(dirname "$0")/lib.sh"
ehc init
c=$(ehc request new --forename Zoë --surname "O'Brien <b>" \
    --dob 2012-05-01 --received 2025-10-01)
ehc decide "$c" assess --date 2025-10-20
ehc decide "$c" issue --date 2026-01-10
cat >a.md <<'EOF'
# What matters to Zoë
Zoë says:
- **trains** & buses
- <script>alert(1)</script>

## Her hopes
1. work at the station
2. live with friends

A paragraph
that carries on.

> We want Zoë to be *happy* and to
have __friends__.

See [the Local Offer](https://www.example.gov.uk/local-offer) or
[this](javascript:alert(2)), or write to <send@example.gov.uk>.

| Who | Does what |
|-----|----------:|
| `Mum` | reads ~~daily~~ nightly |
EOF
ehc draft "$c" section A --file a.md
ehc draft "$c" need add --text "Expressive language | grammar" >/dev/null
ehc draft "$c" outcome add --text "Zoë will order lunch" --need B1 \
    --pfa independent-living >/dev/null
ehc draft "$c" provision add --text "Speech and language therapy" \
    --amount "45 minutes" --frequency weekly --by "therapist" --need B1 \
    >/dev/null
ehc draft "$c" provision add --section G --text "Epilepsy care plan" \
    >/dev/null
ehc draft "$c" issue --date 2026-02-01 2>/dev/null

ehc draft "$c" show 1 --format html >plan.html
test_desc "show --format html exits 0 with nothing on stderr"
ehc_check 0 "*" "" -- ehc draft "$c" show 1 --format html

check_html() {
	python3 - "$1" <<'EOF'
import sys
from html.parser import HTMLParser

VOID = {"meta", "link", "br", "hr", "img", "input"}
problems = []

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.headings, self.tables = [], [], []
        self.html_lang = None
        self.title = ""
        self.style = ""
        self.text = []
        self.doctype = None
        self.meta_charset = False
        self.ids = set()

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                problems.append("duplicate id " + a["id"])
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta" and a.get("charset", "").lower() == "utf-8":
            self.meta_charset = True
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "table":
            # A table written in the section's text has no caption.
            self.tables.append({"caption": a.get("class") == "text",
                                "th": 0, "scoped": 0})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            if a.get("scope") in ("col", "row"):
                self.tables[-1]["scoped"] += 1
        if tag == "script":
            problems.append("a script element")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            problems.append("</%s> closes <%s>" % (tag,
                self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data
        elif self.stack and self.stack[-1] == "style":
            self.style += data
        else:
            self.text.append(data)

p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
if (p.doctype or "").lower() != "doctype html":
    problems.append("no <!DOCTYPE html>")
if p.html_lang != "en-GB":
    problems.append("lang is %r" % p.html_lang)
if not p.meta_charset:
    problems.append("no <meta charset=utf-8>")
if not p.title.strip():
    problems.append("no title")
if p.stack:
    problems.append("unclosed: " + " ".join(p.stack))
if p.headings.count(1) != 1 or p.headings[0] != 1:
    problems.append("not exactly one h1, first")
for a, b in zip(p.headings, p.headings[1:]):
    if b > a + 1:
        problems.append("heading level skips from h%d to h%d" % (a, b))
if p.headings.count(2) != 13:
    problems.append("%d h2 headings, not 12 sections and contents"
        % p.headings.count(2))
if not p.tables:
    problems.append("no tables")
for t in p.tables:
    if not t["caption"]:
        problems.append("a table without a caption")
    if t["th"] == 0 or t["scoped"] != t["th"]:
        problems.append("a table whose header cells lack a scope")
if "@media print" not in p.style or "@page" not in p.style:
    problems.append("no print stylesheet")
text = "".join(p.text)
for want in ("<script>alert(1)</script>", "Zoë", "O'Brien <b>",
        "Expressive language | grammar"):
    if want not in text:
        problems.append("text %r is missing" % want)
print("\n".join(problems))
EOF
}

out=$(check_html plan.html)
test_expect "the HTML is a well-formed, accessible, printable document" \
    "$out" ""
test_desc "the HTML names the version"
ehc_check 0 "~<p class=\"status\">Draft plan served 1 February 2026 \
\(version 1\)</p>" "" -- ehc draft "$c" show 1 --format html
test_expect "html5lib in strict mode finds no parse error" \
    "$(/usr/bin/python3 -c '
import html5lib, sys
try:
    html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], "rb"))
    print("valid")
except Exception as e:
    print(e)' plan.html)" valid
test_desc "a block quote"
ehc_check 0 "~^<blockquote>$" "" -- ehc draft "$c" show 1 --format html
test_desc "emphasis and strong emphasis"
ehc_check 0 "~^<p>We want Zoë to be <em>happy</em> and to$" "" -- \
    ehc draft "$c" show 1 --format html
test_desc "a link, a link that is not safe left as text, a mail link"
ehc_check 0 "~^<p>See <a href=\"https://www.example.gov.uk/local-offer\">the \
Local Offer</a> or$" "" -- ehc draft "$c" show 1 --format html
test_expect "no javascript: link" "$(grep -c 'javascript' plan.html)" 0
test_expect "the mail link" "$(grep -c \
    '<a href="mailto:send@example.gov.uk">send@example.gov.uk</a>' plan.html)" 1
test_desc "a table, its columns aligned, code and struck text in it"
ehc_check 0 "~^<tr><td><code>Mum</code></td><td style=\"text-align: right\">\
reads <del>daily</del> nightly</td></tr>$" "" -- \
    ehc draft "$c" show 1 --format html
test_desc "the date of birth in words"
ehc_check 0 "~<th scope=\"row\">Date of birth</th><td>1 May 2012</td>" "" \
    -- ehc draft "$c" show 1 --format html
test_desc "the HTML renders the Markdown"
ehc_check 0 "~^<li><strong>trains</strong> &amp; buses</li>$" "" \
    -- ehc draft "$c" show 1 --format html
test_desc "a draft's section I says why it is blank"
ehc_check 0 "~Not named in a draft plan" "" \
    -- ehc draft "$c" show 1 --format html
test_desc "headings in section text sit below the section's heading"
ehc_check 0 "~^<h4>Her hopes</h4>$" "" \
    -- ehc draft "$c" show 1 --format html
test_desc "provision with missing fields says so"
ehc_check 0 "~<td><span class=\"missing\">not given</span></td>" "" \
    -- ehc draft "$c" show 1 --format html

# The working copy renders too, and so does an empty plan.
e=$(ehc request new --forename E --surname Mpty --dob 2018-01-01 \
    --received 2026-01-05)
ehc draft "$e" show --format html >empty.html
out=$(check_html empty.html | grep -v '^no tables$\|caption\|scope')
test_expect "an empty plan is still a valid document" "$out" \
    "text '<script>alert(1)</script>' is missing
text 'Zoë' is missing
text \"O'Brien <b>\" is missing
text 'Expressive language | grammar' is missing"

# Markdown: headings, tables with escaped cells.
ehc draft "$c" show 1 --format markdown >plan.md
out=$(grep -c '^## Section ' plan.md)
test_expect "Markdown has a heading per section" "$out" 12
test_desc "Markdown escapes table cells"
ehc_check 0 "~^\| B1 \| Expressive language \\\\\| grammar \|$" "" \
    -- ehc draft "$c" show 1 --format markdown
test_desc "Markdown moves the text's headings down"
ehc_check 0 "~^### What matters to Zoë$" "" \
    -- ehc draft "$c" show 1 --format markdown

# JSON parses and carries every section.
out=$(ehc draft "$c" show 1 --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["format_version"], d["version"], d["kind"], d["date"],
    " ".join(s["section"] for s in d["sections"]),
    d["sections"][5]["items"][0]["links"])')
test_expect "JSON has the version and all twelve sections" "$out" \
    "2 1 draft 2026-02-01 A B C D E F G H1 H2 I J K ['B1']"
test_desc "the working copy in JSON has no version"
ehc_check 0 "~^\{\"format_version\":2,\"case\":\"$c\",\"forename\":\"Zoë\",\
\"surname\":\"O'Brien <b>\",\"dob\":\"2012-05-01\",\"version\":null,\
\"kind\":null,\"date\":null," "" -- ehc draft "$c" show --format json

# Writing to a full device fails loudly.
if [ -w /dev/full ]; then
	test_desc "show to a full disk exits 74"
	ehc_check 74 "" "~cannot write" \
	    -- sh -c "\"\$EHC\" draft $c show --format html >/dev/full"
fi
test_done
