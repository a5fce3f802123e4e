import { readFileSync } from 'node:fs';
import { expect, Page } from '@playwright/test';

/** The bundled feed, read the way the app reads it: expectations come from data, not constants. */
export interface Item {
  id: string; title: string; summary: string; date_published: string; url?: string | null;
  _bantin: { district_id: string | null; district: string | null; province: string | null; topics: string[]; captions: string[] };
}
export const feed: { items: Item[] } = JSON.parse(readFileSync('public/feed.json', 'utf8'));
export const items = feed.items;

/** Fold like the contract: lower case, marks removed, đ→d. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

export async function openList(page: Page, query = '') {
  await page.goto(`index.html${query}`);
  await expect(page.locator('main article').first()).toBeVisible();
}

export async function statusCount(page: Page): Promise<number> {
  const text = await page.getByRole('status').first().innerText();
  return Number(text.match(/\d+/)?.[0]);
}

export async function listedTitles(page: Page): Promise<string[]> {
  return page.locator('main article h2').allInnerTexts();
}

export function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

/** Phones first: most tests run at a phone's width, where filters are in a bottom sheet. */
export async function openFilters(page: Page) {
  const toggle = page.locator('button.filters-toggle');
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
}
