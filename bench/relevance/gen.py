#!/usr/bin/env python3
"""Writes the relevance corpus: one story a postmortem of postmortems.md.

usage: gen.py OUT_DIR
Each entry of the list becomes OUT_DIR/content/stories/<slug>.md: its first
sentence, cut to ten words, is the title and the whole sentence the summary;
the list's section is its tag; the rest of the entry and its link to the
source are the body. Slugs are the company's name and its entry number.
"""
import os
import re
import sys

ENTRY = re.compile(r"^\[([^\]]+)\]\(([^)]*)\)\.?\s*(.*)$")


def entries(path):
    section = ""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        m = ENTRY.match(line)
        if m:
            yield section, m.group(1), m.group(2), m.group(3).strip()


def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def first_sentence(text):
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def main():
    out = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    stories = os.path.join(out, "content", "stories")
    os.makedirs(stories, exist_ok=True)
    with open(os.path.join(out, "content", "_index.md"), "w") as f:
        f.write("---\ntitle: Postmortems\n---\n")
    seen = {}
    for i, (section, company, url, text) in enumerate(entries(os.path.join(here, "postmortems.md"))):
        base = slugify(company)
        seen[base] = seen.get(base, 0) + 1
        slug = "%s-%d" % (base, seen[base])
        first = first_sentence(text)
        words = first.rstrip(".!?").split()
        title = company + ": " + " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
        date = "2010-%02d-%02d" % (1 + i // 28, 1 + i % 28)
        body = text + "\n\nSource: [" + company + "](" + url + "), from Dan Luu's list of postmortems (github.com/danluu/post-mortems).\n"
        with open(os.path.join(stories, slug + ".md"), "w", encoding="utf-8") as f:
            f.write("---\ntitle: %s\ndate: %s\nsummary: %s\ntags: [%s]\n---\n\n%s" % (q(title), date, q(first), slugify(section), body))


main()
