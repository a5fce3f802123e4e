// Every end-to-end test runs under the built page's CSP and Trusted Types (xtask/src/headers.rs)
// with a `securitypolicyviolation` listener in every page and frame of its browser context: a
// test fails on any report, unless it says it provokes them (`csp.expectViolations()`).
import { test as base, expect } from '@playwright/test';

export interface CspWatch {
  /** What was reported, as `directive: blocked (sample) at page`. */
  reports: string[];
  /** This test provokes violations on purpose: read `reports` instead of failing on them. */
  expectViolations(): void;
}

export const test = base.extend<{ csp: CspWatch }>({
  csp: [async ({ context }, use) => {
    const watch: CspWatch = { reports: [], expectViolations: () => { expected = true; } };
    let expected = false;
    await context.exposeBinding('__bantinCspReport', (_source, report: string) => { watch.reports.push(report); });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = `${event.effectiveDirective}: ${event.blockedURI || 'inline'} (${event.sample}) at ${location.href}`;
        (window as unknown as { __bantinCspReport?: (r: string) => void }).__bantinCspReport?.(report);
      });
    });
    await use(watch);
    if (!expected) expect(watch.reports, 'Content-Security-Policy / Trusted Types violations').toEqual([]);
  }, { auto: true }],
});

export { expect };
