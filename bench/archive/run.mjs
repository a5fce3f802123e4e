// The archive benchmark's browser harness (run by `cargo xtask bench-archive`).
//
//   node bench/archive/run.mjs --size N --scenarios FILE [--bantin URL --mode M] [--pagefind URL] --out FILE
//   node bench/archive/run.mjs --report OUT.json RESULTS.json...
//
// Each scenario runs in a fresh browser context (empty cache, service workers blocked) in
// Debian's Chromium, with Chrome DevTools' "Slow 4G" network and a 4× slower CPU. Bytes are the
// compressed bytes on the wire (response headers + encoded body), counted for every request of
// the context, including Pagefind's Web Worker. See bench/archive/README.md.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from '@playwright/test';

// Chrome DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts): 1.6 Mbit/s down and
// 750 kbit/s up, each ×0.9, and 150 ms × 3.75 of latency.
export const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1000 * 1000 / 8) * 0.9, uploadThroughput: (750 * 1000 / 8) * 0.9 };
export const CPU_SLOWDOWN = 4;
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);
const VIEWPORT = { width: 1280, height: 900 };

function parseArgs(argv) {
  const opts = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) opts[a.slice(2)] = argv[++i];
    else opts.files.push(a);
  }
  return opts;
}

/** Data is what the collection is made of; everything else is the app (or page) shell. */
function isData(peer, url) {
  const path = new URL(url).pathname;
  if (peer === 'bantin') return /\.json$/.test(path) && !/manifest/.test(path) || /\/(archive|articles|districts|feed)\//.test(path);
  return /\.pf_(meta|index|fragment|filter)$/.test(path) || /pagefind-entry\.json$/.test(path) || /\/items\//.test(path);
}

/** A context with throttling, byte counting and in-flight tracking. */
async function open(browser, peer) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: VIEWPORT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // The wasm instance's exports (with its memory), as trunk's loader announces them.
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { globalThis.__benchWasm = e.detail?.wasm; });
  });
  const m = { context, page, cdp, sizes: [], inflight: new Set(), lastDataEnd: 0, failed: [] };
  context.on('request', (r) => m.inflight.add(r));
  context.on('requestfinished', (r) => {
    m.inflight.delete(r);
    const data = isData(peer, r.url());
    if (data) m.lastDataEnd = Date.now();
    m.sizes.push(r.sizes().then((s) => ({ url: r.url(), data, bytes: s.responseHeadersSize + s.responseBodySize, body: s.responseBodySize }), () => ({ url: r.url(), data, bytes: 0, body: 0 })));
  });
  context.on('requestfailed', (r) => { m.inflight.delete(r); m.failed.push(r.url()); });
  return m;
}

/** Wait until no data request is pending; returns when the last one ended (ms epoch). */
async function settle(m, peer) {
  const started = Date.now();
  while ([...m.inflight].some((r) => isData(peer, r.url()))) {
    if (Date.now() - started > TIMEOUT) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return m.lastDataEnd;
}

async function traffic(m, from = 0) {
  const all = await Promise.all(m.sizes.slice(from));
  const sum = (xs) => xs.reduce((a, x) => a + x.bytes, 0);
  const data = all.filter((x) => x.data);
  const shell = all.filter((x) => !x.data);
  const by_kind = {};
  for (const x of data) {
    const k = (by_kind[kind(x.url)] ??= { requests: 0, bytes: 0 });
    k.requests += 1;
    k.bytes += x.bytes;
  }
  return { requests: all.length, bytes: sum(all), data_bytes: sum(data), data_requests: data.length, shell_bytes: sum(shell), shell_requests: shell.length, failed: m.failed.length, by_kind };
}

/** What a data file is, from its path (docs/archive.md's table; Pagefind's by its folder). */
function kind(url) {
  const path = new URL(url).pathname;
  const rules = [
    [/\/archive\/manifest-/, 'manifest'], [/\/archive\/masks-/, 'masks'], [/\/rows-[0-9a-f]+\.json$/, 'rows'], [/\/archive\/totals\//, 'totals'],
    [/\/cards\//, 'cards'], [/\/articles\//, 'article'], [/\/archive\/district\//, 'district shard'],
    [/\/archive\/topic\//, 'topic'], [/\/search\/(dir|pairs|dense)-/, 'search dir'], [/\/search\/bits-/, 'bitmaps'], [/\/search\/slice-/, 'slices'], [/\/search\/places-/, 'places'], [/\/search\/tier-/, 'tiers'], [/\/search\//, 'search chunk'],
    [/\/districts\//, 'district feed'], [/\/feed(\/|\.json)/, 'feed'],
  ];
  const hit = rules.find(([re]) => re.test(path));
  return hit ? hit[1] : path.split('/').slice(-2, -1)[0] || path;
}

// --- Bantin -------------------------------------------------------------------------------

/**
 * The list shows `expected` (status digits), is no longer busy (`<main aria-busy="false">`:
 * the answer to the current URL is in, not the previous list's count when both are equal)
 * and, when there are results, a visible first article.
 */
async function bantinListed(page, expected) {
  try {
    await page.waitForFunction((n) => {
      if (document.querySelector('main')?.getAttribute('aria-busy') === 'true') return false;
      const s = document.querySelector('[role=status]');
      if (!s || Number(s.textContent.replace(/\D/g, '')) !== n) return false;
      if (n === 0) return true;
      const a = document.querySelector('main article');
      return !!a && a.getBoundingClientRect().height > 0;
    }, expected, { polling: 'raf', timeout: TIMEOUT });
    return { ok: true };
  } catch {
    const shown = await page.evaluate(() => document.querySelector('[role=status]')?.textContent ?? null).catch(() => null);
    return { ok: false, shown };
  }
}

async function bantinMemory(page) {
  return page.evaluate(() => {
    const w = globalThis.__benchWasm;
    const wasm = w?.memory instanceof WebAssembly.Memory ? w.memory.buffer.byteLength : null;
    return { wasm_bytes: wasm, js_heap_bytes: performance.memory?.usedJSHeapSize ?? null };
  }).catch(() => ({ wasm_bytes: null, js_heap_bytes: null }));
}

async function runBantin(browser, base, s) {
  const m = await open(browser, 'bantin');
  const { page } = m;
  try {
    if (s.steps) return await tenActions(m, 'bantin', base, s.steps);
    const t0 = Date.now();
    await page.goto(base + (s.query ? '?' + s.query : ''), { waitUntil: 'commit', timeout: TIMEOUT });
    let result;
    if (s.article) {
      const ok = await page.locator('main article h1').filter({ hasText: s.article.title.slice(0, 40) }).first()
        .waitFor({ state: 'visible', timeout: TIMEOUT }).then(() => true, () => false);
      const shown = Date.now();
      const end = Math.max(shown, await settle(m, 'bantin'));
      result = { ok, ms: end - t0, ms_visible: shown - t0 };
    } else {
      const listed = await bantinListed(page, s.expected);
      const shown = Date.now();
      const end = Math.max(shown, await settle(m, 'bantin'));
      result = { ok: listed.ok, shown: listed.shown, ms: end - t0, ms_visible: shown - t0 };
    }
    return { ...result, ...(await traffic(m)), memory: await bantinMemory(page) };
  } finally {
    await m.context.close();
  }
}

// --- Pagefind -----------------------------------------------------------------------------

async function pagefindListed(page, search) {
  try {
    await page.waitForFunction((q) => document.body?.dataset.rendered === q, search, { polling: 'raf', timeout: TIMEOUT });
    return await page.evaluate(() => ({ ok: true, count: window.__pf?.count ?? null, unsupported: window.__pf?.unsupported ?? null }));
  } catch {
    return { ok: false, count: null };
  }
}

async function runPagefind(browser, base, s) {
  const m = await open(browser, 'pagefind');
  const { page } = m;
  try {
    if (s.steps) return await tenActions(m, 'pagefind', base, s.steps);
    const t0 = Date.now();
    if (s.article) {
      // A static site's deep link is the article's own page.
      const url = new URL(`items/${s.article.id}.html`, base).href;
      await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT });
      const ok = await page.locator('h1').first().waitFor({ state: 'visible', timeout: TIMEOUT }).then(() => true, () => false);
      const shown = Date.now();
      const end = Math.max(shown, await settle(m, 'pagefind'));
      return { ok, ms: end - t0, ms_visible: shown - t0, ...(await traffic(m)) };
    }
    const search = s.query ? '?' + s.query : '';
    await page.goto(base + search, { waitUntil: 'commit', timeout: TIMEOUT });
    const listed = await pagefindListed(page, search);
    const shown = Date.now();
    const end = Math.max(shown, await settle(m, 'pagefind'));
    return { ok: listed.ok, count: listed.count, unsupported: listed.unsupported, ms: end - t0, ms_visible: shown - t0, ...(await traffic(m)) };
  } finally {
    await m.context.close();
  }
}

// --- Ten actions in one page ----------------------------------------------------------------

/** Each step sets the URL (pushState + popstate, as Back/Forward do) and waits for its list. */
async function tenActions(m, peer, base, steps) {
  const { page } = m;
  const t0 = Date.now();
  await page.goto(base, { waitUntil: 'commit', timeout: TIMEOUT });
  // The page is ready when its first screen is listed.
  if (peer === 'bantin') await bantinListed(page, steps[steps.length - 1].expected);
  else await pagefindListed(page, '');
  await settle(m, peer);
  const first = { ms: Date.now() - t0, ...(await traffic(m)) };
  const out = [];
  for (const step of steps) {
    const before = m.sizes.length;
    const t = Date.now();
    const search = step.query ? '?' + step.query : '';
    // Back only after a frame: by then the app has taken the URL (its list is busy), so
    // the wait below cannot see the previous answer.
    await page.evaluate(async (q) => {
      history.pushState(null, '', q || location.pathname);
      dispatchEvent(new PopStateEvent('popstate'));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }, search);
    let r;
    if (peer === 'bantin') {
      const listed = await bantinListed(page, step.expected);
      r = { ok: listed.ok, shown: listed.shown };
    } else {
      r = await pagefindListed(page, search);
    }
    const shown = Date.now();
    const end = Math.max(shown, await settle(m, peer));
    out.push({ query: step.query, expected: step.expected, ...r, ms: end - t, ...(await traffic(m, before)) });
  }
  const sum = (k) => out.reduce((a, x) => a + (x[k] ?? 0), 0);
  const ms = out.map((x) => x.ms).sort((a, b) => a - b);
  return {
    ok: out.every((x) => x.ok),
    first_screen: first,
    steps: out,
    ms: sum('ms'),
    ms_median: ms[Math.floor(ms.length / 2)],
    ms_max: ms[ms.length - 1],
    requests: sum('requests'),
    bytes: sum('bytes'),
    data_bytes: sum('data_bytes'),
    shell_bytes: sum('shell_bytes'),
    memory: peer === 'bantin' ? await bantinMemory(page) : undefined,
  };
}

// --- Report --------------------------------------------------------------------------------

const kb = (b) => (b == null ? '—' : b < 1024 * 1024 ? `${(b / 1024).toFixed(1)} KB` : `${(b / 1024 / 1024).toFixed(2)} MB`);
const secs = (ms) => (ms == null ? '—' : `${(ms / 1000).toFixed(2)} s`);

function cell(r, expected) {
  if (!r) return '—';
  if (r.error) return `error: ${r.error}`.slice(0, 40);
  let text = `${kb(r.data_bytes)} + ${kb(r.shell_bytes)} shell, ${r.requests} req, ${secs(r.ms)}`;
  if (r.steps) text += ` (median ${secs(r.ms_median)}, max ${secs(r.ms_max)})`;
  if (!r.ok) text += r.shown != null ? ` ✗ showed "${r.shown}"` : ' ✗ timeout';
  else if (r.count != null && expected != null) text += r.count === expected ? ' ✓' : ` ✗ ${r.count} results`;
  else text += ' ✓';
  if (r.unsupported) text += ' (dates ignored)';
  return text;
}

function table(results) {
  const lines = [];
  for (const res of results) {
    lines.push('');
    lines.push(`== ${res.size} items — Bantin: ${res.bantin ? res.mode + ' mode' : 'not run'}; Pagefind: ${res.pagefind ? 'run' : 'not run (does not fit: ~250 KB of indexer memory per page)'}`);
    lines.push('   ✓ = the list showed the exact count (brute force over the items, CONTRACT §2 rules); ✗ = it did not');
    lines.push(`   network: Slow 4G (latency ${SLOW_4G.latency} ms, down ${SLOW_4G.downloadThroughput} B/s, up ${SLOW_4G.uploadThroughput} B/s), CPU ×${CPU_SLOWDOWN} slower; bytes = compressed on the wire (data + shell)`);
    const rows = res.scenarios.map((s) => [s.name + (s.expected != null ? ` [${s.expected}]` : ''), cell(s.bantin, s.expected), cell(s.pagefind, s.expected)]);
    const head = ['scenario [exact count]', 'Bantin: bytes, requests, time to list', 'Pagefind: bytes, requests, time to list'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
    lines.push(fmt(head));
    lines.push(widths.map((w) => '-'.repeat(w)).join('-|-'));
    rows.forEach((r) => lines.push(fmt(r)));
    const mem = res.scenarios.map((s) => s.bantin?.memory?.wasm_bytes).filter((x) => x != null);
    if (mem.length) lines.push(`Bantin wasm memory at the end of a scenario: ${kb(Math.min(...mem))} … ${kb(Math.max(...mem))} (max after "${res.scenarios.find((s) => s.bantin?.memory?.wasm_bytes === Math.max(...mem))?.name}")`);
    lines.push('Bantin data by file kind (requests × bytes on the wire):');
    for (const s of res.scenarios.filter((s) => s.bantin?.by_kind)) {
      const kinds = Object.entries(s.bantin.by_kind).sort((a, b) => b[1].bytes - a[1].bytes);
      lines.push(`  ${s.name}: ` + kinds.map(([k, v]) => `${k} ${v.requests}× ${kb(v.bytes)}`).join(', '));
    }
    const mismatches = res.scenarios.filter((s) => s.pagefind?.count != null && s.expected != null && s.pagefind.count !== s.expected);
    for (const s of mismatches) lines.push(`Pagefind count differs on "${s.name}": ${s.pagefind.count} vs exact ${s.expected} (q=${new URLSearchParams(s.query).get('q') ?? ''})`);
    const ten = res.scenarios.find((s) => s.steps);
    if (ten) {
      for (const peer of ['bantin', 'pagefind']) {
        const steps = ten[peer]?.steps;
        if (steps) lines.push(`ten actions, ${peer}: ` + steps.map((x, i) => `${i + 1}:${secs(x.ms)}${x.ok ? '' : '✗'}${peer === 'pagefind' && x.count !== x.expected ? `(${x.count}≠${x.expected})` : ''}`).join(' '));
      }
    }
  }
  return lines.join('\n');
}

// --- Main ----------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.report) {
    const results = opts.files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    mkdirSync(dirname(opts.report), { recursive: true });
    writeFileSync(opts.report, JSON.stringify({ network: SLOW_4G, cpu_slowdown: CPU_SLOWDOWN, results }, null, 2));
    console.log(table(results));
    console.log(`\nwritten: ${opts.report}`);
    return;
  }
  const { facts, scenarios } = JSON.parse(readFileSync(opts.scenarios, 'utf8'));
  console.error(`Slow 4G: latency ${SLOW_4G.latency} ms, download ${SLOW_4G.downloadThroughput} B/s, upload ${SLOW_4G.uploadThroughput} B/s; CPU throttling ×${CPU_SLOWDOWN}`);
  const browser = await chromium.launch(CHROMIUM);
  const out = { size: Number(opts.size), mode: opts.mode ?? null, bantin: !!opts.bantin, pagefind: !!opts.pagefind, facts, scenarios: [] };
  try {
    for (const s of scenarios) {
      const row = { ...s };
      for (const [peer, base, fn] of [['bantin', opts.bantin, runBantin], ['pagefind', opts.pagefind, runPagefind]]) {
        if (!base) continue;
        try {
          row[peer] = await fn(browser, base, s);
        } catch (e) {
          row[peer] = { ok: false, error: String(e.message ?? e).split('\n')[0] };
        }
        console.error(`${opts.size} ${peer.padEnd(8)} ${s.name.padEnd(26)} ${cell(row[peer], s.expected)}`);
      }
      out.scenarios.push(row);
    }
  } finally {
    await browser.close();
  }
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(out, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
