#!/usr/bin/env python3
"""What a ranked two-word search of dense terms must read of their tiers (formats 10–11), from a
built site: the fewest best articles of each term that prove the first page's order (the
joint minimum over cuts at powers of two and at format 11's tier ends, with the bitmaps
saying which articles have both terms; then the fewest of the first term exactly, the
second's cut kept), and what the tiers the reader reads cost (brotli -q 4 when the `brotli`
command is there, as the benchmark's server compresses data at this size; else gzip -6):
bytes an article on the wire against the information it holds (a position gap, a weight),
and the weights as palette places against the weights themselves.

    python3 scripts/tier-costs.py target/bench-archive/1000000/site han:hạn che:chế han:8 che:3

(Each term as `prefix:as typed`; then, optionally, how many of each prefix's tiers the reader
read, `prefix:count`, as the benchmark's table of file kinds and the tiers' sizes tell.)
Stdlib only (and the `brotli` command); ~7 minutes at 1,000,000 articles. Matching follows the archive's postings: an article matches a prefix as
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
    def proves(na, nb):
        """Whether the best `na` of the first term and `nb` of the second prove the window."""
        cut = (keys[0][na - 1], keys[1][nb - 1])
        bound = [(1, c[0], c[1]) for c in cut]
        if not all(key(a[o]) >= cut[0] and key(b[o]) >= cut[1] for _, o in top[:SHOWN]):
            return False
        for o in both:
            ka, kb = key(a[o]) >= cut[0], key(b[o]) >= cut[1]
            if not (ka and kb) and rank(a[o] if ka else bound[0], b[o] if kb else bound[1]) >= last:
                return False
        return True

    def counted(na, nb):
        """Articles at or above the cuts (ties with the last one read count too)."""
        cut = (keys[0][na - 1], keys[1][nb - 1])
        return (sum(k >= cut[0] for k in keys[0]), sum(k >= cut[1] for k in keys[1]))

    best = None
    # Cuts at powers of two, and at the ends of format 11's tiers (1, 2, 4, then every 4 K).
    sizes = sorted({1 << i for i in range(6, 21)} | {4096 * j for j in range(1, 40)})
    for na in sizes:
        for nb in sizes:
            if na <= len(keys[0]) and nb <= len(keys[1]) and proves(na, nb):
                counts = counted(na, nb)
                if best is None or sum(counts) < sum(best[0]):
                    best = (counts, na, nb)
    # Then the fewest of the first term exactly, the second's cut kept (a proof that holds
    # with more of a term read holds with all of them).
    lo, hi = 1, best[1]
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if proves(mid, best[2]) else (mid + 1, hi)
    exact = counted(lo, best[2])
    print(f"{terms[0][1]} {terms[1][1]}: {len(a)} and {len(b)} articles, {len(both)} with both")
    print(f"fewest best articles that prove the first {SHOWN}, at the cuts tried: {best[0][0]} of {terms[0][0]}, {best[0][1]} of {terms[1][0]}")
    print(f"with {exact[1]} of {terms[1][0]}, the fewest of {terms[0][0]}: {exact[0]}")
    read = dict(t.split(":") for t in sys.argv[4:])
    cost = places = weights = entries = information = 0
    for prefix in read:
        for j in range(int(read[prefix])):
            path = glob.glob(os.path.join(search, f"tier-*-{prefix}-{j}.json"))[0]
            text = open(path, "rb").read()
            tier = json.loads(text)
            cost += compressed(text)
            # The weights as the tier writes them (places in its palette), and as themselves.
            places += compressed(json.dumps(tier["weights"]).encode())
            weights += compressed(json.dumps([tier["palette"][i] for i in tier["weights"]]).encode())
            n = len(tier["weights"])
            entries += n
            # What an entry holds: a position gap (~geometric: log2 of the mean gap + 1.44
            # bits) and a weight (its entropy over the tier).
            gap = sum(tier["positions"]) / n
            uses = [tier["weights"].count(i) for i in set(tier["weights"])]
            information += n * (math.log2(max(gap, 1)) + 1.44) - sum(u * math.log2(u / n) for u in uses)
    if read:
        print(f"tiers read ({', '.join(f'{p}: {n}' for p, n in read.items())}): {entries} articles, {cost / 1024:.1f} KB on the wire (bodies), {cost / entries:.2f} bytes an article where its information is ~{information / 8 / entries:.2f}")
        print(f"their weights: {places / 1024:.1f} KB as places in the palette, {weights / 1024:.1f} KB as weights")


def compressed(data):
    try:
        return len(subprocess.run(["brotli", "-q", "4", "-c"], input=data, capture_output=True, check=True).stdout)
    except (OSError, subprocess.CalledProcessError):
        return len(gzip.compress(data, 6))


main()
