/**
 * The UI under a storm, for the numbers in the issue notes: 1,000 query samples a second from one
 * emulated server through the real core and the browser host, for a minute per page, measured in
 * Debian's Chromium exactly as tests/e2e/ui-storm.spec.ts does (long tasks from a PerformanceObserver,
 * CPU time per main-thread task from Chromium's trace, the JS heap before and after).
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { ensureRendererBuilt } from '../e2e/support/buildRenderer';
import { measureStorm, stormPages, switchToUnified, type StormResult } from '../e2e/support/queryStorm';
import { startApp } from '../e2e/support/startApp';

export interface UiStormPageResult {
  sent: number;
  delivered: number;
  longTasks: number;
  longestMs: number;
  blockedMs: number;
  maxTaskCpuMs: number;
  tasksOver50msCpu: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  loadPerCore: number;
}

const summary = (r: StormResult): UiStormPageResult => ({
  sent: r.sent,
  delivered: r.delivered,
  longTasks: r.count,
  longestMs: r.maxMs,
  blockedMs: r.blockedMs,
  maxTaskCpuMs: r.cpu.maxCpuMs,
  tasksOver50msCpu: r.cpu.over50.length,
  heapBeforeMb: r.heapBeforeMb,
  heapAfterMb: r.heapAfterMb,
  loadPerCore: r.loadPerCore,
});

export async function runUiStormBench(opts: { seconds: number; eventsPerSecond: number }): Promise<Record<string, UiStormPageResult>> {
  await ensureRendererBuilt();
  const app = await startApp();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const results: Record<string, UiStormPageResult> = {};
  try {
    const setup = await browser.newPage();
    const storm = await switchToUnified(app, setup);
    await setup.close();
    for (const [key, p] of Object.entries(stormPages(storm.serverId))) {
      const page = await browser.newPage();
      results[key] = summary(await measureStorm(page, { appUrl: app.url, emulatorUrl: storm.url, ...p, eventsPerSecond: opts.eventsPerSecond, seconds: opts.seconds }));
      await page.close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  return results;
}
