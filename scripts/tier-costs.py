#!/usr/bin/env python3
"""What a ranked two-word search of dense terms must read of their tiers (format 10), from a
built site: the fewest best articles of each term that prove the first page's order (the
joint minimum over cuts at powers of two, with the bitmaps saying which articles have both
terms), and what the tiers the reader reads cost (brotli -q 4 when the `brotli` command is
there, as the benchmark's server compresses data at this size; else gzip -6).

    python3 scripts/tier-costs.py target/bench-archive/1000000/site han:hạn che:chế han:8 che:3

(Each term as `prefix:as typed`; then, optionally, how many of each prefix's tiers the reader
read, `prefix:count`, as the benchmark's table of file kinds and the tiers' sizes tell.)
Stdlib only; ~1 minute at 1,000,000 articles. Matching follows the archive's postings: an article matches a prefix as
the best of its words (highest weight, whole if one word is the prefix, marked if one
spelling starts with the typed form); the rank is (marked terms, whole terms, Σ idf·weight).
"""
import bisect
import glob
import gzip
import json
import math
import os
import subprocess
import sys

SHOWN = 30


def chunks_for(first_words, prefix):
    i = max(bisect.bisect_right(first_words, prefix) - 1, 0)
    out = []
    while i < len(first_words) and (first_words[i] <= prefix or first_words[i].startswith(prefix)):
        out.append(i)
        i += 1
    return out


def matches(search, generation, first_words, prefix, typed):
    """Per ordinal: (marked, whole, weight) for the prefix, from the word chunks."""
    per = {}
    for i in chunks_for(first_words, prefix):
        chunk = json.load(open(os.path.join(search, f"word-{generation}-{i}.json")))
        for word, variants, postings in zip(chunk["words"], chunk["variants"], chunk["postings"]):
            if not word.startswith(prefix):
                continue
            spellings = variants.split(" ") if variants else [word]
            ordinal = 0
            for k in range(0, len(postings), 4):
                ordinal += postings[k]
                packed = postings[k + 3]
                used = (packed >> 8) ^ 1 if variants else 1
                marked = any(s.startswith(typed) for b, s in enumerate(spellings) if used >> min(b, 31) & 1)
                weight, whole = packed & 255, word == prefix
                old = per.get(ordinal, (False, False, 0))
                per[ordinal] = (old[0] or marked, old[1] or whole, max(old[2], weight))
    return per


def main():
    site, first, second = sys.argv[1:4]
    search = os.path.join(site, "archive", "search")
    directory = json.load(open(glob.glob(os.path.join(search, "dir-*.json"))[0]))
    generation, first_words = directory["segment"], directory["first_words"]
    terms = [t.split(":") for t in (first, second)]
    total = json.load(open(os.path.join(site, "feed.json")))["_bantin"]["total"]
    a, b = (matches(search, generation, first_words, p, t) for p, t in terms)
    idf = [math.log(1 + (total - len(m) + 0.5) / (len(m) + 0.5)) for m in (a, b)]
    both = [o for o in a if o in b]

    def rank(x, y):
        return (x[0] + y[0], x[1] + y[1], idf[0] * x[2] + idf[1] * y[2])

    top = sorted((rank(a[o], b[o]), o) for o in both)[::-1]
    last = top[SHOWN - 1][0]
    key = lambda m: (m[1], m[2])  # the tiers' order: whole word, then weight
    keys = [sorted((key(m) for m in x.values()), reverse=True) for x in (a, b)]
    best = None
    # Cuts at powers of two, and at the ends of format 11's tiers (1, 2, 4, then every 4 K).
    sizes = sorted({1 << i for i in range(6, 21)} | {4096 * j for j in range(1, 40)})
    for na in sizes:
        for nb in sizes:
            if na > len(keys[0]) or nb > len(keys[1]):
                continue
            cut = (keys[0][na - 1], keys[1][nb - 1])
            bound = [(1, c[0], c[1]) for c in cut]
            proved = all(key(a[o]) >= cut[0] and key(b[o]) >= cut[1] for _, o in top[:SHOWN])
            for o in both:
                if not proved:
                    break
                ka, kb = key(a[o]) >= cut[0], key(b[o]) >= cut[1]
                if not (ka and kb) and rank(a[o] if ka else bound[0], b[o] if kb else bound[1]) >= last:
                    proved = False
            if proved:
                counts = (sum(k >= cut[0] for k in keys[0]), sum(k >= cut[1] for k in keys[1]))
                if best is None or sum(counts) < sum(best):
                    best = counts
    print(f"{terms[0][1]} {terms[1][1]}: {len(a)} and {len(b)} articles, {len(both)} with both")
    print(f"fewest best articles that prove the first {SHOWN}: {best[0]} of {terms[0][0]}, {best[1]} of {terms[1][0]}")
    read = dict(t.split(":") for t in sys.argv[4:])
    cost = 0
    for prefix in read:
        for j in range(int(read[prefix])):
            path = glob.glob(os.path.join(search, f"tier-*-{prefix}-{j}.json"))[0]
            cost += compressed(open(path, "rb").read())
    if read:
        print(f"tiers read ({', '.join(f'{p}: {n}' for p, n in read.items())}): {cost / 1024:.1f} KB on the wire (bodies)")


def compressed(data):
    try:
        return len(subprocess.run(["brotli", "-q", "4", "-c"], input=data, capture_output=True, check=True).stdout)
    except (OSError, subprocess.CalledProcessError):
        return len(gzip.compress(data, 6))


main()
