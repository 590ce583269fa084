import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';

// `npm run screenshots`: the only writer of the README's pictures (docs/*.png). Outside the default
// Playwright run (its testMatch covers e2e/ only), so `npm test` never rewrites a tracked file.
export default defineConfig({
  testDir: '.',
  testMatch: '*.shot.ts',
  timeout: 90_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/screenshots',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
});
