/**
 * Long tasks on the page's main thread, as Chromium reports them to a PerformanceObserver ('longtask':
 * every task over 50 ms), plus the JS heap. Used by the storm e2e specs and by `npm run bench`.
 */
import type { Page } from '@playwright/test';

export interface LongTaskReport {
  /** Long tasks seen (each over 50 ms). */
  count: number;
  /** The longest, in ms (0 when none). */
  maxMs: number;
  /** Total blocking time: the sum over long tasks of what exceeds 50 ms. */
  blockedMs: number;
  /** Every duration, rounded, longest first (for the failure message). */
  durations: number[];
}

declare global {
  interface Window {
    __longTasks?: number[];
  }
}

/** Registers the observer before any page script runs; call before page.goto. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks?.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Forgets what was seen so far (page load, first render), so a window measures only itself. */
export async function resetLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => void (window.__longTasks = []));
}

export async function readLongTasks(page: Page): Promise<LongTaskReport> {
  const durations = (await page.evaluate(() => window.__longTasks ?? [])).map((d) => Math.round(d)).sort((a, b) => b - a);
  return {
    count: durations.length,
    maxMs: durations[0] ?? 0,
    blockedMs: durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    durations,
  };
}

/** The page's JS heap in MB after a forced collection (Chromium's precise heap via CDP). */
export async function usedHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return Math.round((usedSize / 1024 / 1024) * 10) / 10;
  } finally {
    await cdp.detach();
  }
}
