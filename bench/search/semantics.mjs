// The search semantics every engine of the benchmark is held to (CONTRACT §2), as plain
// JavaScript that runs both in Node (query generation, the reference answers) and in the page
// (the engines' configurations import `fold`, `words` and `NON_WORD` from here, so all of them
// fold and split text exactly alike).
//
// - fold: NFD, lower case, every combining mark (\p{M}) removed, đ → d.
// - words: maximal runs of word characters, taken from the *folded* text: ASCII letters and
//   digits, and any non-ASCII character except whitespace, U+0080–U+00BF, × ÷,
//   U+2000–U+2BFF, U+3000–U+303F, U+FE30–U+FE6F, U+FF00–U+FF0F, U+FF1A–U+FF20 and
//   U+FFF0–U+FFFF (`covid-19` → `covid`, `19`). This is bantin-core's `is_word_char`; the only
//   non-ASCII whitespace outside those ranges is U+1680, so it is the one extra exclusion.
// - a query's terms are the folded words of its text; an item matches when every term is the
//   start (a prefix) of some word of its folded title, summary or body (AND across terms, any
//   field), and, with a district filter, its district is one of the given ones.

/** The word characters as the body of a regex character class (used with the `u` flag). */
const WORD_CLASS =
  '0-9A-Za-z' +
  '\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u167F' + // Latin-1 letters (not × ÷), … up to U+167F
  '\\u1681-\\u1FFF' + // U+1680 (Ogham space) is whitespace
  '\\u2C00-\\u2FFF' + // after U+2000–U+2BFF (punctuation, symbols, arrows, shapes)
  '\\u3040-\\uFE2F' + // after U+3000–U+303F (CJK punctuation)
  '\\uFE70-\\uFEFF' + // after U+FE30–U+FE6F
  '\\uFF10-\\uFF19' + // fullwidth digits (U+FF00–U+FF0F are punctuation)
  '\\uFF21-\\uFFEF' + // after U+FF1A–U+FF20; U+FFF0–U+FFFF are specials
  '\\u{10000}-\\u{10FFFF}'; // every astral character

/** One or more word characters, global. */
export const WORD = new RegExp(`[${WORD_CLASS}]+`, 'gu');
/** One or more non-word characters: a splitter (`text.split(NON_WORD)`). */
export const NON_WORD = new RegExp(`[^${WORD_CLASS}]+`, 'u');
const WORD_CHAR = new RegExp(`^[${WORD_CLASS}]$`, 'u');

const MARKS = /\p{M}+/gu;

/** NFD, lower case, combining marks removed, đ → d. */
export function fold(text) {
  return text.normalize('NFD').toLowerCase().replace(MARKS, '').replace(/đ/g, 'd');
}

/** The words of an already folded text. */
export function words(folded) {
  return folded.match(WORD) ?? [];
}

/** A query's terms: the folded words of its text. */
export function terms(query) {
  return words(fold(query));
}

/** Whether `term` (word characters only) starts a word of the folded `text`. */
export function startsWord(text, term) {
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    if (at === 0) return true;
    // The code unit before: a low surrogate is (half of) an astral character, which is a word
    // character, and the class above counts a lone surrogate as one too.
    if (!WORD_CHAR.test(text[at - 1])) return true;
  }
  return false;
}

/** An item's folded text, its fields joined by a separator that is no word character. */
export function foldedText(item) {
  return fold(item.title ?? '') + '\n' + fold(item.summary ?? '') + '\n' + fold(item.body ?? '');
}

/**
 * The exact answer by brute force: the positions (in `items`) of the items matching `query`
 * (and, when `districts` is an array, whose district is one of them), ascending.
 * `folded` (optional) caches `foldedText` per item for repeated calls.
 */
export function reference(items, query, districts = null, folded = null) {
  const ts = terms(query);
  if (ts.length === 0) return [];
  const allowed = districts ? new Set(districts) : null;
  const out = [];
  for (let i = 0; i < items.length; i++) {
    if (allowed && !allowed.has(items[i].district)) continue;
    const text = folded ? folded[i] : foldedText(items[i]);
    if (ts.every((t) => startsWord(text, t))) out.push(i);
  }
  return out;
}

/** An order-free fingerprint of a set of item positions: its size and a 32-bit hash. */
export function fingerprint(positions) {
  const sorted = Int32Array.from(new Set(positions)).sort();
  let h = 0x811c9dc5;
  for (let i = 0; i < sorted.length; i++) {
    let x = sorted[i];
    for (let b = 0; b < 4; b++) {
      h = Math.imul(h ^ (x & 0xff), 0x01000193);
      x >>>= 8;
    }
  }
  return { count: sorted.length, hash: h >>> 0 };
}
