// The reader as a citizen uses it: filter, search, open, come back, share links.
import { test, expect } from './fixtures';
import { items, fold, openList, statusCount, listedTitles, searchParams, openFilters } from './helpers';
import { Site } from './site';

test.use({ viewport: { width: 390, height: 844 } });

const byDate = [...items].sort((a, b) => b.date_published.localeCompare(a.date_published) || a.id.localeCompare(b.id));

test('the list shows every article newest first, with its count', async ({ page }) => {
  await openList(page);
  expect(await statusCount(page)).toBe(items.length);
  expect(await listedTitles(page)).toEqual(byDate.map((i) => i.title));
  // Each card links to its article, keeping the (empty) filters.
  const first = page.locator('main article').first();
  await expect(first.getByRole('link')).toHaveAttribute('href', `?article=${byDate[0].id}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('filter by one district, then two: counts and URL follow', async ({ page }) => {
  await openList(page);
  const historyBefore = await page.evaluate(() => history.length);
  await openFilters(page);
  const districts = [...new Set(items.map((i) => i._bantin.district_id).filter(Boolean))] as string[];
  const first = items.find((i) => i._bantin.district_id === districts[0])!;
  const expected = items.filter((i) => i._bantin.district_id === districts[0]).length;
  const box = page.getByRole('checkbox', { name: new RegExp(first._bantin.district!) });
  await expect(box).toBeVisible();
  // The count beside the district is the number it would give.
  await expect(box.locator('xpath=..')).toContainText(String(expected));
  await box.check();
  await expect.poll(() => statusCount(page)).toBe(expected);
  expect(searchParams(page).getAll('district')).toEqual([districts[0]]);

  const second = items.find((i) => i._bantin.district_id === districts[1])!;
  await page.getByRole('checkbox', { name: new RegExp(second._bantin.district!) }).check();
  const both = items.filter((i) => districts.slice(0, 2).includes(i._bantin.district_id!)).length;
  await expect.poll(() => statusCount(page)).toBe(both);
  expect(searchParams(page).getAll('district').sort()).toEqual(districts.slice(0, 2).sort());
  // A filter change replaces the history entry instead of adding one per click.
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
});

test('the district finder ignores diacritics', async ({ page }) => {
  await openList(page);
  await openFilters(page);
  const target = items.find((i) => i._bantin.district)!._bantin.district!;
  await page.getByRole('searchbox', { name: 'Tìm huyện' }).fill(fold(target));
  const visible = page.locator('#filters label.check:visible');
  await expect(visible.first()).toBeVisible();
  const labels = await visible.locator('.check-label').allInnerTexts();
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) expect(fold(label)).toContain(fold(target));
  // Other districts are hidden, not removed: clearing the finder brings them back.
  await page.getByRole('searchbox', { name: 'Tìm huyện' }).fill('');
  const all = new Set(items.map((i) => i._bantin.district_id).filter(Boolean)).size;
  await expect(page.locator('#filters label.check:visible')).toHaveCount(all);
});

test('filter by topic chip: pressed state, count and URL', async ({ page }) => {
  await openList(page);
  await openFilters(page);
  const chips = page.locator('#filters button.chip');
  const n = await chips.count();
  expect(n).toBeGreaterThan(0);
  await chips.first().click();
  await expect(chips.first()).toHaveAttribute('aria-pressed', 'true');
  const chosen = searchParams(page).getAll('topic');
  expect(chosen.length).toBe(1);
  const count = items.filter((i) => i._bantin.topics.includes(chosen[0])).length;
  await expect.poll(() => statusCount(page)).toBe(count);
  // The chip shows the number it gives, and it is not zero (it came from the feed).
  await expect(chips.first().locator('.count')).toHaveText(String(count));
  expect(count).toBeGreaterThan(0);
  // A second topic widens the result (OR within a facet).
  if (n > 1) {
    await chips.nth(1).click();
    const both = searchParams(page).getAll('topic');
    expect(both.length).toBe(2);
    const either = items.filter((i) => i._bantin.topics.some((t) => both.includes(t))).length;
    await expect.poll(() => statusCount(page)).toBe(either);
  }
});

test('works from a sub-path on a plain static server (no rewrites)', async ({ page }) => {
  const site = new Site(4179, '/tin/');
  await site.start();
  try {
    await page.goto(site.url());
    await expect.poll(() => statusCount(page)).toBe(items.length);
    const district = items[0]._bantin.district_id!;
    await page.goto(site.url(`?district=${district}`));
    const expected = items.filter((i) => i._bantin.district_id === district).length;
    await expect.poll(() => statusCount(page)).toBe(expected);
    await page.locator('main article h2 a').first().click();
    await expect(page.locator('main article h1')).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/tin/');
    // The deep link reloads from the same folder, and the worker's scope is that folder.
    await page.reload();
    await expect(page.locator('main article h1')).toBeVisible();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/tin/');
  } finally {
    await site.stop();
  }
});

test('search folds marks, ANDs terms and highlights matches', async ({ page }) => {
  await openList(page);
  const search = page.getByRole('searchbox', { name: 'Tìm kiếm' });
  await search.fill('uy ban');
  const words = (t: string) => fold(t).split(/[^\p{L}\p{N}]+/u);
  const matches = (i: typeof items[0], q: string) =>
    fold(q).split(/\s+/).filter(Boolean).every((term) => words(`${i.title} ${i.summary} ${(i as any).content_text}`).some((w) => w.startsWith(term)));
  await expect.poll(() => statusCount(page)).toBe(items.filter((i) => matches(i, 'uy ban')).length);
  expect(searchParams(page).get('q')).toBe('uy ban');
  await search.fill('dang');
  await expect.poll(() => statusCount(page)).toBe(items.filter((i) => matches(i, 'dang')).length);
  // The cards follow the count in the same answer; wait for them to show the new term.
  await expect.poll(() => page.locator('main article mark').allInnerTexts().then((m) => m.length > 0 && m.every((t) => /^dang/.test(fold(t))))).toBe(true);
  await search.fill('zzzkhongco');
  await expect.poll(() => statusCount(page)).toBe(0);
  // The empty state offers a one-tap way out.
  await page.getByRole('button', { name: 'Bỏ bộ lọc' }).click();
  await expect.poll(() => statusCount(page)).toBe(items.length);
  expect(page.url()).not.toContain('q=');
});

test('date range and quick ranges, combined with a district', async ({ page }) => {
  const newest = byDate[0].date_published.slice(0, 10);
  await openList(page);
  await openFilters(page);
  await page.getByRole('button', { name: '7 ngày qua' }).click();
  await expect.poll(() => searchParams(page).get('to')).toBe(newest);
  const from = searchParams(page).get('from')!;
  const inRange = items.filter((i) => i.date_published.slice(0, 10) >= from && i.date_published.slice(0, 10) <= newest);
  await expect.poll(() => statusCount(page)).toBe(inRange.length);

  const some = byDate[byDate.length - 1];
  const day = some.date_published.slice(0, 10);
  await page.goto(`index.html?from=${day}&to=${day}&district=${some._bantin.district_id}`);
  const expected = items.filter((i) => i.date_published.slice(0, 10) === day && i._bantin.district_id === some._bantin.district_id);
  await expect.poll(() => statusCount(page)).toBe(expected.length);
  await openFilters(page);
  await expect(page.getByLabel('Từ ngày')).toHaveValue(day);
});

test('open an article and come back to the same filters and scroll position', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 500 });
  await openList(page);
  const last = page.locator('main article').last();
  await last.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);
  const title = (await last.locator('h2').innerText()).trim();
  await last.getByRole('link').click();
  await expect(page.locator('main article h1')).toHaveText(title);
  expect(searchParams(page).get('article')).toBeTruthy();
  await page.goBack();
  await expect(page.locator('main article').first()).toBeVisible();
  expect(searchParams(page).get('article')).toBeNull();
  await expect.poll(() => page.evaluate(() => Math.round(window.scrollY))).toBe(Math.round(scrolled));
  await page.goForward();
  await expect(page.locator('main article h1')).toHaveText(title);
});

test('a pasted deep link opens the article with its page structure', async ({ page }) => {
  const item = items.find((i) => i._bantin.captions.length > 0) ?? items[0];
  await page.goto(`index.html?article=${item.id}`);
  const article = page.locator('main > article');
  await expect(article).toHaveCount(1);
  await expect(article.locator('h1')).toHaveText(item.title);
  expect(await article.locator('.body p').count()).toBeGreaterThan(0);
  await expect(article.locator('figcaption')).toHaveText(item._bantin.captions);
  // Back to the list from a deep link stays inside the app.
  await page.getByRole('link', { name: 'Quay lại danh sách' }).click();
  await expect.poll(() => statusCount(page)).toBe(items.length);
});

test('next and previous follow the filtered results', async ({ page }) => {
  const district = byDate.find((i) => items.filter((j) => j._bantin.district_id === i._bantin.district_id).length > 1)!._bantin.district_id!;
  const results = byDate.filter((i) => i._bantin.district_id === district);
  await page.goto(`index.html?district=${district}&article=${results[0].id}`);
  await expect(page.locator('main article h1')).toHaveText(results[0].title);
  await expect(page.getByRole('link', { name: 'Tin trước' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Tin sau' }).click();
  await expect(page.locator('main article h1')).toHaveText(results[1].title);
  expect(searchParams(page).getAll('district')).toEqual([district]);
});

test('an unknown article id says so and offers the list', async ({ page }) => {
  await page.goto('index.html?article=khong-ton-tai');
  await expect(page.getByRole('alert')).toContainText('Không tìm thấy');
  await page.getByRole('button', { name: 'Quay lại danh sách' }).click();
  await expect.poll(() => statusCount(page)).toBe(items.length);
});

test('an article linked from a feed without article files still opens, from the feed', async ({ page }) => {
  // A bare feed (no archive, no articles/): the article's own file is not there.
  await page.route('**/articles/**', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
  const item = byDate[byDate.length - 1];
  await page.goto(`index.html?article=${item.id}`);
  await expect(page.locator('main article h1')).toHaveText(item.title);
  await page.getByRole('link', { name: 'Quay lại danh sách' }).click();
  await expect.poll(() => statusCount(page)).toBe(items.length);
});
