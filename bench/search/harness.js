// The in-page half of the search benchmark (driven by run.mjs through `window.bench`).
// One page per engine: load the corpus, build the engine, answer every query once for the
// correctness check (fingerprints of the result sets), time the queries, simulate typing.
import { fingerprint } from './semantics.mjs';
import * as engines from './engines.js';

let items = null;
let idToIndex = null;
let engine = null;

async function fetchText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

/** The engine's answer as item positions (ids mapped, duplicates kept: fingerprint drops them). */
function positions(result) {
  if (engine.returns === 'index') return Array.from(result, Number);
  const out = new Array(result.length);
  for (let i = 0; i < result.length; i++) {
    const at = idToIndex.get(result[i]);
    out[i] = at === undefined ? -1 : at;
  }
  return out;
}

function run(q) {
  return engine.search(q.text, q.districts ?? null);
}

window.bench = {
  /** Load the engine's code (not part of build time). */
  async setup(name) {
    const t0 = performance.now();
    if (name === 'minisearch') engine = engines.miniSearch((await import('./vendor/minisearch.js')).default);
    else if (name === 'flexsearch') engine = engines.flexSearch(await import('./vendor/flexsearch.js'));
    else if (name === 'bantin') engine = engines.bantin(await import('./pkg/bantin_bench.js'));
    else throw new Error(`unknown engine ${name}`);
    await engine.init?.();
    return { name: engine.name, init_ms: performance.now() - t0, crossOriginIsolated: globalThis.crossOriginIsolated === true };
  },

  /** Fetch and parse the corpus (the JSON text is dropped again: the heap baseline is the items). */
  async load() {
    const t0 = performance.now();
    const text = await fetchText('./corpus.json');
    const t1 = performance.now();
    items = JSON.parse(text);
    idToIndex = new Map(items.map((it, i) => [it.id, i]));
    return { items: items.length, chars: text.length, fetch_ms: t1 - t0, parse_ms: performance.now() - t1 };
  },

  /** Build the index, timed. An engine that takes the JSON text gets it fetched first (untimed). */
  async build() {
    const ctx = {};
    if (engine.wantsJson) ctx.json = await fetchText('./corpus.json');
    const t0 = performance.now();
    await engine.build(items, ctx);
    const ms = performance.now() - t0;
    ctx.json = null;
    return { build_ms: ms };
  },

  memory() {
    return {
      used_js_heap: performance.memory?.usedJSHeapSize ?? null,
      wasm_bytes: engine?.memoryBytes ? engine.memoryBytes() : null,
    };
  },

  /** Each query once: the fingerprint of its answer (and the time, for information). */
  check(queries) {
    return queries.map((q) => {
      try {
        const t0 = performance.now();
        const r = run(q);
        const ms = performance.now() - t0;
        return { ...fingerprint(positions(r)), ms };
      } catch (e) {
        return { error: String(e?.stack ?? e) };
      }
    });
  },

  /** The full answer to one query (item positions, ascending), to show how it differs. */
  answer(q) {
    return Int32Array.from(new Set(positions(run(q)))).sort().join(',');
  },

  /** `warmup` untimed runs, then `reps` timed runs of each query; the samples in ms. */
  time(queries, reps, warmup) {
    let sink = 0;
    const out = [];
    for (const q of queries) {
      for (let i = 0; i < warmup; i++) sink += run(q).length;
      const samples = new Array(reps);
      for (let i = 0; i < reps; i++) {
        const t0 = performance.now();
        const r = run(q);
        samples[i] = performance.now() - t0;
        sink += r.length;
      }
      out.push(samples);
    }
    return { samples: out, sink };
  },

  /**
   * Typing: each text fed one keystroke (one more character) at a time, each prefix that has a
   * term searched once, as a search box would. The time of each search and its answer's
   * fingerprint (checked against the reference by run.mjs).
   */
  typing(texts) {
    return texts.map((text) => {
      const steps = [];
      for (let k = 1; k <= text.length; k++) {
        const prefix = text.slice(0, k);
        if (!/\S/.test(prefix)) continue;
        const t0 = performance.now();
        const r = engine.search(prefix, null);
        const ms = performance.now() - t0;
        steps.push({ prefix, ms, ...fingerprint(positions(r)) });
      }
      return steps;
    });
  },
};

document.body.dataset.ready = '1';
