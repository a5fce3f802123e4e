// Bad input, small screens, accessibility and preferences.
import { test, expect } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { items, openList, statusCount, openFilters } from './helpers';

test.use({ viewport: { width: 360, height: 740 } });

test('a feed that is not JSON: says what failed, Retry recovers', async ({ page }) => {
  let broken = true;
  await page.route('**/feed.json', async (route) => {
    if (broken) await route.fulfill({ status: 200, contentType: 'text/html', body: '<html>Maintenance</html>' });
    else await route.continue();
  });
  await page.goto('index.html');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Không tải được bản tin');
  await expect(alert).toContainText('not valid JSON');
  broken = false;
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await expect.poll(() => statusCount(page)).toBe(items.length);
});

test('a feed cut off in transfer: its complete articles show, and the message names the file', async ({ page }) => {
  const text = readFileSync('dist/feed.json', 'utf8');
  // Cut inside the fourth article: the three before it arrived whole.
  const cut = text.indexOf(`"id": "${items[3].id}"`) >= 0 ? text.indexOf(`"id": "${items[3].id}"`) : text.indexOf(`"id":"${items[3].id}"`);
  expect(cut).toBeGreaterThan(0);
  await page.route('**/feed.json', (route) => route.fulfill({ status: 200, contentType: 'application/feed+json', body: text.slice(0, cut + 3) }));
  await page.goto('index.html');
  await expect.poll(() => statusCount(page)).toBe(3);
  expect((await page.locator('main article h2').allInnerTexts()).sort()).toEqual(items.slice(0, 3).map((i) => i.title).sort());
  const notice = page.locator('.notice[role=alert]', { hasText: 'feed.json' });
  await expect(notice).toContainText('ends in the middle of item 4');
});

test('a missing feed: the message names the HTTP status', async ({ page }) => {
  await page.route('**/feed.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('index.html');
  await expect(page.getByRole('alert')).toContainText('404');
  await expect(page.getByRole('button', { name: 'Thử lại' })).toBeVisible();
});

test('items that break the contract are skipped, counted and named; the rest shows', async ({ page }) => {
  const good = items.slice(0, 2);
  const body = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'T', language: 'vi',
    items: [...good, { id: 'no-date', title: 'Không có ngày' }, { id: 'bad-date', title: 'Sai ngày', date_published: '30/03/2021' }],
  });
  await page.route('**/feed.json', (route) => route.fulfill({ status: 200, contentType: 'application/feed+json', body }));
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto('index.html');
  await expect.poll(() => statusCount(page)).toBe(2);
  await expect(page.getByText('2 tin không hiển thị được')).toBeVisible();
  expect(warnings.join('\n')).toContain('2 articles could not be shown');
  expect(warnings.join('\n')).toContain('no-date');
  expect(warnings.join('\n')).toContain('bad-date');
});

test('feed text is rendered as text, never as HTML', async ({ page }) => {
  const evil = { ...items[0], id: 'evil', title: '<img src=x onerror="window.pwned=1">Tiêu đề', summary: '<b>đậm</b>', url: 'javascript:alert(1)' };
  const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', language: 'vi', items: [evil] });
  await page.route('**/feed.json', (route) => route.fulfill({ status: 200, body }));
  await page.goto('index.html');
  await expect(page.locator('main article h2')).toHaveText(evil.title);
  expect(await page.locator('main article img, main article b').count()).toBe(0);
  await page.locator('main article h2 a').click();
  await expect(page.locator('main article h1')).toHaveText(evil.title);
  // A javascript: source URL is not turned into a link.
  expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
});

test('at 360 px nothing scrolls sideways (list, filters, article)', async ({ page }) => {
  await openList(page);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'target/playwright/list-360.png', fullPage: true });
  await openFilters(page);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.goto(`index.html?article=${items[0].id}`);
  await expect(page.locator('main article h1')).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'target/playwright/article-360.png', fullPage: true });
});

test('touch targets are at least 44 px tall', async ({ page }) => {
  await openList(page);
  await openFilters(page);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, .back, .card-title a, .pager a, .site-footer a')]
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const target = (e.closest('label') ?? e) as HTMLElement;
        return { tag: e.outerHTML.slice(0, 60), h: target.getBoundingClientRect().height };
      })
      .filter((x) => x.h < 44),
  );
  expect(small).toEqual([]);
});

for (const theme of ['light', 'dark']) {
  test(`axe-core finds no violations (${theme}: list, filters, article)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme as 'light' | 'dark' });
    await openList(page, '?q=huyen');
    let result = await new AxeBuilder({ page }).analyze();
    expect(result.violations).toEqual([]);
    await openFilters(page);
    result = await new AxeBuilder({ page }).analyze();
    expect(result.violations).toEqual([]);
    await page.goto(`index.html?article=${items[0].id}`);
    await expect(page.locator('main article h1')).toBeVisible();
    result = await new AxeBuilder({ page }).analyze();
    expect(result.violations).toEqual([]);
  });
}

test('keyboard only: reach the search, type, open an article with Enter', async ({ page }) => {
  await openList(page);
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText(/nội dung chính/);
  const search = page.getByRole('searchbox', { name: 'Tìm kiếm' });
  for (let i = 0; i < 12 && !(await search.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(search).toBeFocused();
  await page.keyboard.type('hoi nghi');
  await expect.poll(() => page.url()).toContain('q=hoi%20nghi');
  for (let i = 0; i < 20 && !(await page.evaluate(() => !!document.activeElement?.closest('main article'))); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('main article h1')).toBeVisible();
});

test('text size, theme and language are remembered', async ({ page }) => {
  await openList(page);
  await page.getByRole('button', { name: 'Chữ lớn hơn' }).click();
  await page.getByRole('combobox', { name: 'Giao diện' }).selectOption('dark');
  await page.getByRole('button', { name: 'Ngôn ngữ' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.locator('main article').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('115%');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
});

test('share falls back to copying the link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(() => { Object.defineProperty(navigator, 'share', { value: undefined }); });
  await page.goto(`index.html?article=${items[0].id}`);
  await page.getByRole('button', { name: 'Chia sẻ' }).click();
  await expect(page.getByText('Đã sao chép liên kết')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`article=${items[0].id}`);
});

// Routes see the page's own requests only: keep the service worker (which would fetch on its
// own once it controls the page) out of these.
test.describe('damaged archive files', () => {
  test.use({ serviceWorkers: 'block' });

  test('a broken archive file is named, and what the other files give still shows', async ({ page }) => {
    const districts = [...new Set(items.map((i: any) => i._bantin.district_id).filter(Boolean))].slice(0, 2) as string[];
    expect(districts.length).toBe(2);
    const [broken, fine] = districts;
    // One district's shard arrives as an HTML error page (a proxy's, say).
    await page.route(`**/archive/district/${broken}-*.json`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>502</title>' }));
    await page.goto(`index.html?district=${broken}&district=${fine}`);
    const notice = page.locator('.notice[role=alert]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(`district/${broken}-`);
    await expect(notice).toContainText('HTML');
    const expected = items.filter((i: any) => i._bantin.district_id === fine).map((i: any) => i.title);
    await expect.poll(async () => (await page.locator('main article h2').allInnerTexts()).sort()).toEqual(expected.sort());
  });

  test('a damaged search chunk is named, not silently dropped', async ({ page }) => {
    await page.route('**/archive/search/*.json', async (route) => {
      if (route.request().url().includes('/search/dir-') || route.request().url().includes('/search/pairs-')) return route.continue();
      const response = await route.fetch();
      const text = await response.text();
      await route.fulfill({ response, body: text.slice(0, Math.floor(text.length / 2)) });
    });
    await page.goto('index.html?q=huyện');
    const notice = page.locator('.notice[role=alert]');
    await expect(notice).toBeVisible();
    // Chunks are named by their generation, not hashed one by one (docs/archive.md): a cut
    // chunk is caught by its JSON ending early, and the message names the file.
    await expect(notice).toContainText('search/word-');
    await expect(notice).toContainText('cut short');
  });
});

test.describe('a shard cut off in transfer', () => {
  test.use({ serviceWorkers: 'block' });

  test('the cut card block is named, and the articles of the other blocks still show', async ({ page }) => {
    // The 20,000-article archive: old years read their cards from several blocks.
    const ARCHIVE = 'http://127.0.0.1:4190/';
    let cut = '';
    await page.route('**/archive/seg/*/cards/*.json', async (route) => {
      const response = await route.fetch();
      const text = await response.text();
      if (cut && cut !== route.request().url()) return route.fulfill({ response, body: text });
      cut = route.request().url();
      await route.fulfill({ response, body: text.slice(0, Math.floor(text.length / 2)) });
    });
    await page.goto(ARCHIVE + 'index.html?to=2016-12-31');
    const notice = page.locator('.notice[role=alert]', { hasText: 'cards/' });
    await expect(notice).toBeVisible();
    const name = new URL(cut).pathname.split('/archive/')[1];
    await expect(notice).toContainText(name);
    // The count stays exact (it comes from the day counts, not the cards), and the articles
    // whose cards are in other blocks show.
    const total = await statusCount(page);
    const shown = await page.locator('main article').count();
    expect(shown).toBeGreaterThan(0);
    // A page is 30; the cut block's articles are the ones missing from it.
    expect(shown).toBeLessThan(Math.min(30, total));
  });
});
