// test-all's counting against real runs of small fixture suites (tests/fixtures/test-all/): each way a
// run can go wrong (a failing test, a suite that crashes on load, an unhandled rejection after a
// passing test, a Playwright spec that fails to load) must leave the total non-zero.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closingLine, playwrightTotals, vitestTotals, type RunnerTotals } from '../../../scripts/testTotals.mjs';

const FIXTURES = 'tests/fixtures/test-all';
const dir = mkdtempSync(join(tmpdir(), 'test-all-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each fixture run is a child process of a few seconds; a loaded machine may take several times that.
const SLOW = { timeout: 90_000 };

// The fixture runs must not inherit this run's vitest worker state.
function childEnv(fixture: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_ALL_FIXTURE: fixture, ...extra };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') delete env[key];
  return env;
}

function runVitest(fixture: string): RunnerTotals {
  const out = join(dir, `vitest-${fixture.replace(/\W/g, '_')}.json`);
  const args = ['vitest', 'run', '--config', `${FIXTURES}/vitest.config.ts`, '--reporter=json', `--outputFile=${out}`];
  const r = spawnSync('npx', args, { env: childEnv(fixture), encoding: 'utf8' });
  return vitestTotals(readReport(out), r.status ?? 1);
}

function runPlaywright(fixture: string): RunnerTotals {
  const out = join(dir, `playwright-${fixture.replace(/\W/g, '_')}.json`);
  const args = ['playwright', 'test', '--config', `${FIXTURES}/playwright.config.ts`];
  const r = spawnSync('npx', args, { env: childEnv(fixture, { PLAYWRIGHT_JSON_OUTPUT_NAME: out }), encoding: 'utf8' });
  return playwrightTotals(readReport(out), r.status ?? 1);
}

function readReport(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

describe('vitest totals', SLOW, () => {
  it('count passing and skipped tests and no failure', () => {
    expect(runVitest('{pass,skip}')).toMatchObject({ passed: 2, failed: 0, skipped: 1 });
  });
  it('count a failing test', () => {
    expect(runVitest('fail')).toMatchObject({ passed: 1, failed: 1 });
  });
  it('count a suite that crashes on load', () => {
    expect(runVitest('crash')).toMatchObject({ passed: 0, failed: 1 });
  });
  it('count a crashed suite next to a failing test (each is a failure)', () => {
    expect(runVitest('{fail,crash}')).toMatchObject({ passed: 1, failed: 2 });
  });
  it('count an unhandled rejection after a passing test', () => {
    const t = runVitest('rejection');
    expect(t).toMatchObject({ passed: 1, failed: 1 });
    expect(t.line).toContain('errors outside any test');
  });
  it('count a missing report', () => {
    expect(vitestTotals(null, 0)).toMatchObject({ failed: 1 });
  });
});

describe('playwright totals', SLOW, () => {
  it('count a passing spec and no failure', () => {
    expect(runPlaywright('pass')).toMatchObject({ passed: 1, failed: 0 });
  });
  it('count a failing test', () => {
    expect(runPlaywright('fail')).toMatchObject({ passed: 1, failed: 1 });
  });
  it('count a spec that crashes on load (Playwright then runs none of the others)', () => {
    expect(runPlaywright('{pass,crash}')).toMatchObject({ passed: 0, failed: 1 });
  });
});

describe('test-all', SLOW, () => {
  it('ends with a non-zero total and exit code when only an unhandled rejection went wrong', () => {
    const results = join(dir, 'results');
    const r = spawnSync('node', ['scripts/test-all.mjs', 'vitest', `--vitest-config=${FIXTURES}/vitest.config.ts`, `--results=${results}`], {
      env: childEnv('rejection'),
      encoding: 'utf8',
    });
    const last = r.stdout.trim().split('\n').at(-1);
    expect(last).toBe('1 passed, 1 failed');
    expect(r.status).toBe(1);
  });
  it('prints the closing line CI reads', () => {
    expect(closingLine({ passed: 3, failed: 0, skipped: 0 })).toBe('3 passed, 0 failed');
    expect(closingLine({ passed: 3, failed: 1, skipped: 2 })).toBe('3 passed, 1 failed, 2 skipped');
  });
});
