// End-to-end tests in Debian's Chromium (never a downloaded browser), against the release
// build in dist/ served by our own static server (`cargo xtask static`).
import { defineConfig } from '@playwright/test';

const PORT = 4173;
const ARCHIVE_PORT = 4190;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'target/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: [
    {
      command: `cargo xtask static dist ${PORT}`,
      url: `http://127.0.0.1:${PORT}/index.html`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // The generated 20,000-article archive (tests/e2e/archive-scale.spec.ts).
      command: `cargo xtask static target/e2e-archive/site ${ARCHIVE_PORT}`,
      url: `http://127.0.0.1:${ARCHIVE_PORT}/index.html`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
