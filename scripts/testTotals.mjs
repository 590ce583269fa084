// Counting for scripts/test-all.mjs, kept pure so tests/unit/tooling/testTotals.test.ts can feed it the
// reports of real fixture runs. Every way a runner can go wrong counts as a failure: a failed test, a
// file that crashed before its tests ran, an error outside any test, a non-zero exit with nothing
// else to show for it, and a missing report.

const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);

/** Totals from vitest's JSON report (`testResults[]` per file, `assertionResults[]` per test) and its exit code. */
export function vitestTotals(report, exitCode) {
  if (!report || !Array.isArray(report.testResults)) return noReport('vitest', exitCode);
  const t = { passed: 0, failed: 0, skipped: 0, crashedFiles: 0, unexplained: 0 };
  for (const file of report.testResults) {
    const tests = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    const failedHere = tests.filter((a) => a.status === 'failed').length;
    t.passed += tests.filter((a) => a.status === 'passed').length;
    t.failed += failedHere;
    t.skipped += tests.filter((a) => SKIPPED.has(a.status)).length;
    // A file that failed with no failed test never ran its tests (it threw on load, or its hooks did).
    if (file.status === 'failed' && failedHere === 0) t.crashedFiles++;
  }
  t.failed += t.crashedFiles;
  // An unhandled error or rejection leaves every test passed and `success` true, but vitest exits 1.
  if (t.failed === 0 && (exitCode !== 0 || report.success === false)) t.unexplained = 1;
  t.failed += t.unexplained;
  const notes = [t.crashedFiles && `${t.crashedFiles} crashed files`, t.unexplained && 'errors outside any test (see above)'].filter(Boolean);
  return { passed: t.passed, failed: t.failed, skipped: t.skipped, line: summary('vitest', t, exitCode, notes) };
}

/** Totals from Playwright's JSON report (`stats`, `errors[]` for specs that failed to load) and its exit code. */
export function playwrightTotals(report, exitCode) {
  if (!report?.stats) return noReport('playwright', exitCode);
  const s = report.stats;
  const loadErrors = Array.isArray(report.errors) ? report.errors.length : 0;
  const t = { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + loadErrors, skipped: s.skipped ?? 0, unexplained: 0 };
  if (t.failed === 0 && exitCode !== 0) t.unexplained = 1;
  t.failed += t.unexplained;
  const notes = [loadErrors && `${loadErrors} errors outside any test`, s.flaky && `${s.flaky} flaky`, t.unexplained && 'non-zero exit'].filter(Boolean);
  return { passed: t.passed, failed: t.failed, skipped: t.skipped, line: summary('playwright', t, exitCode, notes) };
}

function noReport(runner, exitCode) {
  return { passed: 0, failed: 1, skipped: 0, line: `${runner}: no report (exit ${exitCode})` };
}

function summary(runner, t, exitCode, notes) {
  const extra = notes.length ? `; ${notes.join(', ')}` : '';
  return `${runner}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${extra} (exit ${exitCode})`;
}

/** The closing line CI reads: `N passed, N failed` (', N skipped' may follow). */
export function closingLine(totals) {
  return `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
}
