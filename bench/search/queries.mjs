// The benchmark's queries, drawn from the corpus with a seeded generator (same corpus and seed,
// same queries), and the typing texts. See README.md for the classes.
import { fold, words, reference } from './semantics.mjs';

export const CLASSES = ['1-letter prefix', '2–4 terms', 'no hits', 'with district filter'];

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A title's words as typed (with their marks). */
function titleWords(item) {
  return words(item.title ?? '');
}

/**
 * {queries, typing}: queries are {class, text, districts|null}; typing is 5 multi-word texts
 * to be typed one character at a time. `folded` is foldedText per item (for the no-hit check).
 */
export function makeQueries(items, seed, folded) {
  const rand = prng(seed);
  const int = (n) => Math.floor(rand() * n);
  const pick = (xs) => xs[int(xs.length)];
  const queries = [];
  const seen = new Set();
  const add = (cls, text, districts = null) => {
    const key = cls + '\u0000' + text + '\u0000' + (districts ?? []).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    queries.push({ class: cls, text, districts });
    return true;
  };
  const withTitle = items.filter((it) => titleWords(it).length >= 2);
  if (withTitle.length === 0) throw new Error('no item has a title of two words or more');

  // 1-letter prefix: the first keystroke. 8 of the 12 letters that most often start a title
  // word (folded), in a seeded order.
  const initials = new Map();
  for (const it of items) for (const w of words(fold(it.title ?? ''))) if (/^[a-z]/.test(w)) initials.set(w[0], (initials.get(w[0]) ?? 0) + 1);
  const letters = [...initials].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12).map(([l]) => l);
  for (let i = letters.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [letters[i], letters[j]] = [letters[j], letters[i]];
  }
  for (const l of letters.slice(0, 8)) add(CLASSES[0], l);

  // 2–4 terms: consecutive words of a real title. Every 3rd has its last word cut short (a
  // person still typing it); every 4th is typed without marks (folded), as many people type.
  const full = [];
  for (let i = 0, tries = 0; queries.filter((q) => q.class === CLASSES[1]).length < 20 && tries < 1000; tries++) {
    const ws = titleWords(pick(withTitle));
    const n = Math.min(ws.length, 2 + int(3));
    const start = int(ws.length - n + 1);
    const phrase = ws.slice(start, start + n);
    const partial = i % 3 === 2;
    if (partial) {
      const last = Array.from(phrase[n - 1]);
      if (last.length < 2) continue;
      phrase[n - 1] = last.slice(0, 1 + int(last.length - 1)).join('');
    }
    let text = phrase.join(' ');
    if (i % 4 === 1) text = fold(text);
    if (add(CLASSES[1], text)) {
      if (!partial) full.push(text);
      i++;
    }
  }

  // No hits: a real title word and a nonsense word (in either order), checked to match nothing.
  const nonsense = 'qwxzjfkv';
  for (let i = 0, tries = 0; queries.filter((q) => q.class === CLASSES[2]).length < 6 && tries < 1000; tries++) {
    const real = pick(titleWords(pick(withTitle)).filter((w) => Array.from(w).length >= 3) || []);
    if (!real) continue;
    let junk = '';
    for (let k = 0; k < 4 + int(3); k++) junk += nonsense[int(nonsense.length)];
    const text = i % 2 ? `${junk} ${real}` : `${real} ${junk}`;
    if (reference(items, text, null, folded).length !== 0) continue;
    if (add(CLASSES[2], text)) i++;
  }

  // With a district filter: 1–2 words of the title of an item of one of the 5 biggest
  // districts, filtered to that district.
  const size = new Map();
  items.forEach((it, i) => {
    if (it.district) (size.get(it.district) ?? size.set(it.district, []).get(it.district)).push(i);
  });
  const biggest = [...size].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  for (let i = 0, tries = 0; biggest.length && queries.filter((q) => q.class === CLASSES[3]).length < 10 && tries < 1000; tries++) {
    const [district, members] = biggest[i % biggest.length];
    const ws = titleWords(items[pick(members)]);
    if (ws.length === 0) continue;
    const n = Math.min(ws.length, 1 + (i % 2));
    const start = int(ws.length - n + 1);
    const text = ws.slice(start, start + n).join(' ');
    if (add(CLASSES[3], text, [district])) i++;
  }

  // Typing: 5 of the multi-word queries typed in full.
  const typing = full.filter((t) => t.includes(' ')).slice(0, 5);
  return { queries, typing, biggest_districts: biggest.map(([d, m]) => ({ district: d, items: m.length })) };
}
