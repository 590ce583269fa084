#!/usr/bin/env node
// The README's one test command (`npm test`): static checks, build, unit + integration tests
// (vitest), e2e tests (Playwright in Debian's Chromium). Ends with ONE line `N passed, N failed`
// summing every runner, which is what CI reads. Static checks count as one check each.
// Counting lives in testTotals.mjs: a runner's exit code, failed and crashed files, and errors
// outside any test all count as failures.
//   node scripts/test-all.mjs [name...] [--vitest-config=FILE] [--playwright-config=FILE] [--results=DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closingLine, playwrightTotals, vitestTotals } from './testTotals.mjs';
import { trackedChanges, writtenBetween } from './trackedFiles.mjs';

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = args.filter((a) => !a.startsWith('--'));
const want = (name) => only.length === 0 || only.includes(name);
const resultsDir = option('results') ?? 'test-results';
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, args, extraEnv = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  // A runner killed by a signal has no status: that is a failure too.
  return { code: r.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function add(t, seconds) {
  totals.passed += t.passed;
  totals.failed += t.failed;
  totals.skipped += t.skipped;
  lines.push(`${t.line}, ${seconds}s`);
}

function check(name, cmd, args) {
  if (!want(name)) return;
  const r = run(cmd, args);
  add({ passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1, skipped: 0, line: `${name}: ${r.code === 0 ? 'ok' : 'FAILED'}` }, r.seconds);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync(resultsDir, { recursive: true });
const trackedBefore = trackedChanges();
// One tsconfig per runtime (shared: no DOM, no Node; core and hosts: Node; main/preload: Node + DOM; renderer: DOM).
for (const project of ['shared', 'node', 'electron', 'web']) check(`typecheck-${project}`, 'npx', ['tsc', '-p', `tsconfig.${project}.json`, '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('electronegativity', 'node', ['scripts/electronegativity.mjs']);
check('build', 'npx', ['electron-vite', 'build']);

if (want('vitest')) {
  const report = join(resultsDir, 'vitest.json');
  rmSync(report, { force: true });
  const config = option('vitest-config');
  const r = run('npx', ['vitest', 'run', ...(config ? ['--config', config] : []), '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  add(vitestTotals(readJson(report), r.code), r.seconds);
}

if (want('e2e')) {
  const report = join(resultsDir, 'playwright.json');
  rmSync(report, { force: true });
  const config = option('playwright-config');
  // The list reporter for people, the JSON one (named by env, whatever the config says) for the count.
  const r = run('npx', ['playwright', 'test', ...(config ? ['--config', config] : []), '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  add(playwrightTotals(readJson(report), r.code), r.seconds);
}

// A test run writes only to temp dirs and ignored folders; a rewritten tracked file is a failure.
if (trackedBefore && want('tracked-files')) {
  const written = writtenBetween(trackedBefore, trackedChanges() ?? new Map());
  add({ passed: written.length ? 0 : 1, failed: written.length ? 1 : 0, skipped: 0, line: `tracked files: ${written.length ? `WRITTEN by the run: ${written.join(', ')}` : 'untouched'}` }, '0.0');
}

console.log('\n== summary ==');
for (const l of lines) console.log(l);
console.log(closingLine(totals));
process.exit(totals.failed === 0 ? 0 : 1);
