// Search as a reader uses it (issue 9): ranking and the "Liên quan / Mới nhất" switch, Telex and
// VNI typing read back, highlighting and body snippets, and the way out of no results.
// Over a bare feed written for these tests (the archive's behaviour: archive-scale.spec.ts).
import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { statusCount, listedTitles, searchParams } from './helpers';

test.use({ viewport: { width: 360, height: 740 } });

const district = { district: 'Cầu Kè', district_type: 'huyện', district_id: 'huyen-cau-ke-tra-vinh', province: 'Trà Vinh', province_2025: 'Vĩnh Long' };
const article = (id: string, day: string, title: string, summary: string, body: string, topics: string[] = []) => ({
  id, title, summary, content_text: body, date_published: `${day}T08:00:00+07:00`, authors: [], tags: [],
  _bantin: { ...district, topics, captions: [], date_precision: 'day' },
});

// Newest first in the feed; the one a reader searching "hòa" wants is the oldest.
const ITEMS = [
  article('hoa-no', '2024-03-10', 'Hoa nở rộ ở vườn ươm hợp tác xã', 'Những luống hoa lan, hoa hồng đã sẵn sàng cho dịp lễ.', 'Hợp tác xã trồng hoa mở rộng thêm ba héc-ta hoa lan.', ['kinh-te']),
  article('hoa-chat', '2024-02-01', 'Kiểm tra an toàn hóa chất trong sản xuất', 'Đoàn kiểm tra làm việc với các cơ sở dùng hóa chất.', 'Các cơ sở được nhắc lưu giữ hóa chất đúng quy định.', ['y-te-dich-benh']),
  article('bau-cu-hop', '2023-11-20', 'Hội nghị triển khai công tác bầu cử đại biểu Hội đồng nhân dân', 'Ủy ban nhân dân huyện triển khai các bước bầu cử.', 'Hội nghị quán triệt các bước chuẩn bị bầu cử tại các xã.', ['bau-cu']),
  article('cua-hang', '2023-10-05', 'Khai trương cửa hàng nông sản an toàn', 'Cửa hàng bày bán rau và trái cây của nông dân.', 'Cửa hàng mở cửa từ sáng sớm đến tối mỗi ngày.', ['kinh-te']),
  article('so-ket', '2023-09-12', 'Sơ kết chín tháng thực hiện nhiệm vụ chính trị', 'Ban Thường vụ Huyện ủy sơ kết chín tháng đầu năm.', 'Trong chín tháng, toàn huyện vận động người dân tham gia bầu cử bổ sung ở xã Phong Phú đạt tỉ lệ cao, và làm tốt nhiều việc khác được giao.', ['xay-dung-dang']),
  article('hoa-loi', '2023-06-30', 'Xã Hòa Lợi đạt chuẩn nông thôn mới', 'Xã Hòa Lợi hoàn thành 19 tiêu chí nông thôn mới.', 'Người dân xã Hòa Lợi góp công làm đường giao thông nông thôn.', ['nong-nghiep-ntm']),
];

async function openWith(page: Page, query: string) {
  await page.route('**/feed.json', (route) => route.fulfill({
    status: 200, contentType: 'application/feed+json',
    body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Bantin — thử tìm kiếm', items: ITEMS }),
  }));
  await page.goto(`index.html${query}`);
  await expect(page.getByRole('status').first()).toHaveText(/\d/);
}

const sortButton = (page: Page, name: string) => page.getByRole('group', { name: 'Sắp xếp' }).getByRole('button', { name });

test('a search ranks the reader\'s marks first; "Mới nhất" switches to newest first and back', async ({ page }) => {
  await openWith(page, '?q=h%C3%B2a');
  await expect.poll(() => statusCount(page)).toBe(3);
  // "hòa" as typed: the commune Hòa Lợi first, though it is the oldest; flowers and chemicals after.
  expect((await listedTitles(page))[0]).toBe('Xã Hòa Lợi đạt chuẩn nông thôn mới');
  await expect(sortButton(page, 'Liên quan')).toHaveAttribute('aria-pressed', 'true');

  await sortButton(page, 'Mới nhất').click();
  await expect(sortButton(page, 'Mới nhất')).toHaveAttribute('aria-pressed', 'true');
  expect(searchParams(page).get('sort')).toBe('new');
  await expect.poll(() => listedTitles(page)).toEqual([ITEMS[0].title, ITEMS[1].title, ITEMS[5].title]);
  expect(await statusCount(page)).toBe(3);

  await sortButton(page, 'Liên quan').click();
  expect(searchParams(page).get('sort')).toBeNull();
  await expect.poll(async () => (await listedTitles(page))[0]).toBe(ITEMS[5].title);

  // Without marks the term says nothing about them: the title matches (every one here) come
  // newest first among equals, and the switch is there only while searching.
  await page.getByRole('searchbox').fill('');
  await expect(page.getByRole('group', { name: 'Sắp xếp' })).toBeHidden();
});

test('a whole word ranks above a word it only starts, and the title above the body', async ({ page }) => {
  await openWith(page, '?q=b%E1%BA%A7u+c%E1%BB%AD');
  await expect.poll(() => statusCount(page)).toBe(2);
  // The election meeting (both words in its title) before the review that mentions them in its body.
  expect(await listedTitles(page)).toEqual([ITEMS[2].title, ITEMS[4].title]);
  // "cử" (whole word) outranks "cửa" (which only starts with it): the shop comes last.
  await page.getByRole('searchbox').fill('cử');
  await expect.poll(() => statusCount(page)).toBe(3);
  expect((await listedTitles(page)).slice(0, 2).sort()).toEqual([ITEMS[2].title, ITEMS[4].title].sort());
  expect((await listedTitles(page))[2]).toBe(ITEMS[3].title);
});

test('matches are highlighted, and a body match shows as a snippet under the card', async ({ page }) => {
  await openWith(page, '?q=b%E1%BA%A7u+c%E1%BB%AD');
  await expect.poll(() => statusCount(page)).toBe(2);
  const first = page.locator('main article').first();
  await expect(first.locator('h2 mark')).toHaveText(['bầu', 'cử']);
  // The review's title and summary do not say why it matched: a few words of its body do.
  const review = page.locator('main article', { hasText: ITEMS[4].title });
  const snippet = review.locator('.snippet');
  await expect(snippet).toContainText('tham gia bầu cử bổ sung');
  await expect(snippet.locator('mark')).toHaveText(['bầu', 'cử']);
  await expect(first.locator('.snippet')).toHaveCount(0);
});

test('Telex typing is read back: "Hiển thị kết quả cho", and a link to the text as typed', async ({ page }) => {
  await openWith(page, '?q=baauf+cuwr');
  await expect.poll(() => statusCount(page)).toBe(2);
  const reading = page.locator('.reading');
  await expect(reading).toContainText('Hiển thị kết quả cho: bầu cử');
  await expect(page.locator('main article h2').first().locator('mark')).toHaveText(['bầu', 'cử']);
  // The link back searches exactly what was typed, which finds nothing.
  await reading.getByRole('link', { name: 'Tìm đúng “baauf cuwr”' }).click();
  expect(searchParams(page).get('literal')).toBe('1');
  await expect.poll(() => statusCount(page)).toBe(0);
  await expect(page.locator('.reading')).toHaveCount(0);
  // Typing anew reads the new text afresh.
  await page.getByRole('searchbox').fill('hoaf');
  await expect(page.locator('.reading')).toContainText('Hiển thị kết quả cho: hòa');
  expect(searchParams(page).get('literal')).toBeNull();
});

test('VNI typing is read back too, after Telex', async ({ page }) => {
  await openWith(page, '?q=ba6u2+cu73');
  await expect(page.locator('.reading')).toContainText('Hiển thị kết quả cho: bầu cử');
  await expect.poll(() => statusCount(page)).toBe(2);
});

test('a query that matches something is never reread', async ({ page }) => {
  // "hoaf" reads as "hòa" in Telex, but "hoa" here is a real search: it is shown as typed.
  await openWith(page, '?q=hoa');
  await expect.poll(() => statusCount(page)).toBe(3);
  await expect(page.locator('.reading')).toHaveCount(0);
});

test('no results: a link drops the word that excludes everything', async ({ page }) => {
  await openWith(page, '?q=b%E1%BA%A7u+c%E1%BB%AD+xyzzy');
  await expect.poll(() => statusCount(page)).toBe(0);
  const suggestion = page.locator('.suggestion').getByRole('link');
  await expect(suggestion).toHaveText('Bỏ “xyzzy”: 2 tin');
  await suggestion.click();
  expect(searchParams(page).get('q')).toBe('bầu cử');
  await expect.poll(() => statusCount(page)).toBe(2);
});

test('typing one key at a time: the list follows to the final text (stale answers are dropped)', async ({ page }) => {
  await openWith(page, '');
  await page.getByRole('searchbox').pressSequentially('nông thôn', { delay: 30 });
  await expect.poll(() => statusCount(page)).toBe(1);
  expect(await listedTitles(page)).toEqual([ITEMS[5].title]);
  expect(searchParams(page).get('q')).toBe('nông thôn');
});
