#!/bin/sh
# Screenshots of a page of every kind, at a phone's width (375 px) and a
# desktop's (1280 px), light and dark, and the printed story as a PDF and
# PNG pages, into bench/out/. They are made by the layout test of
# cmd/internal/webtest, which builds a small library of every kind of page
# and opens it in headless Chromium. Look at them after changing layouts/
# or static/css/.
#
#	bench/screenshots.sh            # into bench/out/
#	bench/screenshots.sh DIR        # into DIR
#
# Needs Debian's chromium; the printed pages also need poppler-utils.
set -eu
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-bench/out}")
mkdir -p "$out"
OOPS_SCREENSHOTS=$out go test -count=1 -run '^TestLayout$' ./cmd/internal/webtest
if command -v pdftoppm >/dev/null 2>&1; then
	pdftoppm -png -r 80 "$out/story-print.pdf" "$out/story-print"
else
	echo "no pdftoppm (apt-get install -y poppler-utils): the printed story is only $out/story-print.pdf" >&2
fi
ls "$out"
