// The search benchmark: Bantin's engine against MiniSearch and FlexSearch in headless Chromium.
//
//   node bench/search/run.mjs [--out target/bench-search.json] [--reps 20] [--warmup 3]
//        [--seed 1] [--engines minisearch,flexsearch,bantin] [--build-timeout 600]
//        [--pkg bench/search/pkg] [--config FILE.json] FEED.json...
//   node bench/search/run.mjs --report target/bench-search.json     (the table of a run, again)
//
// FEED.json are JSON Feed files (`bantin-ingest synth --count N --seed S --out DIR/items.json`
// prints their paths). --pkg is the folder of Bantin's wasm-bindgen package (bantin_bench.js and
// its .wasm). A config file may give {feeds, out, reps, warmup, seed, engines, build_timeout,
// pkg}; command-line options win. See bench/search/README.md.
import { readFileSync, writeFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve, relative, extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { foldedText, reference, fingerprint, terms } from './semantics.mjs';
import { CLASSES, makeQueries } from './queries.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  // --expose-gc + --enable-precise-memory-info: exact heap figures after a forced GC.
  args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc', '--enable-precise-memory-info', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
};
const ENGINES = ['minisearch', 'flexsearch', 'bantin'];
const VENDOR = {
  'minisearch.js': join(ROOT, 'node_modules/minisearch/dist/es/index.js'),
  'flexsearch.js': join(ROOT, 'node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs'),
};

const log = (...a) => console.error('[bench-search]', ...a);

function parseArgs(argv) {
  const opts = { feeds: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) opts[a.slice(2).replace(/-/g, '_')] = argv[++i];
    else opts.feeds.push(a);
  }
  let conf = {};
  if (opts.config) conf = JSON.parse(readFileSync(opts.config, 'utf8'));
  const pick = (k, d) => opts[k] ?? conf[k] ?? d;
  const engines = pick('engines', ENGINES);
  return {
    help: opts.help,
    report: opts.report,
    feeds: opts.feeds.length ? opts.feeds : (conf.feeds ?? []),
    out: pick('out', 'target/bench-search.json'),
    reps: Number(pick('reps', 20)),
    warmup: Number(pick('warmup', 3)),
    seed: Number(pick('seed', 1)),
    buildTimeout: Number(pick('build_timeout', 600)) * 1000,
    pkg: resolve(pick('pkg', join(HERE, 'pkg'))),
    engines: Array.isArray(engines) ? engines : String(engines).split(',').map((s) => s.trim()).filter(Boolean),
  };
}

/** The feed items, in feed order, as the benchmark's items. */
function loadCorpus(files) {
  const items = [];
  for (const f of files) {
    const feed = JSON.parse(readFileSync(f, 'utf8'));
    if (!Array.isArray(feed.items)) throw new Error(`${f}: not a JSON Feed (no items array)`);
    for (const it of feed.items) {
      items.push({ id: it.id, title: it.title ?? '', summary: it.summary ?? '', body: it.content_text ?? '', district: it._bantin?.district_id || null });
    }
  }
  return items;
}

// --- Static server ---------------------------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm' };

function serve(corpusJson, pkgDir) {
  const files = {
    '/': join(HERE, 'page.html'),
    '/page.html': join(HERE, 'page.html'),
    '/harness.js': join(HERE, 'harness.js'),
    '/engines.js': join(HERE, 'engines.js'),
    '/semantics.mjs': join(HERE, 'semantics.mjs'),
    '/vendor/minisearch.js': VENDOR['minisearch.js'],
    '/vendor/flexsearch.js': VENDOR['flexsearch.js'],
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs.
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
    let body = null;
    let type = null;
    if (path === '/favicon.ico') {
      res.writeHead(204, headers).end();
      return;
    }
    if (path === '/corpus.json') {
      body = corpusJson;
      type = TYPES['.json'];
    } else {
      let file = files[path];
      if (!file && path.startsWith('/pkg/')) {
        const f = resolve(pkgDir, path.slice(5));
        if (f.startsWith(pkgDir + sep)) file = f;
      }
      if (file && existsSync(file) && statSync(file).isFile()) {
        body = readFileSync(file);
        type = TYPES[extname(file)] ?? 'application/octet-stream';
      }
    }
    if (body === null) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length }).end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// --- Figures ---------------------------------------------------------------------------------

function percentile(xs, q) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return cdp.send('Runtime.getHeapUsage');
}

/** The first item positions that differ between two sets (for the report). */
function diff(expected, got) {
  const e = new Set(expected);
  const g = new Set(got);
  const missing = [...e].filter((x) => !g.has(x));
  const extra = [...g].filter((x) => !e.has(x));
  return { missing: missing.length, extra: extra.length, missing_first: missing.slice(0, 5), extra_first: extra.slice(0, 5) };
}

// --- One engine --------------------------------------------------------------------------------

async function runEngine(browser, base, name, ctx) {
  const { items, queries, expected, typing, typingExpected, opts, folded } = ctx;
  const out = { engine: name };
  const context = await browser.newContext();
  const page = await context.newPage();
  let crashed = null;
  page.on('crash', () => { crashed = true; });
  page.on('console', (m) => { if (m.type() === 'error') log(`${name} console:`, m.text()); });
  page.on('pageerror', (e) => log(`${name} page error:`, e.message));
  const cdp = await context.newCDPSession(page);
  let current = 'start';
  const step = async (what, fn) => {
    current = what;
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      log(`${name}: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  };
  try {
    await page.goto(base, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    Object.assign(out, await step('setup', () => page.evaluate((n) => window.bench.setup(n), name)));
    out.load = await step('load corpus', () => page.evaluate(() => window.bench.load()));
    const before = await step('heap of the corpus', () => heap(cdp));
    out.heap_corpus = before.usedSize;
    const build = page.evaluate(() => window.bench.build());
    let timer;
    const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), opts.buildTimeout); });
    const built = await step('build', () => Promise.race([build, timeout]).finally(() => clearTimeout(timer)));
    if (built === 'timeout') {
      out.status = `build > ${opts.buildTimeout / 1000} s`;
      build.catch(() => {});
      return out;
    }
    out.build_ms = built.build_ms;
    const after = await step('heap after build', () => heap(cdp));
    out.heap_after_build = after.usedSize;
    out.heap_index = after.usedSize - before.usedSize;
    const mem = await page.evaluate(() => window.bench.memory());
    out.performance_memory_after_build = mem.used_js_heap;
    out.wasm_bytes = mem.wasm_bytes;

    // Correctness: every query once, fingerprints against the reference.
    const got = await step('check', () => page.evaluate((qs) => window.bench.check(qs), queries));
    out.check = [];
    for (let i = 0; i < queries.length; i++) {
      const g = got[i];
      const e = expected[i];
      const ok = !g.error && g.count === e.count && g.hash === e.hash;
      const row = { query: queries[i].text, class: queries[i].class, districts: queries[i].districts, expected: e.count, got: g.error ? null : g.count, ok, first_ms: g.ms };
      if (g.error) row.error = g.error;
      else if (!ok) {
        const answer = (await page.evaluate((q) => window.bench.answer(q), queries[i])).split(',').filter(Boolean).map(Number);
        row.diff = diff(reference(items, queries[i].text, queries[i].districts, folded), answer);
      }
      out.check.push(row);
    }
    out.differ = out.check.filter((r) => !r.ok).length;
    if (out.differ) log(`${name}: ${out.differ}/${queries.length} queries differ from the reference`, JSON.stringify(out.check.filter((r) => !r.ok).slice(0, 3)));

    // Latency: per class, warm-up then reps timed runs of each query.
    out.classes = {};
    out.per_query = [];
    for (const cls of CLASSES) {
      const qs = queries.filter((q) => q.class === cls);
      if (!qs.length) continue;
      const { samples } = await step(`time ${cls}`, () => page.evaluate(([q, r, w]) => window.bench.time(q, r, w), [qs, opts.reps, opts.warmup]));
      const all = samples.flat();
      out.classes[cls] = { queries: qs.length, runs: all.length, p50_ms: percentile(all, 0.5), p95_ms: percentile(all, 0.95), max_ms: Math.max(...all) };
      qs.forEach((q, i) => out.per_query.push({ class: cls, query: q.text, districts: q.districts, p50_ms: percentile(samples[i], 0.5), p95_ms: percentile(samples[i], 0.95), samples_ms: samples[i] }));
    }

    // Typing: every prefix once, in order, as keystrokes.
    const steps = await step('typing', () => page.evaluate((t) => window.bench.typing(t), typing));
    out.typing = steps.map((ss, i) => ({ text: typing[i], steps: ss.map((s, k) => ({ ...s, ok: s.count === typingExpected[i][k].count && s.hash === typingExpected[i][k].hash })) }));
    const flat = out.typing.flatMap((t) => t.steps);
    const worst = flat.reduce((a, b) => (b.ms > a.ms ? b : a), flat[0]);
    out.typing_max_ms = worst?.ms ?? null;
    out.typing_max_prefix = worst?.prefix ?? null;
    out.typing_p95_ms = percentile(flat.map((s) => s.ms), 0.95);
    out.typing_searches = flat.length;
    out.typing_differ = flat.filter((s) => !s.ok).length;
    out.status = 'ok';
    return out;
  } catch (e) {
    if (crashed) out.status = `renderer crashed during ${current}`;
    else if (!browser.isConnected()) out.status = `browser lost during ${current}`;
    else out.status = `error during ${current}: ${String(e.message ?? e).split('\n')[0]}`;
    log(`${name}: ${out.status}`);
    return out;
  } finally {
    await context.close().catch(() => {});
  }
}

// --- Table ---------------------------------------------------------------------------------------

const fmtMs = (x) => (x == null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const fmtMB = (x) => (x == null ? '—' : (x / 1048576).toFixed(1));
const fmtN = (x) => x.toLocaleString('en-US');
const ratio = (r) => (r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toPrecision(2));

function table(report) {
  const { engines, queries } = report;
  const bantin = engines.find((e) => e.engine === 'bantin' && e.status === 'ok');
  const cols = engines.map((e) => e.name ?? e.engine);
  const rows = [];
  const ok = (e) => e.status === 'ok';
  rows.push(['status', ...engines.map((e) => (ok(e) ? 'ok' : e.status))]);
  rows.push([`same sets as reference (${queries.length} queries)`, ...engines.map((e) => (!e.check ? '—' : e.differ ? `✗ ${e.differ}/${queries.length} differ` : `✓ ${queries.length}/${queries.length}`))]);
  rows.push(['index build (ms)', ...engines.map((e) => (e.build_ms == null ? '—' : fmtN(Math.round(e.build_ms))))]);
  rows.push(['JS heap after build, GC’d (MB)', ...engines.map((e) => fmtMB(e.heap_after_build))]);
  rows.push(['  of which the index (MB)', ...engines.map((e) => fmtMB(e.heap_index))]);
  rows.push(['WebAssembly memory (MB)', ...engines.map((e) => fmtMB(e.wasm_bytes))]);
  for (const cls of CLASSES) {
    const qs = queries.filter((q) => q.class === cls);
    if (!qs.length) continue;
    const hits = Math.round(qs.reduce((a, q) => a + q.expected, 0) / qs.length);
    rows.push([`${cls} (${qs.length} q, ~${fmtN(hits)} hits) p50 / p95 ms`, ...engines.map((e) => {
      const c = e.classes?.[cls];
      return c ? `${fmtMs(c.p50_ms)} / ${fmtMs(c.p95_ms)}` : '—';
    })]);
    if (bantin) {
      const b = bantin.classes?.[cls]?.p95_ms;
      rows.push(['  p95 ÷ Bantin p95', ...engines.map((e) => {
        const c = e.classes?.[cls]?.p95_ms;
        if (e === bantin || c == null || b == null) return '';
        // A p95 of a few timer steps (5 µs each) gives no meaningful ratio.
        return b < 0.05 ? `n/a (Bantin < 0.05 ms)` : `×${ratio(c / b)}`;
      })]);
    }
  }
  const n = engines.find((e) => e.typing_searches)?.typing_searches ?? 0;
  rows.push([`typing: max single search (${n} keystrokes) ms`, ...engines.map((e) => (e.typing_max_ms == null ? '—' : `${fmtMs(e.typing_max_ms)} ("${e.typing_max_prefix}")`))]);
  rows.push(['typing: p95 ms', ...engines.map((e) => fmtMs(e.typing_p95_ms))]);
  rows.push(['typing: same sets as reference', ...engines.map((e) => (e.typing == null ? '—' : e.typing_differ ? `✗ ${e.typing_differ}/${e.typing_searches} differ` : `✓ ${e.typing_searches}/${e.typing_searches}`))]);
  const widths = [Math.max(...rows.map((r) => [...r[0]].length)), ...cols.map((c, i) => Math.max([...c].length, ...rows.map((r) => [...String(r[i + 1])].length)))];
  const pad = (s, w) => s + ' '.repeat(Math.max(0, w - [...s].length));
  const line = (r) => r.map((s, i) => pad(String(s), widths[i])).join('   ').trimEnd();
  return [line(['', ...cols]), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// --- Main ------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.report) {
    // Print the table of an earlier run again.
    const report = JSON.parse(readFileSync(opts.report, 'utf8'));
    console.log(table(report));
    for (const n of report.notes ?? []) console.log(`\nNote: ${n}`);
    return;
  }
  if (opts.help || !opts.feeds.length) {
    console.error('usage: node bench/search/run.mjs [--out FILE] [--reps N] [--warmup N] [--seed S] [--engines a,b] [--build-timeout S] [--pkg DIR] [--config FILE.json] FEED.json...\n       node bench/search/run.mjs --report FILE.json');
    process.exit(opts.help ? 0 : 2);
  }
  const t0 = Date.now();
  const items = loadCorpus(opts.feeds);
  log(`${fmtN(items.length)} items from ${opts.feeds.length} feed file(s)`);
  const corpusJson = Buffer.from(JSON.stringify(items));
  const folded = items.map(foldedText);
  const { queries, typing, biggest_districts } = makeQueries(items, opts.seed, folded);
  const expected = queries.map((q) => fingerprint(reference(items, q.text, q.districts, folded)));
  queries.forEach((q, i) => { q.expected = expected[i].count; });
  // Typing answers, memoised by their terms (a prefix ending in a space repeats the last one).
  const memo = new Map();
  const typingExpected = typing.map((text) => {
    const steps = [];
    for (let k = 1; k <= text.length; k++) {
      const prefix = text.slice(0, k);
      if (!/\S/.test(prefix)) continue;
      const key = terms(prefix).join(' ');
      if (!memo.has(key)) memo.set(key, fingerprint(reference(items, prefix, null, folded)));
      steps.push(memo.get(key));
    }
    return steps;
  });
  log(`${queries.length} queries and ${typing.length} typing texts, answered by the reference in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const q of queries) log(`  [${q.class}] ${JSON.stringify(q.text)}${q.districts ? ' in ' + q.districts.join('|') : ''}: ${fmtN(q.expected)}`);

  const engines = [];
  const notes = [];
  for (const name of opts.engines) {
    if (!ENGINES.includes(name)) throw new Error(`unknown engine ${name} (known: ${ENGINES.join(', ')})`);
    if (name === 'bantin' && !existsSync(join(opts.pkg, 'bantin_bench.js'))) {
      notes.push(`Bantin skipped: ${relative(ROOT, join(opts.pkg, 'bantin_bench.js'))} does not exist (build it with wasm-bindgen --target web)`);
      continue;
    }
    if (name !== 'bantin' && !existsSync(VENDOR[name + '.js'])) throw new Error(`${VENDOR[name + '.js']} missing: run npm install`);
    engines.push(name);
  }

  const server = await serve(corpusJson, opts.pkg);
  const base = `http://127.0.0.1:${server.address().port}/`;
  let browser = null;
  let version = null;
  const results = [];
  try {
    for (const name of engines) {
      // A browser that went away (killed, crashed) is started anew for the next engine.
      if (!browser?.isConnected()) {
        if (browser) log('the browser went away: starting it again');
        browser = await chromium.launch(CHROMIUM);
        version = browser.version();
      }
      results.push(await runEngine(browser, base, name, { items, queries, expected, typing, typingExpected, opts, folded }));
      if (!browser.isConnected()) results[results.length - 1].browser_lost = true;
    }
  } finally {
    await browser?.close().catch(() => {});
    server.close();
  }

  const pkg = (p) => JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version;
  const report = {
    date: new Date().toISOString(),
    chromium: version,
    versions: { minisearch: pkg('minisearch'), flexsearch: pkg('flexsearch') },
    corpus: { feeds: opts.feeds, items: items.length, json_bytes: corpusJson.length, biggest_districts },
    settings: { pkg: existsSync(join(opts.pkg, 'bantin_bench.js')) ? opts.pkg : null, reps: opts.reps, warmup: opts.warmup, seed: opts.seed, build_timeout_s: opts.buildTimeout / 1000 },
    queries: queries.map((q) => ({ class: q.class, text: q.text, districts: q.districts, expected: q.expected })),
    typing,
    notes,
    engines: results,
  };
  const text = table(report);
  console.log(`\nSearch benchmark: ${fmtN(items.length)} items, Chromium ${report.chromium}, MiniSearch ${report.versions.minisearch}, FlexSearch ${report.versions.flexsearch}; ${opts.reps} timed runs per query after ${opts.warmup} warm-up\n`);
  console.log(text);
  for (const n of notes) console.log(`\nNote: ${n}`);
  if (results.some((r) => r.crossOriginIsolated === false)) console.log('\nNote: the page was not cross-origin isolated, so performance.now() has 100 µs steps');
  report.table = text;
  mkdirSync(dirname(resolve(opts.out)), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(report, null, 1));
  console.log(`\nwritten ${opts.out} (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
