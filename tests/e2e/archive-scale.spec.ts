// The reader over a generated archive of 20,000 articles (`cargo xtask e2e-archive`, which
// `cargo xtask test` runs first): for the benchmark's URLs, the count, the order of the first
// two pages and every topic chip's count must equal a brute-force reference computed from the
// corpus by a separate implementation of CONTRACT §2 (xtask/src/e2e_archive.rs).
import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { statusCount } from './helpers';

const ARCHIVE_PORT = 4190; // playwright.config.ts serves target/e2e-archive/site here
const base = `http://127.0.0.1:${ARCHIVE_PORT}/`;

interface Case { name: string; query: string; total: number; ids: string[]; topic_counts: number[] }
const expected: { items: number; topics: string[]; cases: Case[]; article: { id: string; title: string } } =
  JSON.parse(readFileSync('target/e2e-archive/expected.json', 'utf8'));

// Wide enough that the filter panel is on the page, not in a sheet.
test.use({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });

const shownIds = (page: Page) =>
  page.locator('main article h2 a').evaluateAll((links) =>
    links.map((a) => new URL(a.getAttribute('href') ?? '', location.href).searchParams.get('article')));

const PAGE = 30;

test('the reference covers filters, searches, phrases and a rare word', () => {
  expect(expected.items).toBe(20_000);
  expect(expected.cases.length).toBeGreaterThanOrEqual(15);
  expect(expected.cases[0].total).toBe(20_000);
  // Not a degenerate reference: results of every size, down to a handful.
  expect(expected.cases.some((c) => c.total > 1000)).toBe(true);
  expect(expected.cases.some((c) => c.total > 0 && c.total < 10)).toBe(true);
  expect(expected.cases.some((c) => c.query.includes('%22'))).toBe(true);
});

for (const c of expected.cases) {
  test(`${c.name}: count, order and topic counts equal the reference (${c.query || 'no filter'})`, async ({ page }) => {
    await page.goto(`${base}index.html${c.query ? `?${c.query}` : ''}`);
    await expect.poll(() => statusCount(page), { timeout: 20_000 }).toBe(c.total);
    await expect.poll(() => shownIds(page)).toEqual(c.ids.slice(0, PAGE));
    const chips = page.locator('#filters button.chip .count');
    await expect.poll(() => chips.allInnerTexts().then((t) => t.map(Number))).toEqual(c.topic_counts);
    if (c.total > PAGE) {
      await page.locator('main button', { hasText: /Xem thêm/ }).click();
      await expect.poll(() => shownIds(page), { timeout: 20_000 }).toEqual(c.ids.slice(0, 2 * PAGE));
    }
  });
}

test('a deep link to the oldest year reads that article\'s file alone, and the list only when asked', async ({ page }) => {
  const data: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.json')) data.push(new URL(r.url()).pathname); });
  await page.goto(`${base}index.html?article=${expected.article.id}`);
  await expect(page.locator('main article h1')).toHaveText(expected.article.title);
  expect(await page.locator('main article .body p').count()).toBeGreaterThan(0);
  // One request: no feed.json, no manifest, no id lookup before the article shows.
  expect(data).toEqual([expect.stringMatching(new RegExp(`^/articles/[0-9a-f]{2}/${expected.article.id}\\.json$`))]);
  await page.getByRole('link', { name: 'Quay lại danh sách' }).click();
  await expect.poll(() => statusCount(page), { timeout: 20_000 }).toBe(expected.items);
  expect(data).toContain('/feed.json');
  expect(data.some((p) => p.startsWith('/archive/manifest-'))).toBe(true);
});

test.describe('offline after a visit', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a district list and a search seen once read the same offline', async ({ page, context }) => {
    const seen = [expected.cases[1], expected.cases.find((c) => c.query.startsWith('q=') && c.total > PAGE)!];
    await page.goto(`${base}index.html`);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    // Seen once online, through the worker…
    for (const c of seen) {
      await page.goto(`${base}index.html?${c.query}`);
      await expect.poll(() => statusCount(page), { timeout: 20_000 }).toBe(c.total);
      await expect.poll(() => shownIds(page)).toEqual(c.ids.slice(0, PAGE));
    }
    // …then offline: the same counts and cards, with no "limited to saved" notice.
    await context.setOffline(true);
    for (const c of seen) {
      await page.goto(`${base}index.html?${c.query}`);
      await expect.poll(() => statusCount(page), { timeout: 20_000 }).toBe(c.total);
      await expect.poll(() => shownIds(page)).toEqual(c.ids.slice(0, PAGE));
      await expect(page.getByText('chỉ tìm trong các tin đã lưu')).toBeHidden();
    }
    await context.setOffline(false);
  });
});

// Relevance order (the default for a search) over the archive's shards equals the in-memory
// index's over the same items; a Telex query is read back over the archive too.
const ranked: { query: string; total: number; ids: string[]; reading?: string }[] = (expected as any).ranked;

test('the reference ranks several searches, one typed in Telex', () => {
  expect(ranked.length).toBeGreaterThanOrEqual(6);
  expect(ranked.every((r) => r.total > 0)).toBe(true);
});

for (const r of ranked) {
  test(`ranked ${r.reading ? `Telex "${r.query}"` : r.query}: count and order equal the in-memory index`, async ({ page }) => {
    const data: string[] = [];
    page.on('request', (req) => { if (req.url().endsWith('.json')) data.push(new URL(req.url()).pathname); });
    await page.goto(`${base}index.html?${r.query}`);
    await expect.poll(() => statusCount(page), { timeout: 20_000 }).toBe(r.total);
    await expect.poll(() => shownIds(page), { timeout: 20_000 }).toEqual(r.ids.slice(0, PAGE));
    // One common word: its best articles (tiers) order the page, never its postings.
    if (r.query === 'q=h') {
      expect(data.some((p) => p.includes('/search/tier-')), data.join(' ')).toBe(true);
      expect(data.some((p) => p.includes('/search/word-')), data.join(' ')).toBe(false);
    }
    await expect(page.getByRole('group', { name: 'Sắp xếp' }).getByRole('button', { name: 'Liên quan' })).toHaveAttribute('aria-pressed', 'true');
    if (r.reading) await expect(page.locator('.reading')).toContainText(`Hiển thị kết quả cho: ${r.reading}`);
    if (r.total > PAGE) {
      await page.locator('main button', { hasText: /Xem thêm/ }).click();
      await expect.poll(() => shownIds(page), { timeout: 20_000 }).toEqual(r.ids.slice(0, 2 * PAGE));
    }
  });
}
