// What an archive's files cost on the wire, per unit: brotli q11 bytes per article of a rows
// file, per posting of a word chunk, and per card file at blocks of 8, 4, 2 and 1
// (the written files split). The reader's cost rule for dated searches
// (crates/bantin-core/src/archive/read/bits.rs, ROW_BYTES and POSTING_BYTES) comes from the
// first two. Bodies only: response headers come on top (~400 bytes each over HTTP/1.1).
//   node scripts/wire-costs.mjs target/e2e-archive/site/archive   (after `cargo xtask test`)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'target/e2e-archive/site/archive';
const brotli = (text) => brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});
const all = files(root);

let rowBytes = 0, articles = 0;
for (const path of all.filter((p) => p.includes('/rows-'))) {
  const text = readFileSync(path, 'utf8');
  rowBytes += brotli(text);
  articles += JSON.parse(text).district.length;
}
// Every fifth word chunk: enough for a steady figure, a few seconds at 20,000 articles.
let chunkBytes = 0, postings = 0;
for (const path of all.filter((p) => p.includes('/search/word-')).sort().filter((_, i) => i % 5 === 0)) {
  const text = readFileSync(path, 'utf8');
  chunkBytes += brotli(text);
  postings += JSON.parse(text).postings.reduce((sum, list) => sum + list.length / 4, 0);
}
const SIZES = [8, 4, 2, 1];
const blocks = Object.fromEntries(SIZES.map((size) => [size, [0, 0]]));
for (const path of all.filter((p) => p.includes('/cards/')).slice(0, 400)) {
  const { segment, items } = JSON.parse(readFileSync(path, 'utf8'));
  for (const size of SIZES) {
    for (let at = 0; at < items.length; at += size) {
      blocks[size][0] += brotli(JSON.stringify({ segment, items: items.slice(at, at + size) }));
      blocks[size][1] += 1;
    }
  }
}
console.log(`rows:   ${(rowBytes / articles).toFixed(2)} B an article (${articles} articles)`);
console.log(`chunks: ${(chunkBytes / postings).toFixed(2)} B a posting (${postings} postings sampled)`);
for (const size of SIZES) console.log(`cards:  ${Math.round(blocks[size][0] / blocks[size][1])} B a file of ${size}`);
