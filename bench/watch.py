#!/usr/bin/env python3
"""Edit-to-visible latency of `oops serve`, measured as ../shared/bench/hugo_watch_latency.py
measures `hugo server`: rewrite a story, poll its URL every 10 ms until the page shows the change.

usage: bench/watch.py OOPS_BINARY CORPUS_DIR [--reps N] [--port P]

Prints the startup time (launch to the first page served), each edit's latency, the median
and the worst, the time for each of a few new stories to appear in /stories/, and the server's memory
(VmHWM: peak resident set; VmRSS: resident at the end). The corpus is restored afterwards.
"""
import argparse, os, statistics, subprocess, sys, time, urllib.request, uuid


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return None


def poll(url, want, timeout, every=0.010):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        start = time.monotonic()
        body = fetch(url)
        if body is not None and (want is None or want in body):
            return time.monotonic()
        time.sleep(max(0.0, every - (time.monotonic() - start)))
    raise SystemExit(f"timed out waiting for {want!r} at {url}")


def memory(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                out[k] = int(v.split()[0]) // 1024
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("oops")
    ap.add_argument("corpus")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--port", type=int, default=1414)
    ap.add_argument("--new", type=int, default=5, help="how many new stories to add, one at a time")
    a = ap.parse_args()
    stories = os.path.join(a.corpus, "content", "stories")
    names = sorted(os.listdir(stories))
    name = names[len(names) // 2]
    path = os.path.join(stories, name)
    base = f"http://127.0.0.1:{a.port}"
    url = f"{base}/stories/{name[:-3]}/"
    original = open(path).read()
    news = [os.path.join(stories, f"zz-bench-new-story-{i}.md") for i in range(a.new)]
    t0 = time.monotonic()
    server = subprocess.Popen([a.oops, "serve", "-source", a.corpus, "-addr", f"127.0.0.1:{a.port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        print(f"startup (launch to first page served): {poll(url, None, 600) - t0:.2f} s")
        time.sleep(1)
        lat = []
        for i in range(a.reps):
            marker = f"edit-marker-{i}-{uuid.uuid4().hex[:12]}"
            t = time.monotonic()
            with open(path, "w") as f:
                f.write(original + f"\n{marker}\n")
            lat.append((poll(url, marker, 30) - t) * 1000)
            print(f"edit {i + 1}: {lat[-1]:.0f} ms")
            time.sleep(0.2)
        print(f"median {statistics.median(lat):.0f} ms, worst {max(lat):.0f} ms over {len(lat)} edits")
        lat = []
        for i, new in enumerate(news):
            title = f"Benchmark new story {uuid.uuid4().hex[:8]}"
            t = time.monotonic()
            with open(new, "w") as f:
                f.write(f'---\ntitle: "{title}"\ndate: 2030-01-{i + 1:02d}\nsummary: "New."\ntags: [database]\n---\nBody.\n')
            lat.append((poll(base + '/stories/', title, 30) - t) * 1000)
            print(f"new story {i + 1} in /stories/: {lat[-1]:.0f} ms")
            time.sleep(0.2)
        if lat:
            print(f"new story: median {statistics.median(lat):.0f} ms, worst {max(lat):.0f} ms over {len(lat)}")
        m = memory(server.pid)
        print(f"memory: peak {m['VmHWM']} MiB, now {m['VmRSS']} MiB")
    finally:
        with open(path, "w") as f:
            f.write(original)
        for new in news:
            if os.path.exists(new):
                os.remove(new)
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
