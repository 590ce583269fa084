/**
 * Long tasks on the page's main thread, as Chromium reports them to a PerformanceObserver ('longtask':
 * every task over 50 ms), plus the JS heap. Used by the storm e2e specs and by `npm run bench`.
 */
import { availableParallelism, loadavg } from 'node:os';
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

/** The page's list of long-task durations (a global the init script creates; read inside page.evaluate). */
type Probe = { __longTasks?: number[] };

// A string, not a function: the bench compiles this file for Node, where the DOM's types are absent.
const OBSERVE = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;

/** Registers the observer before any page script runs; call before page.goto. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript({ content: OBSERVE });
}

/** Forgets what was seen so far (page load, first render), so a window measures only itself. */
export async function resetLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => void ((globalThis as unknown as Probe).__longTasks = []));
}

export async function readLongTasks(page: Page): Promise<LongTaskReport> {
  const durations = (await page.evaluate(() => (globalThis as unknown as Probe).__longTasks ?? [])).map((d) => Math.round(d)).sort((a, b) => b - a);
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

/** Main-thread tasks by the CPU time they used (Chromium's trace: thread time of each top-level task). */
export interface CpuTaskReport {
  /** Tasks that used over 50 ms of main-thread CPU. */
  over50: number[];
  /** The most CPU one task used, in ms. */
  maxCpuMs: number;
  tasks: number;
}

interface TraceEvent {
  ph?: string;
  name?: string;
  pid?: number;
  tid?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Records the page's main-thread tasks with their CPU time. A long task (wall clock) includes time the
 * process waited for a core; on a machine shared by many jobs that wait dominates, so the budget is
 * also checked against the work the page itself did in each task.
 */
export async function traceMainThread(page: Page): Promise<{ stop(): Promise<CpuTaskReport> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d: { value: TraceEvent[] }) => void events.push(...d.value));
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReportEvents' });
  return {
    stop: async () => {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
      const cpu = events
        .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`))
        .map((e) => Math.round((e.tdur ?? e.dur ?? 0) / 1000));
      return { over50: cpu.filter((ms) => ms > 50).sort((a, b) => b - a), maxCpuMs: Math.max(0, ...cpu), tasks: cpu.length };
    },
  };
}

/** Runnable jobs per core over the last minute: above 1 the page waits for a core, and wall-clock times stretch. */
export function loadPerCore(): number {
  return Math.round((loadavg()[0]! / availableParallelism()) * 10) / 10;
}
