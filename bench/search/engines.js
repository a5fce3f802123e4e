// The engines of the search benchmark, each behind one small interface so that another can
// plug in:
//
//   {
//     name,                                  // as in the table
//     returns: 'index' | 'id',               // what `search` returns: item positions or item ids
//     wantsJson?: true,                      // build gets the corpus' JSON text as ctx.json
//     init?(): Promise,                      // load code (not timed as build)
//     build(items, ctx): Promise | void,     // index the items (timed)
//     search(text, districts | null): array  // the matching items, any order (timed)
//     memoryBytes?(): number,                // memory outside the JS heap (wasm)
//   }
//
// `items` are {id, title, summary, body, district} in feed order (newest first); `districts` is
// null (no filter) or an array of district ids (an item matches when its district is one of
// them). Every engine must give exactly the contract's answer (see semantics.mjs): the harness
// checks each one against the brute-force reference on every query before timing it.
import { fold, words, terms, NON_WORD } from './semantics.mjs';

// --- MiniSearch 7.2 -----------------------------------------------------------------------
//
// One MiniSearch over title, summary and body. `tokenize` folds the whole field first and then
// splits it into words (the contract folds first, then splits; folding once per field is also
// cheaper than once per token), so `processTerm` has nothing left to do and keeps each term.
// The same two functions apply to queries. `prefix: true` makes every query term a prefix (as
// the contract wants; MiniSearch's prefix applies to all terms, not just the last), `combineWith:
// 'AND'` requires every term, each term being looked up in all fields (any field), and fuzzy
// matching is off, since the contract has none. The district is a stored field so that the
// documented `filter` search option can test it on each result.
export function miniSearch(MiniSearch) {
  let ms = null;
  return {
    name: 'MiniSearch',
    returns: 'id',
    build(items) {
      ms = new MiniSearch({
        fields: ['title', 'summary', 'body'],
        storeFields: ['district'],
        tokenize: (text) => words(fold(text)),
        processTerm: (term) => term,
        searchOptions: { prefix: true, combineWith: 'AND', fuzzy: false },
      });
      // addAll is synchronous; addAllAsync would only split the same work into chunks.
      ms.addAll(items);
    },
    search(text, districts) {
      const opts = districts ? { filter: ((set) => (r) => set.has(r.district))(new Set(districts)) } : undefined;
      return ms.search(text, opts).map((r) => r.id);
    },
  };
}

// --- FlexSearch 0.8 -----------------------------------------------------------------------
//
// A Document index with the fields title, summary and body, each with tokenize 'forward'
// (every prefix of every word is indexed, which is what prefix matching needs) and one shared
// Encoder doing the contract's folding and splitting:
// - normalize: our fold (FlexSearch's own default is NFKD + strip U+0300–U+036F + lower case,
//   which keeps đ);
// - split: the contract's non-word characters (its default splits on anything that is not
//   \p{L} or \p{N});
// - numeric: false, else numbers are cut into triplets (2025 → 202 5);
// - dedupe: false, else repeated letters collapse (2000 → 20, "hoo" → "ho"), which is fuzzy;
// - no stemmer, filter, mapper or matcher; minlength 1 (its default), so 1-letter prefixes exist.
// Ids are item positions (FlexSearch recommends numeric ids) and no document store is kept.
//
// FlexSearch ANDs the terms of a query within one field and returns one result list per field,
// which is not the contract's "every term in any field". So the query is split into terms by
// the same rule and each term is searched alone across all fields: the union over fields is
// that term's set, and the terms' sets are intersected, rarest term first (a term with no hit
// ends the search before any set is built; later terms only test membership). `limit` is the
// corpus size, since the default (100) would cut counts short. The
// district filter applies to the rarest term's set (one array lookup per id), so the other
// terms test fewer ids; FlexSearch's tags would intersect per field and per term, more work
// for the same answer.
export function flexSearch({ Document, Encoder }) {
  let doc = null;
  let district = null;
  let limit = 0;
  return {
    name: 'FlexSearch',
    returns: 'index',
    build(items) {
      const encoder = new Encoder({ normalize: fold, split: NON_WORD, numeric: false, dedupe: false });
      const field = (name) => ({ field: name, tokenize: 'forward', encoder });
      doc = new Document({ document: { id: 'id', index: [field('title'), field('summary'), field('body')] } });
      district = items.map((it) => it.district);
      limit = items.length;
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        doc.add({ id: i, title: it.title, summary: it.summary, body: it.body });
      }
    },
    search(text, districts) {
      const ts = terms(text);
      if (ts.length === 0) return [];
      // Each term's per-field lists first: a term without a hit answers at once.
      const perTerm = [];
      for (const t of ts) {
        const fields = doc.search(t, { limit });
        let n = 0;
        for (const { result } of fields) n += result.length;
        if (n === 0) return [];
        perTerm.push({ fields, n });
      }
      // The rarest term's union (within the districts) is the start; every other term only
      // keeps what it also has.
      perTerm.sort((a, b) => a.n - b.n);
      const allowed = districts ? new Set(districts) : null;
      let acc = new Set();
      for (const { result } of perTerm[0].fields) {
        for (const id of result) if (!allowed || allowed.has(district[id])) acc.add(id);
      }
      for (let k = 1; k < perTerm.length && acc.size > 0; k++) {
        const next = new Set();
        for (const { result } of perTerm[k].fields) for (const id of result) if (acc.has(id)) next.add(id);
        acc = next;
      }
      return Array.from(acc);
    },
  };
}

// --- Bantin (bantin-core compiled to wasm) ---------------------------------------------------
//
// `bench/search/pkg/bantin_bench.js`, built by wasm-bindgen with `--target web`:
//   default export init()                     load and instantiate the wasm
//   build(items_json: string)                 index the items: the JSON array of
//                                             {id, title, summary, body, district|null} that
//                                             the page fetched (the very text, unparsed)
//   search(text: string, districts_json: string) -> Uint32Array
//                                             positions in that array; districts_json is
//                                             "null" (no filter) or a JSON array of ids
//   memory_bytes() -> number                  optional: the wasm memory in use
// The module parses the JSON itself, as the app would parse a feed, so it is handed the text.
export function bantin(mod) {
  let wasm = null;
  return {
    name: 'Bantin',
    returns: 'index',
    wantsJson: true,
    async init() {
      wasm = await mod.default();
    },
    build(items, ctx) {
      mod.build(ctx.json ?? JSON.stringify(items));
    },
    search(text, districts) {
      return mod.search(text, districts ? JSON.stringify(districts) : 'null');
    },
    memoryBytes() {
      if (typeof mod.memory_bytes === 'function') return Number(mod.memory_bytes());
      return wasm?.memory?.buffer?.byteLength ?? null;
    },
  };
}
