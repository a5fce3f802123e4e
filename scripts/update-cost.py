#!/usr/bin/env python3
"""What a daily update rewrites (docs/archive.md, "Updates"): build an archive from a feed
without its newest N articles, build it again from the whole feed into the same directory,
and count the files the second run wrote (new or changed bytes), by kind.

    python3 scripts/update-cost.py FEED.json [--newest 1000] [--out DIR] [--ingest PATH]

FEED.json is any JSON Feed, e.g. the benchmark corpus target/bench-archive/50000/corpus/items.json
(`cargo xtask bench-archive --count 50000` makes it). The ingest binary defaults to
target/release/bantin-ingest (`cargo build --release -p bantin-ingest`).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter

KINDS = [
    (r'^articles/', 'articles'),
    (r'^archive/seg/[^/]+/cards/', 'card files'),
    (r'^archive/seg/[^/]+/rows-', 'rows'),
    (r'^archive/totals/', 'totals'),
    (r'^archive/search/word-', 'word chunks'),
    (r'^archive/search/pair-', 'pair chunks'),
    (r'^archive/search/bits-', 'bitmaps'),
    (r'^archive/search/slice-', 'slices'),
    (r'^archive/search/', 'search directories'),
    (r'^archive/district/', 'district listings'),
    (r'^districts/', 'district feeds'),
    (r'^feed/', 'feed pages'),
]


def kind(path):
    for pattern, name in KINDS:
        if re.match(pattern, path):
            return name
    return path if '/' not in path else path.split('/')[0] + '/' + re.sub(r'-[0-9a-f]{8}', '', path.split('/')[-1])


def main():
    args = argparse.ArgumentParser()
    args.add_argument('feed')
    args.add_argument('--newest', type=int, default=1000)
    args.add_argument('--out')
    args.add_argument('--ingest', default='target/release/bantin-ingest')
    opts = args.parse_args()
    with open(opts.feed, encoding='utf-8') as f:
        feed = json.load(f)
    # The newest by date (ties: any); the rest is "yesterday's archive".
    items = sorted(feed['items'], key=lambda i: i['date_published'])
    before = dict(feed, items=items[:-opts.newest])
    work = tempfile.mkdtemp(prefix='bantin-update-')
    out = opts.out or os.path.join(work, 'site')
    shutil.rmtree(out, ignore_errors=True)
    base = os.path.join(work, 'before.json')
    with open(base, 'w', encoding='utf-8') as f:
        json.dump(before, f, ensure_ascii=False)
    subprocess.run([opts.ingest, 'archive', base, '--out', out], check=True)
    # File times have a resolution of a few ms on some file systems.
    time.sleep(1.1)
    started = time.time()
    subprocess.run([opts.ingest, 'archive', opts.feed, '--out', out], check=True)
    written, total = Counter(), 0
    for root, _, files in os.walk(out):
        for name in files:
            path = os.path.relpath(os.path.join(root, name), out)
            if path.startswith('.'):
                continue
            total += 1
            if os.stat(os.path.join(root, name)).st_mtime >= started:
                written[kind(path)] += 1
    print(f'{len(feed["items"]) - opts.newest} articles, then {opts.newest} more: {sum(written.values())} files written of {total} on disk (previous generation kept)')
    for name, count in written.most_common():
        print(f'  {count:6}  {name}')
    shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
