// Every end-to-end test runs under the built page's CSP and Trusted Types (xtask/src/headers.rs)
// with a `securitypolicyviolation` listener in every page and frame of its browser context: a
// test fails on any report, unless it says it provokes them (`csp.expectViolations()`).
import { test as base, expect, BrowserContext } from '@playwright/test';

export interface CspWatch {
  /** What was reported, as `directive: blocked (sample) at page`. */
  reports: string[];
  /** This test provokes violations on purpose: read `reports` instead of failing on them. */
  expectViolations(): void;
  expected(): boolean;
}

/** Listen for policy violations in every page and frame of `context` (a test's own, or one it
 *  launched itself, such as a persistent profile). */
export async function watchPolicy(context: BrowserContext): Promise<CspWatch> {
  let expected = false;
  const watch: CspWatch = { reports: [], expectViolations: () => { expected = true; }, expected: () => expected };
  await context.exposeBinding('__bantinCspReport', (_source, report: string) => { watch.reports.push(report); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = `${event.effectiveDirective}: ${event.blockedURI || 'inline'} (${event.sample}) at ${location.href}`;
      (window as unknown as { __bantinCspReport?: (r: string) => void }).__bantinCspReport?.(report);
    });
  });
  return watch;
}

export const test = base.extend<{ csp: CspWatch }>({
  csp: [async ({ context }, use) => {
    const watch = await watchPolicy(context);
    await use(watch);
    if (!watch.expected()) expect(watch.reports, 'Content-Security-Policy / Trusted Types violations').toEqual([]);
  }, { auto: true }],
});

export { expect };
