// Offline reading through the service worker, feed and app updates, saving for offline.
import { test, expect, watchPolicy } from './fixtures';
import { Page, chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Site } from './site';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 390, height: 844 } });

let site: Site;
let port = 4180;
test.beforeEach(async () => { site = new Site(port++); await site.start(); });
test.afterEach(async () => { await site.stop(); });

async function waitForWorker(page: Page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  // The install step caches the feed; wait until it is there.
  await expect.poll(() => page.evaluate(async () => !!(await caches.match('feed.json')))).toBe(true);
}

const count = async (page: Page) => Number((await page.getByRole('status').first().innerText()).match(/\d+/)?.[0]);

test('first visit, then offline: the list, the banner and an opened article still work', async ({ page, context }) => {
  const items = site.feed().items;
  await page.goto(site.url('index.html'));
  await expect.poll(() => count(page)).toBe(items.length);
  await waitForWorker(page);
  // Open an article once while online.
  await page.locator('main article h2 a').first().click();
  const title = await page.locator('main article h1').innerText();
  await page.goBack();
  await context.setOffline(true);
  await page.reload();
  await expect.poll(() => count(page)).toBe(items.length);
  await expect(page.getByRole('note')).toContainText('Đang ngoại tuyến');
  await expect(page.getByRole('note')).toContainText(/Cập nhật lúc \d\d:\d\d \d\d\/\d\d/);
  await page.getByRole('link', { name: title }).click();
  await expect(page.locator('main article h1')).toHaveText(title);
  expect(await page.locator('main article .body p').count()).toBeGreaterThan(0);
  await context.setOffline(false);
});

test('a link to an article, read once, opens offline from its own file; its list too', async ({ page, context }) => {
  const items = site.feed().items;
  const item = items[items.length - 1];
  await page.goto(site.url('index.html'));
  await waitForWorker(page);
  await page.goto(site.url(`index.html?article=${item.id}`));
  await expect(page.locator('main article h1')).toHaveText(item.title);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('main article h1')).toHaveText(item.title);
  expect(await page.locator('main article .body p').count()).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Quay lại danh sách' }).click();
  await expect.poll(() => count(page)).toBe(items.length);
  await context.setOffline(false);
});

test('feed update: the cached list shows first, then "Có N tin mới"; accepting shows them', async ({ page }) => {
  // A bare feed (no archive behind it): the whole collection, updated in place.
  const v1 = site.feed();
  delete v1._bantin;
  delete v1.next_url;
  site.writeFeed(v1);
  const v2 = structuredClone(v1);
  const extra = [1, 2].map((n) => ({ ...v1.items[0], id: `tin-moi-${n}`, title: `Tin mới số ${n}`, date_published: `2030-01-0${n}T00:00:00+07:00` }));
  v2.items = [...extra, ...v1.items];
  await page.goto(site.url('index.html'));
  await waitForWorker(page);
  site.writeFeed(v2);
  await page.reload();
  // The cached v1 list comes first…
  await expect.poll(() => count(page)).toBe(v1.items.length);
  // …then the worker's revalidation brings v2 and the notice.
  await expect(page.getByText('Có 2 tin mới')).toBeVisible();
  await page.getByRole('button', { name: 'Xem tin mới' }).click();
  await expect.poll(() => count(page)).toBe(v2.items.length);
  await expect(page.locator('main article h2').first()).toHaveText('Tin mới số 2');
});

test('app update: the prompt appears, accepting reloads into the new build, old caches go', async ({ page }) => {
  await page.goto(site.url('index.html'));
  await waitForWorker(page);
  const before = await page.evaluate(() => caches.keys());
  const shellA = before.filter((k) => k.startsWith('bantin-shell-'));
  expect(shellA.length).toBe(1);
  const cssB = site.deployNewBuild('b');
  await page.reload();
  // Still build A (the worker serves it) until the user accepts.
  await expect(page.getByText('Đã có phiên bản mới của Bantin.')).toBeVisible({ timeout: 20_000 });
  const navigated = page.waitForEvent('framenavigated');
  await page.getByRole('button', { name: 'Cập nhật', exact: true }).click();
  await navigated;
  await expect(page.locator('main article').first()).toBeVisible();
  await expect(page.locator(`link[rel=stylesheet][href*="${cssB}"]`)).toHaveCount(1);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bantin-build').trim())).toBe('"b"');
  const after = await page.evaluate(() => caches.keys());
  const shells = after.filter((k) => k.startsWith('bantin-shell-'));
  expect(shells.length).toBe(1);
  expect(shells[0]).not.toBe(shellA[0]);
});

test('save one district for offline, lose the feed cache, go offline: its articles are all there', async ({ page, context }) => {
  const items = site.feed().items;
  const district = items[0]._bantin.district_id;
  const expected = items.filter((i: any) => i._bantin.district_id === district);
  await page.goto(site.url(`index.html?district=${district}`));
  await waitForWorker(page);
  await expect.poll(() => count(page)).toBe(expected.length);
  await page.locator('button.filters-toggle').click();
  await page.getByRole('button', { name: 'Lưu bộ lọc này để đọc offline' }).click();
  await expect(page.getByText('Đã lưu để đọc offline')).toBeVisible();
  await expect(page.locator('.saved')).toHaveCount(1);
  await expect(page.locator('.storage')).toContainText('MB');
  // Only the saved collection remains: drop the worker's feed cache.
  await page.evaluate(() => caches.delete('bantin-feed'));
  await context.setOffline(true);
  await page.goto(site.url('index.html'));
  await expect.poll(() => count(page)).toBe(expected.length);
  await expect(page.getByRole('note')).toContainText('Đang đọc các tin đã lưu');
  const titles = await page.locator('main article h2').allInnerTexts();
  expect(titles.sort()).toEqual(expected.map((i: any) => i.title).sort());
  await context.setOffline(false);
  // Removing it frees the space.
  await page.goto(site.url('index.html'));
  await page.locator('button.filters-toggle').click();
  await page.getByRole('button', { name: /^Xóa:/ }).click();
  await expect(page.locator('.saved')).toHaveCount(0);
});

test('offline, a search the archive cannot answer runs over the saved articles and says so', async ({ page, context }) => {
  const items = site.feed().items;
  const district = items[0]._bantin.district_id;
  const saved = items.filter((i: any) => i._bantin.district_id === district);
  await page.goto(site.url(`index.html?district=${district}`));
  await waitForWorker(page);
  await expect.poll(() => count(page)).toBe(saved.length);
  await page.locator('button.filters-toggle').click();
  await page.getByRole('button', { name: 'Lưu bộ lọc này để đọc offline' }).click();
  await expect(page.getByText('Đã lưu để đọc offline')).toBeVisible();
  // The search index was never fetched, so offline only the saved articles can answer.
  await context.setOffline(true);
  const word = saved[0].title.split(/\s+/).find((w: string) => /^\p{L}{3,}$/u.test(w));
  await page.goto(site.url(`index.html?q=${encodeURIComponent(word)}`));
  await expect(page.getByText('Đang ngoại tuyến: chỉ tìm trong các tin đã lưu.')).toBeVisible();
  const titles = await page.locator('main article h2').allInnerTexts();
  expect(titles).toContain(saved[0].title);
  for (const title of titles) expect(saved.map((i: any) => i.title)).toContain(title);
  await context.setOffline(false);
});

test('installable: manifest, icons and worker pass Chromium\'s installability checks', async ({}, testInfo) => {
  // Chromium reports every incognito-like context as not installable, so use a real profile.
  const options = testInfo.project.use.launchOptions!;
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bantin-profile-')), {
    executablePath: options.executablePath, args: options.args, headless: true,
  });
  const policy = await watchPolicy(context);
  const page = await context.newPage();
  await page.goto(site.url('index.html'));
  await waitForWorker(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const manifest = await (await page.request.get(site.url('manifest.webmanifest'))).json();
  expect(manifest.start_url).toBe('./');
  expect(manifest.scope).toBe('./');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i: any) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) expect((await page.request.get(site.url(icon.src))).status()).toBe(200);
  expect(policy.reports).toEqual([]);
  await context.close();
});

test('an update whose install fails half-way leaves the current version working, online and offline', async ({ page, context }) => {
  await page.goto(site.url('index.html'));
  await waitForWorker(page);
  const shells = async () => (await page.evaluate(() => caches.keys())).filter((k) => k.startsWith('bantin-shell-'));
  const before = await shells();
  site.deployBrokenWorker();
  // The new worker's precache names a file the server no longer has: its install fails.
  const state = await page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.getRegistration())!;
    await registration.update();
    const worker = registration.installing;
    if (!worker) return 'not installing';
    if (worker.state !== 'redundant') await new Promise((done) => worker.addEventListener('statechange', () => worker.state === 'redundant' && done(null)));
    return worker.state;
  });
  expect(state).toBe('redundant');
  await expect(page.getByText('Đã có phiên bản mới của Bantin.')).toBeHidden();
  // Nothing of the failed version is left behind, and the current one still answers.
  expect(await shells()).toEqual(before);
  await page.reload();
  await expect(page.locator('main article').first()).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('main article').first()).toBeVisible();
  await page.locator('main article h2 a').first().click();
  await expect(page.locator('main article h1')).toBeVisible();
  await context.setOffline(false);
});

test('storage full while saving for offline: a clear message, nothing half-saved; with room it saves', async ({ page, context }) => {
  const district = site.feed().items[0]._bantin.district_id;
  await page.goto(site.url(`index.html?district=${district}`));
  await waitForWorker(page);
  const origin = new URL(site.url()).origin;
  const cdp = await context.newCDPSession(page);
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  // Leave the origin less room than the collection needs.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + 256 });
  await page.locator('button.filters-toggle').click();
  const save = page.getByRole('button', { name: 'Lưu bộ lọc này để đọc offline' });
  await save.click();
  await expect(page.locator('.offline-panel .share-status')).toContainText('bộ nhớ của trình duyệt đã đầy');
  await expect(page.locator('.offline-panel .share-status')).toContainText('Không có gì bị lưu dở');
  await expect(page.locator('.saved')).toHaveCount(0);
  expect(await page.evaluate(async () => (await (await caches.open('bantin-saved')).keys()).length)).toBe(0);
  // Room again (the override lifted): the same button saves it whole.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await save.click();
  await expect(page.locator('.offline-panel .share-status')).toHaveText('Đã lưu để đọc offline');
  await expect(page.locator('.saved')).toHaveCount(1);
});
