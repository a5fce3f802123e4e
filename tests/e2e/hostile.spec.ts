// Hostile input (issue 10): OWASP's XSS filter-evasion kinds (xss-payloads.ts) in every field of
// a feed's items, in the embed snippet's data-* attributes and in the reader's URL. None may
// run (each would call the `__xssRan` binding, or open a dialog), no javascript:/data: URL may
// become a link, no markup may reach the DOM, and the page title and share text stay plain.
// All of it under the CSP and Trusted Types (fixtures.ts fails a test on any violation).
import { test, expect } from './fixtures';
import { Page, BrowserContext } from '@playwright/test';
import { createServer, Server } from 'node:http';
import { items, openFilters } from './helpers';
import { payloads, hostileUrls } from './xss-payloads';

const APP = 'http://127.0.0.1:4173/';
// The port the end-to-end build lets frame the reader (xtask/src/test.rs, E2E_FRAME_ANCESTORS).
const HOST_PORT = 4174;
const TITLE = 'Bantin — Tin tức địa phương';

// Routed feeds: a service worker would fetch the real one behind the routes' back.
test.use({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });

let ran: number[] = [];
let dialogs: string[] = [];

async function watch(context: BrowserContext, page: Page) {
  ran = [];
  dialogs = [];
  await context.exposeBinding('__xssRan', (_source, n: number) => { ran.push(n); });
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  // Share is captured, not performed: the test reads what would have been shared.
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'share', {
      value: (data: ShareData) => { (window as unknown as { __shared: ShareData[] }).__shared.push(data); return Promise.resolve(); },
    });
    (window as unknown as { __shared: ShareData[] }).__shared = [];
  });
}

/** What must hold on any page at any moment: checked in every frame. */
async function expectInert(page: Page) {
  await expectInertAt(page, APP);
}

async function expectInertAt(page: Page, app: string) {
  for (const frame of page.frames()) {
    if (!frame.url().startsWith(app)) continue;
    const found = await frame.evaluate(() => {
      const elements = [...document.querySelectorAll('*')];
      return {
        links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).protocol).filter((p) => p !== 'http:' && p !== 'https:'),
        sources: elements.map((e) => e.getAttribute('src') ?? e.getAttribute('srcdoc') ?? e.getAttribute('data') ?? '').filter((s) => /^\s*(javascript|data|vbscript):/i.test(s) || s.includes('__xssRan')),
        handlers: elements.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((name) => name.startsWith('on')),
        injected: document.querySelectorAll('main img, main svg script, main iframe, main object, main embed, main form, main input[autofocus], main details, main video, main marquee, body script, head base, head meta[http-equiv=refresh], main style, main xss, main isindex').length,
        scripts: document.querySelectorAll('script').length,
        title: document.title,
      };
    });
    expect(found.links, `links that are not web links in ${frame.url()}`).toEqual([]);
    expect(found.sources, `script sources in ${frame.url()}`).toEqual([]);
    expect(found.handlers, `event-handler attributes in ${frame.url()}`).toEqual([]);
    expect(found.injected, `elements from feed markup in ${frame.url()}`).toBe(0);
    // pwa.js (with the Trusted Types policies) and trunk's loader: nothing added.
    expect(found.scripts).toBe(2);
    expect(found.title).toBe(TITLE);
  }
  expect(ran, 'payloads that ran').toEqual([]);
  expect(dialogs, 'dialogs opened').toEqual([]);
}

/** One item per payload, the payload in every field the feed has; the rest of the item valid. */
function hostileFeed() {
  const base = items[0];
  const hostile = payloads.map((payload, n) => ({
    ...base,
    id: `hostile-${n}`,
    url: hostileUrls[n % hostileUrls.length],
    title: `Tin ${n} ${payload}`,
    summary: `Tóm tắt ${payload}`,
    content_text: `Đoạn một ${payload}\n\nĐoạn hai ${payload}`,
    authors: [{ name: payload }],
    tags: [payload, 'tin'],
    _bantin: {
      ...base._bantin,
      district: `Huyện ${payload}`,
      district_type: payload,
      district_id: `huyen-${n}`,
      district_code: payload,
      province: `Tỉnh ${payload}`,
      province_2025: `Tỉnh mới ${payload}`,
      site: payload,
      captions: [`Ảnh: ${payload}`],
    },
  }));
  // And an item whose id and topics are hostile too: read or skipped, it must not run.
  hostile.push({ ...hostile[0], id: payloads[6], _bantin: { ...hostile[0]._bantin, topics: [payloads[0]] } });
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: payloads[1], language: 'vi', items: hostile });
}

test('hostile feed: list, filters, search, every article and share stay inert', async ({ page, context }) => {
  test.setTimeout(180_000);
  await watch(context, page);
  const body = hostileFeed();
  await page.route('**/feed.json', (route) => route.fulfill({ status: 200, contentType: 'application/feed+json', body }));
  await page.goto('index.html');
  await expect(page.locator('main article').first()).toBeVisible();
  // Text, exactly as the feed has it: the markup is shown, not parsed.
  const shownTitles = await page.locator('main article h2').allInnerTexts();
  for (const title of shownTitles) expect(title).toMatch(/^Tin \d+ /);
  expect(shownTitles).toContain(`Tin 0 ${payloads[0]}`);
  await expectInert(page);

  await openFilters(page);
  await expect(page.getByRole('checkbox', { name: new RegExp(`Huyện <script>`) }).first()).toBeVisible();
  await page.getByRole('checkbox').first().check();
  await expectInert(page);
  await page.goto('index.html');
  const search = page.getByRole('searchbox', { name: 'Tìm kiếm' });
  await search.fill(payloads[6]);
  await page.waitForTimeout(400);
  await expectInert(page);

  for (let n = 0; n < payloads.length; n++) {
    await page.goto(`index.html?article=hostile-${n}`);
    await expect(page.locator('main article h1')).toHaveText(`Tin ${n} ${payloads[n]}`.replace(/\s+/g, ' ').trim());
    await expectInert(page);
  }
  // Share text is the title as text, and the link is the reader's own.
  await page.getByRole('button', { name: 'Chia sẻ' }).click();
  const shared = await page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared);
  expect(shared).toHaveLength(1);
  expect(shared[0].title).toBe(`Tin ${payloads.length - 1} ${payloads[payloads.length - 1]}`);
  expect(new URL(shared[0].url!).origin).toBe(new URL(APP).origin);
  await expectInert(page);
});

test('hostile URL parameters: nothing runs, the page title stays plain', async ({ page, context }) => {
  test.setTimeout(180_000);
  await watch(context, page);
  for (const [n, payload] of payloads.entries()) {
    const value = encodeURIComponent(payload);
    const embed = n % 2 ? '&embed=1' : '';
    await page.goto(`index.html?q=${value}&district=${value}&topic=${value}&from=${value}&to=${value}&theme=${value}&accent=${value}&lang=${value}${embed}`);
    await expect(page.locator('main')).toBeVisible();
    await expectInert(page);
    await page.goto(`index.html?article=${value}`);
    await expect(page.locator('main')).toBeVisible();
    await expectInert(page);
  }
});

test('hostile embed snippet attributes: the frame is the reader, nothing runs on the portal or in it', async ({ page, context }) => {
  test.setTimeout(120_000);
  await watch(context, page);
  const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const chosen = payloads.filter((_, n) => n % 4 === 0);
  const snippets = chosen.map((payload) => {
    const attrs = ['district', 'topic', 'theme', 'accent', 'q', 'title'].map((name) => `data-${name}="${attribute(payload)}"`).join(' ');
    return `<script src="${APP}embed.js" ${attrs} async></script>`;
  });
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng</title></head><body>${snippets.join('\n')}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(HOST_PORT, '127.0.0.1', () => resolve()));
  try {
    await page.goto(`http://127.0.0.1:${HOST_PORT}/`);
    const frames = page.locator('iframe');
    await expect(frames).toHaveCount(chosen.length);
    for (let i = 0; i < chosen.length; i++) {
      const frame = frames.nth(i);
      const src = new URL((await frame.getAttribute('src'))!);
      expect(src.origin + src.pathname).toBe(`${APP}index.html`);
      expect(src.searchParams.get('embed')).toBe('1');
      // Only the theme and accent the snippet allows reach the URL.
      expect(src.searchParams.get('theme')).toBeNull();
      expect(src.searchParams.get('accent')).toBeNull();
      expect(await frame.getAttribute('title')).toBe(chosen[i].trim());
      await frame.scrollIntoViewIfNeeded();
      await expect((await (await frame.elementHandle())!.contentFrame())!.locator('main')).toBeVisible();
    }
    // The portal's own DOM got iframes, nothing else.
    expect(await page.evaluate(() => document.body.querySelectorAll('*:not(script):not(iframe)').length)).toBe(0);
    await expectInertEmbed(page);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

/** On a portal: its title is its own; the reader frames follow the reader's rules. */
async function expectInertEmbed(page: Page) {
  expect(await page.title()).toBe('Cổng');
  for (const frame of page.frames().filter((f) => f.url().startsWith(APP))) {
    const handlers = await frame.evaluate(() => [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')));
    expect(handlers).toEqual([]);
    const links = await frame.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).protocol).filter((p) => p !== 'http:' && p !== 'https:'));
    expect(links).toEqual([]);
  }
  expect(ran).toEqual([]);
  expect(dialogs).toEqual([]);
}

test('hostile archive files: district names from the manifest, cards and article files stay inert', async ({ page, context }) => {
  test.setTimeout(120_000);
  await watch(context, page);
  // The 20,000-article archive (archive-scale.spec.ts): lists and articles come from its shards.
  const ARCHIVE = 'http://127.0.0.1:4190/';
  const hits = { manifest: 0, cards: 0, bodies: 0 };
  const cardIds: string[] = [];
  // The manifest's district names, and every card's and body's text fields, carry payloads.
  const hostileItem = (item: Record<string, any>, n: number) => ({
    ...item,
    title: `Tin ${n} ${payloads[n % payloads.length]}`,
    summary: payloads[(n + 1) % payloads.length],
    content_text: payloads[(n + 2) % payloads.length],
    url: hostileUrls[n % hostileUrls.length],
    authors: [{ name: payloads[(n + 3) % payloads.length] }],
    _bantin: { ...item._bantin, district: payloads[(n + 4) % payloads.length], captions: [payloads[(n + 5) % payloads.length]] },
  });
  let district = '';
  await page.route('**/archive/manifest-*.json', async (route) => {
    hits.manifest++;
    const manifest = await (await route.fetch()).json();
    // The biggest district: it has articles in every year.
    district = [...manifest.districts].sort((a: { count: number }, b: { count: number }) => b.count - a.count)[0].id;
    manifest.districts = manifest.districts.map((d: Record<string, unknown>, n: number) => ({ ...d, name: payloads[n % payloads.length], province: payloads[(n + 1) % payloads.length] }));
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(manifest) });
  });
  await page.route('**/archive/seg/*/cards/*.json', async (route) => {
    hits.cards++;
    const cards = await (await route.fetch()).json();
    cardIds.push(...cards.items.map((i: { id: string }) => i.id));
    cards.items = cards.items.map(hostileItem);
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(cards) });
  });
  await page.route('**/articles/*/*.json', async (route) => {
    hits.bodies++;
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(hostileItem(await (await route.fetch()).json(), hits.bodies)) });
  });
  await page.goto(ARCHIVE + 'index.html');
  await expect(page.locator('main article').first()).toBeVisible();
  // Old years: their cards come from the shards, not from feed.json; a district filter reads
  // the manifest's names.
  await page.goto(ARCHIVE + `index.html?to=2018-12-31&district=${district}`);
  await expect(page.locator('main article').first()).toBeVisible();
  await page.goto(ARCHIVE + 'index.html?to=2018-12-31');
  await expect(page.locator('main article').first()).toBeVisible();
  await openFilters(page);
  await expect(page.getByRole('checkbox', { name: /<script>/ }).first()).toBeVisible();
  await expectInertAt(page, ARCHIVE);
  for (const id of cardIds.slice(0, 5)) {
    await page.goto(ARCHIVE + `index.html?article=${id}`);
    await expect(page.locator('main article h1')).toContainText('Tin ');
    await expectInertAt(page, ARCHIVE);
  }
  expect(hits.manifest).toBeGreaterThan(0);
  expect(hits.cards).toBeGreaterThan(0);
  expect(hits.bodies).toBeGreaterThan(0);
});
