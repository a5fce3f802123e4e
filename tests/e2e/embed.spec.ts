// Embedding (CONTRACT §4): a portal on another origin pastes the one-line snippet; the reader
// runs in an iframe that follows its content's height and trusts only its own frame's messages.
import { test, expect } from './fixtures';
import { Locator, Frame } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createServer, Server } from 'node:http';
import { items, statusCount, searchParams } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

const APP = 'http://127.0.0.1:4173/';
const HOST = 'http://127.0.0.1:4174/';

// Districts by number of articles, most first: the preset is one with several articles.
const districts = Object.entries(
  items.reduce<Record<string, number>>((n, i) => {
    const id = i._bantin.district_id;
    if (id) n[id] = (n[id] ?? 0) + 1;
    return n;
  }, {}),
).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
const [district, districtCount] = districts[0];
const [otherDistrict, otherCount] = districts[districts.length - 1];
const inDistrict = (id: string) => items.filter((i) => i._bantin.district_id === id);

const snippet = (attrs: string) => `<script src="${APP}embed.js" ${attrs} async></script>`;
const hostPages: Record<string, string> = {
  '/one': `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title></head>
    <body style="margin:0"><h1>Cổng thông tin huyện</h1>${snippet(`data-district="${district}"`)}<p id="after">Chân trang</p></body></html>`,
  '/two': `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hai khung</title></head>
    <body style="margin:0"><div id="a">${snippet(`data-district="${district}"`)}</div>
    <div id="b">${snippet(`data-district="${otherDistrict}" data-theme="dark"`)}</div></body></html>`,
};
let custom = '';

let server: Server;
test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url!, HOST).pathname;
    const body = path === '/custom' ? custom : hostPages[path];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(4174, '127.0.0.1', () => resolve()));
});
test.afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

async function frameOf(iframe: Locator): Promise<Frame> {
  const frame = await (await iframe.elementHandle())!.contentFrame();
  return frame!;
}

/** The iframe's height on the host page, and the frame document's own measures. */
async function heights(iframe: Locator) {
  const outer = await iframe.evaluate((f) => f.getBoundingClientRect().height);
  const inner = await (await frameOf(iframe)).evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    content: document.documentElement.getBoundingClientRect().height,
  }));
  return { outer, ...inner };
}

/** Wait until the iframe is as tall as its content (± 2 px); return that height. */
async function settled(iframe: Locator): Promise<number> {
  await expect.poll(async () => {
    const h = await heights(iframe);
    return Math.abs(h.outer - h.content) <= 2 && Math.abs(h.outer - h.scroll) <= 2;
  }).toBe(true);
  return (await heights(iframe)).outer;
}

async function frameCount(iframe: Locator): Promise<number> {
  return (await frameOf(iframe)).evaluate(() => Number(document.querySelector('.count[role=status]')?.textContent?.match(/\d+/)?.[0]));
}

test('the snippet inserts a titled iframe right after itself, preset to its district', async ({ page }) => {
  await page.goto(`${HOST}one`);
  const iframe = page.locator('iframe');
  await expect(iframe).toHaveCount(1);
  const placed = await page.evaluate(() => {
    const script = document.querySelector('script[src$="embed.js"]')!;
    const next = script.nextElementSibling as HTMLIFrameElement;
    return { tag: next.tagName, src: next.src, title: next.title, loading: next.getAttribute('loading'), after: next.nextElementSibling?.id };
  });
  expect(placed.tag).toBe('IFRAME');
  expect(placed.title.length).toBeGreaterThan(0);
  expect(placed.loading).toBe('lazy');
  expect(placed.after).toBe('after');
  const src = new URL(placed.src);
  expect(src.origin + src.pathname).toBe(`${APP}index.html`);
  expect(src.searchParams.get('embed')).toBe('1');
  expect(src.searchParams.getAll('district')).toEqual([district]);

  const frame = page.frameLocator('iframe');
  await expect(frame.locator('main article')).toHaveCount(districtCount);
  expect((await frame.locator('main article h2').allInnerTexts()).sort()).toEqual(inDistrict(district).map((i) => i.title).sort());
  await expect(frame.locator('.count[role=status]')).toContainText(String(districtCount));
  // Embed mode: no app bar, no site footer.
  await expect(frame.locator('header.app-bar')).toHaveCount(0);
  await expect(frame.locator('footer.site-footer')).toHaveCount(0);
});

test('the iframe follows its content height, also after filtering inside the frame', async ({ page }) => {
  await page.goto(`${HOST}one`);
  const iframe = page.locator('iframe');
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('main article')).toHaveCount(districtCount);
  const before = await settled(iframe);
  expect(before).toBeGreaterThan(100);

  // Search for one article's title: fewer cards, a shorter frame.
  const words = inDistrict(district)[0].title.split(/\s+/).filter((w) => /^\p{L}+$/u.test(w));
  await frame.getByRole('searchbox', { name: 'Tìm kiếm' }).fill(words.join(' '));
  await expect.poll(() => frameCount(iframe)).toBeLessThan(districtCount);
  const after = await settled(iframe);
  expect(after).toBeLessThan(before);

  // Opening the filter panel makes it taller (the panel is in the flow, not a fixed sheet).
  await frame.locator('button.filters-toggle').click();
  await expect(frame.locator('#filters')).toBeVisible();
  expect(await settled(iframe)).toBeGreaterThan(after);
});

test('resize messages not from the reader\'s own frame are ignored', async ({ page }) => {
  await page.goto(`${HOST}one`);
  const iframe = page.locator('iframe[src*="embed=1"]');
  await expect(page.frameLocator('iframe').locator('main article')).toHaveCount(districtCount);
  const height = await settled(iframe);

  // Delivered to the host page (so embed.js has seen it too), yet the height stays.
  const deliver = (post: string) => page.evaluate((post) => new Promise<void>((resolve) => {
    const seen = (e: MessageEvent) => {
      if (e.data && e.data.type === 'bantin:resize' && e.data.height < 10) { removeEventListener('message', seen); resolve(); }
    };
    addEventListener('message', seen);
    new Function(post)();
  }), post);
  // The host page itself.
  await deliver(`window.postMessage({ type: 'bantin:resize', height: 5 }, '*')`);
  // Another frame on the host page.
  await deliver(`const f = document.createElement('iframe');
    f.srcdoc = '<script>parent.postMessage({ type: "bantin:resize", height: 7 }, "*")<\\/script>';
    document.body.appendChild(f);`);
  await page.waitForTimeout(200);
  expect((await heights(iframe)).outer).toBeCloseTo(height, 0);
  // Junk of other shapes is ignored without errors.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.evaluate(() => { postMessage(null, '*'); postMessage('bantin:resize', '*'); postMessage({ type: 'bantin:resize', height: 'x' }, '*'); });
  await page.waitForTimeout(200);
  expect(errors).toEqual([]);
  expect((await heights(iframe)).outer).toBeCloseTo(height, 0);
});

test('several snippets on a page: each gets its own iframe and its own height', async ({ page }) => {
  await page.goto(`${HOST}two`);
  const a = page.locator('#a iframe');
  const b = page.locator('#b iframe');
  await expect(page.locator('iframe')).toHaveCount(2);
  await expect(page.frameLocator('#a iframe').locator('main article')).toHaveCount(districtCount);
  await expect(page.frameLocator('#b iframe').locator('main article')).toHaveCount(otherCount);
  await settled(a);
  await settled(b);
  // The second frame was asked for the dark theme; the first keeps the default.
  expect(await (await frameOf(b)).evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await (await frameOf(a)).evaluate(() => document.documentElement.dataset.theme)).not.toBe('dark');
  // Filtering one frame resizes that frame only.
  const bHeight = (await heights(b)).outer;
  await page.frameLocator('#a iframe').getByRole('searchbox', { name: 'Tìm kiếm' }).fill('zzzzqqq');
  await expect.poll(() => frameCount(a)).toBe(0);
  await settled(a);
  await page.waitForTimeout(200);
  expect((await heights(b)).outer).toBeCloseTo(bHeight, 0);
});

test('embed mode: no header, compact list, "Mở Bantin" opens the full app with the same filters', async ({ page }) => {
  const topic = inDistrict(district)[0]._bantin.topics[0];
  await page.goto(`index.html?embed=1&district=${district}&topic=${topic}&theme=dark&accent=%23aa0000`);
  await expect(page.locator('main article').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-embed', '');
  await expect(page.locator('header')).toHaveCount(0);
  const open = page.getByRole('link', { name: 'Mở Bantin' });
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('rel', /noopener/);
  const href = new URL((await open.getAttribute('href'))!, page.url());
  expect(href.pathname).toBe(new URL(page.url()).pathname);
  expect(href.searchParams.getAll('district')).toEqual([district]);
  expect(href.searchParams.getAll('topic')).toEqual([topic]);
  for (const gone of ['embed', 'theme', 'accent']) expect(href.searchParams.has(gone)).toBe(false);
  // The link follows filter changes made in the frame.
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('đảng');
  await expect.poll(async () => new URL((await open.getAttribute('href'))!, page.url()).searchParams.get('q')).toBe('đảng');
  // Opening it gives a new tab with the full app and the same filters.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
  await tab.waitForLoadState();
  await expect(tab.locator('header.app-bar')).toBeVisible();
  expect(searchParams(tab).getAll('district')).toEqual([district]);
  expect(searchParams(tab).get('q')).toBe('đảng');
  await tab.close();
  // Articles open inside the frame.
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('');
  await page.locator('main article a').first().click();
  await expect(page.locator('main article h1')).toBeVisible();
  expect(searchParams(page).get('embed')).toBe('1');
});

test('theme and accent parameters: dark and #rrggbb apply, anything else is ignored', async ({ page }) => {
  const look = () => page.evaluate(() => {
    const link = document.querySelector('.embed-open')!;
    return {
      theme: document.documentElement.dataset.theme,
      accent: getComputedStyle(link).getPropertyValue('--accent').trim(),
      text: getComputedStyle(link).getPropertyValue('--accent-text').trim(),
      color: getComputedStyle(link).color,
    };
  });
  await page.goto('index.html?embed=1&theme=dark&accent=%23aa0000');
  await expect(page.locator('main article').first()).toBeVisible();
  let l = await look();
  expect(l.theme).toBe('dark');
  expect(l.accent).toBe('#aa0000');
  expect(l.color).toBe('rgb(170, 0, 0)');
  expect(l.text).toBe('#fff');
  // A light accent gets dark text on it.
  await page.goto('index.html?embed=1&theme=light&accent=%23ffe066');
  await expect(page.locator('main article').first()).toBeVisible();
  l = await look();
  expect(l.theme).toBe('light');
  expect(l.accent).toBe('#ffe066');
  expect(l.text).toBe('#0b1520');
  // The theme parameter is not remembered: the stored preference is untouched.
  expect(await page.evaluate(() => localStorage.getItem('bantin.theme'))).toBeNull();

  for (const bad of ['red', '%2312345', '%23zzzzzz', '%23aa0000%3Bcolor%3Ared', 'url(x)']) {
    await page.goto(`index.html?embed=1&theme=light&accent=${bad}`);
    await expect(page.locator('main article').first()).toBeVisible();
    l = await look();
    expect(l.accent, bad).toBe('#0b5cad');
    expect(l.color, bad).toBe('rgb(11, 92, 173)');
  }
});

test('the builder page makes a snippet for the chosen district, with a live preview', async ({ page, context }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  // The footer links to it.
  await page.goto('index.html');
  await page.getByRole('link', { name: 'Nhúng Bantin vào trang của bạn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhúng Bantin vào trang của bạn');
  expect(new URL(page.url()).searchParams.has('embed-builder')).toBe(true);

  const item = inDistrict(district)[0];
  await page.getByRole('checkbox', { name: new RegExp(`${item._bantin.district}$`) }).check();
  const code = page.getByRole('textbox', { name: 'Mã nhúng' });
  await expect(code).toHaveJSProperty('readOnly', true);
  await expect(code).toHaveValue(new RegExp(`data-district="${district}"`));
  await expect(code).toHaveValue(new RegExp(`^<script src="${APP}embed.js"[^>]* async></script>$`));
  await page.locator('main').getByLabel('Giao diện', { exact: true }).selectOption('dark');
  await expect(code).toHaveValue(/data-theme="dark"/);
  await page.getByLabel('Màu nhấn').fill('#aa0000');
  await expect(code).toHaveValue(/data-accent="#aa0000"/);

  const preview = page.locator('iframe.embed-preview');
  await expect(preview).toHaveAttribute('title', 'Xem trước');
  const src = new URL((await preview.getAttribute('src'))!, page.url());
  expect(src.searchParams.get('embed')).toBe('1');
  expect(src.searchParams.getAll('district')).toEqual([district]);
  expect(src.searchParams.get('theme')).toBe('dark');
  expect(src.searchParams.get('accent')).toBe('#aa0000');
  await expect(page.frameLocator('iframe.embed-preview').locator('main article')).toHaveCount(districtCount);

  // Copy.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP.slice(0, -1) });
  await page.getByRole('button', { name: 'Sao chép' }).click();
  await expect(page.getByText('Đã sao chép')).toBeVisible();
  const value = await code.inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);

  // Fits a 360 px screen; every control has an accessible name and is large enough to tap.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  for (const control of await page.locator('main input, main select, main button, main textarea').all()) {
    const box = await control.evaluate((el) => {
      const target = (el.closest('label') ?? el).getBoundingClientRect();
      return { h: target.height, w: target.width };
    });
    expect(box.h).toBeGreaterThanOrEqual(44);
    expect(box.w).toBeGreaterThanOrEqual(44);
  }

  // The snippet works on a portal of another origin.
  custom = `<!doctype html><html><head><meta charset="utf-8"><title>Portal</title></head><body>${value}</body></html>`;
  const portal = await context.newPage();
  await portal.goto(`${HOST}custom`);
  const frame = portal.frameLocator('iframe');
  await expect(frame.locator('main article')).toHaveCount(districtCount);
  expect(await frame.locator('html').getAttribute('data-theme')).toBe('dark');
  await settled(portal.locator('iframe'));
});

test('the builder page passes axe', async ({ page }) => {
  await page.goto('index.html?embed-builder');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const result = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect(result.violations).toEqual([]);
});

test('"clear all" inside an embed returns to the portal\'s presets, not to every district', async ({ page }) => {
  await page.goto(`${APP}index.html?embed=1&district=${district}`);
  await expect.poll(() => statusCount(page)).toBe(districtCount);
  const clear = page.getByRole('button', { name: 'Xóa tất cả' });
  await expect(clear).toBeHidden();
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('zzzkhongco');
  await expect.poll(() => statusCount(page)).toBe(0);
  await clear.click();
  await expect.poll(() => statusCount(page)).toBe(districtCount);
  expect(searchParams(page).getAll('district')).toEqual([district]);
  expect(searchParams(page).get('embed')).toBe('1');
});
