// Types for testTotals.mjs (plain JavaScript so test-all runs without a build step).
export interface RunnerTotals {
  passed: number;
  failed: number;
  skipped: number;
  /** One line for test-all's summary. */
  line: string;
}
export function vitestTotals(report: unknown, exitCode: number): RunnerTotals;
export function playwrightTotals(report: unknown, exitCode: number): RunnerTotals;
export function closingLine(totals: { passed: number; failed: number; skipped: number }): string;
