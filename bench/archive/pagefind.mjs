// The Pagefind peer for `cargo xtask bench-archive`: the same JSON Feed items as one small
// static HTML page each, indexed by Pagefind 1.6.0 (npm, its Linux binary through
// @pagefind/linux-x64), plus a tiny search page that answers the reader's §2 query string with
// Pagefind's JS API.
//
//   node bench/archive/pagefind.mjs --out DIR FEED.json...
//
// Per item, DIR/items/<id>.html holds the title (<h1>, Pagefind's title meta), the summary and
// the body paragraphs inside data-pagefind-body, and, as attribute-only elements (no text
// added to the index), the filters district (district_id), topic (each slug), year and month,
// and the sort key date (date_published, RFC 3339 with one offset: lexical = chronological).
// The page shows what the reader's article view shows (src/views/article.rs): the date and
// time, the place (district, province, and its province since 2025), the topics' labels, the
// photo captions, the byline and the link to the source, all `data-pagefind-ignore` so that
// the index holds what the reader searches (title, summary, body) and nothing more.
// Then `npx pagefind --site DIR` writes DIR/pagefind/. DIR/search.html + search.js are the UI.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
if (outAt < 0 || !args[outAt + 1]) {
  console.error('usage: node bench/archive/pagefind.mjs --out DIR FEED.json...');
  process.exit(2);
}
const out = args[outAt + 1];
const feeds = args.filter((_, i) => i !== outAt && i !== outAt + 1);

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What the reader's article view shows besides the title and the text, as static HTML. */
function articleView(item) {
  const b = item._bantin ?? {};
  const [day, time] = [item.date_published.slice(0, 10), item.date_published.slice(11, 16)];
  const when = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` + (b.date_precision === 'minute' ? ` ${time}` : '');
  const province = b.province && (b.province_2025 && b.province_2025 !== b.province ? `${b.province} (nay: ${b.province_2025})` : b.province);
  const district = b.district && (b.district_type ? `${b.district_type} ${b.district}` : b.district);
  const place = [district, province].filter(Boolean).join(', ');
  const head = `<p data-pagefind-ignore><time datetime="${esc(item.date_published)}">${when}</time>${place ? ` <span>${esc(place)}</span>` : ''}</p>`
    + `<ul data-pagefind-ignore>${(item.tags ?? []).map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`
    + (b.captions ?? []).map((c) => `<figure data-pagefind-ignore><figcaption>${esc(c)}</figcaption></figure>`).join('');
  const authors = (item.authors ?? []).map((a) => a.name).join(', ');
  const source = /^https?:\/\//i.test(item.url ?? '') ? `<p data-pagefind-ignore><a href="${esc(item.url)}" rel="noopener noreferrer">Nguồn</a></p>` : '';
  const foot = (authors ? `<p data-pagefind-ignore>Tác giả: ${esc(authors)}</p>` : '') + source;
  return { head, foot };
}

mkdirSync(join(out, 'items'), { recursive: true });
let pages = 0;
for (const file of feeds) {
  const feed = JSON.parse(readFileSync(file, 'utf8'));
  for (const item of feed.items) {
    const b = item._bantin ?? {};
    const day = item.date_published.slice(0, 10);
    const marks = [
      b.district_id ? `<span data-pagefind-filter="district:${esc(b.district_id)}"></span>` : '',
      ...(b.topics ?? []).map((t) => `<span data-pagefind-filter="topic:${esc(t)}"></span>`),
      `<span data-pagefind-filter="year:${day.slice(0, 4)}"></span>`,
      `<span data-pagefind-filter="month:${day.slice(0, 7)}"></span>`,
      `<span data-pagefind-sort="date:${esc(item.date_published)}"></span>`,
      `<span data-pagefind-meta="date:${day}"></span>`,
    ].join('');
    const paragraphs = item.content_text.split(/\n\s*\n/).map((p) => `<p>${esc(p)}</p>`).join('\n');
    const shown = articleView(item);
    const html = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(item.title)}</title></head>
<body><main data-pagefind-body><article>${marks}
<h1>${esc(item.title)}</h1>
${shown.head}
<p>${esc(item.summary)}</p>
${paragraphs}
${shown.foot}
</article></main></body></html>
`;
    writeFileSync(join(out, 'items', `${item.id}.html`), html);
    pages += 1;
  }
}
console.error(`pagefind peer: ${pages} pages written to ${join(out, 'items')}`);

writeFileSync(join(out, 'search.html'), `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagefind peer</title></head>
<body><main><p role="status"></p><div id="results"></div></main>
<script type="module" src="search.js"></script></body></html>
`);
writeFileSync(join(out, 'search.js'), SEARCH_JS());

execFileSync('npx', ['pagefind', '--site', out], { stdio: 'inherit' });

function SEARCH_JS() {
  return `// The §2 query string → pagefind.search(term, {filters, sort}); the first 30 results'
// fragments are loaded (r.data()), as the reader renders its first 30 cards.
const pagefind = await import('./pagefind/pagefind.js');
pagefind.init();
const PAGE = 30;
const status = document.querySelector('[role=status]');
const list = document.getElementById('results');
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

function lastDay(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// Pagefind filters are exact values: a date range is a run of whole years or one whole month.
function dateFilter(from, to) {
  if (!from && !to) return [null, null];
  if (from && to && from.endsWith('-01-01') && to.endsWith('-12-31')) {
    const years = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(String(y));
    return [{ year: { any: years } }, null];
  }
  if (from && to && from.slice(0, 7) === to.slice(0, 7) && from.endsWith('-01') && Number(to.slice(8)) === lastDay(to.slice(0, 7))) {
    return [{ month: from.slice(0, 7) }, null];
  }
  return [null, 'date range ' + from + '..' + to + ' is not whole years or one month: ignored'];
}

let generation = 0;
async function render() {
  const mine = ++generation;
  const rendered = location.search;
  const p = new URLSearchParams(location.search);
  const q = (p.get('q') ?? '').trim();
  const filters = {};
  const districts = p.getAll('district');
  const topics = p.getAll('topic');
  if (districts.length) filters.district = { any: districts };
  if (topics.length) filters.topic = { any: topics };
  const [dates, unsupported] = dateFilter(p.get('from'), p.get('to'));
  Object.assign(filters, dates ?? {});
  const options = { filters };
  if (!q) options.sort = { date: 'desc' };
  const search = await pagefind.search(q || null, options);
  const results = search?.results ?? [];
  const first = await Promise.all(results.slice(0, PAGE).map((r) => r.data()));
  if (mine !== generation) return;
  status.textContent = results.length + ' tin';
  list.innerHTML = first.map((d) => '<article><h2><a href="' + esc(d.url) + '">' + esc(d.meta?.title ?? '') + '</a></h2><p>' + d.excerpt + '</p></article>').join('');
  window.__pf = { count: results.length, unsupported };
  document.body.dataset.rendered = rendered;
}
addEventListener('popstate', render);
render();
`;
}
