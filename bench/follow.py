#!/usr/bin/env python3
"""Copy a generated corpus, giving its stories' changes owners and dates.

usage: bench/follow.py SRC DEST      e.g. /tmp/oops-bench-c10000 /tmp/oops-bench-c10000-follow

The generated corpus (../shared/bench/gen_corpus.py) gives every change as
plain text, which means done. This copy turns each into a map: a status
(about half done, a quarter in progress or planned, some dropped), an owner
among 40 teams, a due date for open changes (some already past, so some are
overdue) and a done date for most done ones, all derived from the file's
name, so that two copies are the same. It measures what owners, due dates,
the board's views and owners' pages and /insights/ add to a build.
"""
import hashlib
import os
import re
import shutil
import sys
from datetime import date, timedelta

TEAMS = ["Team %02d" % i for i in range(40)]
STATUSES = ["done", "done", "done", "done", "in-progress", "planned", "planned", "dropped"]


def pick(seed, n):
    return int(hashlib.sha1(seed.encode()).hexdigest()[:8], 16) % n


def change(what, seed, story_date):
    status = STATUSES[pick(seed + "s", len(STATUSES))]
    lines = ["  - what: " + what, "    status: " + status]
    if status != "dropped":
        lines.append("    owner: " + TEAMS[pick(seed + "o", len(TEAMS))])
    if status in ("in-progress", "planned"):
        due = date(2024, 1, 1) + timedelta(days=pick(seed + "d", 1400))
        lines.append("    due: " + due.isoformat())
    if status == "done" and pick(seed + "x", 4):
        lines.append("    done: " + (story_date + timedelta(days=pick(seed + "t", 400))).isoformat())
    return lines


def convert(text, name):
    m = re.search(r"^date: (\d{4})-(\d{2})-(\d{2})$", text, re.M)
    story_date = date(int(m[1]), int(m[2]), int(m[3]))
    out, in_changes, n = [], False, 0
    for line in text.split("\n"):
        if line.startswith("changes:"):
            in_changes = True
        elif in_changes and line.startswith("  - "):
            what = line[4:]
            out.extend(change(what, "%s/%d" % (name, n), story_date))
            n += 1
            continue
        elif in_changes and not line.startswith("    "):
            in_changes = False
        out.append(line)
    return "\n".join(out)


def main(src, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(src, dest)
    stories = os.path.join(dest, "content", "stories")
    for root, _, files in os.walk(stories):
        for f in files:
            if f.endswith(".md"):
                p = os.path.join(root, f)
                with open(p, encoding="utf-8") as fh:
                    text = fh.read()
                with open(p, "w", encoding="utf-8") as fh:
                    fh.write(convert(text, f))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
