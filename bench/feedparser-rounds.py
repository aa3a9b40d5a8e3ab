"""The Python feedparser contender of `npm run bench:parse` (bench/parse.bench.ts runs it as a child process).

Reads the document sets bench/parse-corpora.ts wrote under DIR, and measures `feedparser.parse` on each the
way the Node children measure theirs: a warm-up round, then rounds for at least BENCH_MS (and at least 2),
each timed by wall clock and by the CPU time of this process. Prints the rounds as JSON on stdout.

    python3 bench/feedparser-rounds.py NAME DIR

feedparser is not on npm and PyPI is not reachable here; Debian's python3-feedparser package is what the
bench uses when /usr/bin/python3 can import it.
"""
import json
import os
import sys
import time

import feedparser

MIN_MS = float(os.environ.get("BENCH_MS", "1500"))
MIN_ROUNDS = 2  # its rounds take seconds


def read_sets(folder):
    sets = []
    for index in sorted(os.listdir(folder), key=int):
        sub = os.path.join(folder, index)
        with open(os.path.join(sub, "name"), encoding="utf-8") as f:
            name = f.read()
        docs = []
        for entry in sorted(os.listdir(sub)):
            if entry != "name":
                with open(os.path.join(sub, entry), "rb") as f:
                    docs.append(f.read())
        sets.append((name, docs))
    return sets


def one_round(docs):
    items = 0
    for body in docs:
        # The same base URL the Node contenders give; feedparser never fetches anything for bytes.
        items += len(feedparser.parse(body, response_headers={"content-location": "https://example.com/feed"}).entries)
    return items


def main():
    name, folder = sys.argv[1], sys.argv[2]
    out = []
    for set_name, docs in read_sets(folder):
        one_round(docs)
        rounds = {"set": set_name, "name": name, "ms": [], "cpuMs": [], "items": []}
        start = time.perf_counter()
        while len(rounds["ms"]) < MIN_ROUNDS or (time.perf_counter() - start) * 1000 < MIN_MS:
            wall, cpu = time.perf_counter(), time.process_time()
            rounds["items"].append(one_round(docs))
            rounds["cpuMs"].append((time.process_time() - cpu) * 1000)
            rounds["ms"].append((time.perf_counter() - wall) * 1000)
        out.append(rounds)
    print(json.dumps(out))


main()
