#!/usr/bin/env node
// The README's one test command (`npm test`): static checks, build, unit + integration tests
// (vitest), e2e tests (Playwright in Debian's Chromium). Ends with ONE line `N passed, N failed`
// summing every runner, which is what CI reads. Static checks count as one check each.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, args, extraEnv = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return { code: r.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function check(name, cmd, args) {
  if (!want(name)) return;
  const r = run(cmd, args);
  if (r.code === 0) totals.passed++;
  else totals.failed++;
  lines.push(`${name}: ${r.code === 0 ? 'ok' : 'FAILED'} (${r.seconds}s)`);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync('test-results', { recursive: true });
// One tsconfig per runtime (shared: no DOM, no Node; core and hosts: Node; main/preload: Node + DOM; renderer: DOM).
for (const project of ['shared', 'node', 'electron', 'web']) check(`typecheck-${project}`, 'npx', ['tsc', '-p', `tsconfig.${project}.json`, '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('build', 'npx', ['electron-vite', 'build']);

if (want('vitest')) {
  rmSync('test-results/vitest.json', { force: true });
  const r = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
  const j = readJson('test-results/vitest.json');
  if (j) {
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0) + (j.numFailedTestSuites && !j.numFailedTests ? j.numFailedTestSuites : 0);
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    lines.push(`vitest: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numFailedTestSuites} failed suites (exit ${r.code}, ${r.seconds}s)`);
  } else {
    totals.failed++;
    lines.push(`vitest: no report (exit ${r.code})`);
  }
}

if (want('e2e')) {
  rmSync('test-results/playwright.json', { force: true });
  const r = run('npx', ['playwright', 'test']);
  const j = readJson('test-results/playwright.json');
  if (j?.stats) {
    const s = j.stats;
    totals.passed += s.expected + (s.flaky ?? 0);
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
    lines.push(`playwright: ${s.expected} passed, ${s.unexpected} failed, ${s.skipped} skipped, ${s.flaky ?? 0} flaky (exit ${r.code}, ${r.seconds}s)`);
    if (j.errors?.length && s.expected + s.unexpected === 0) totals.failed++;
  } else {
    totals.failed++;
    lines.push(`playwright: no report (exit ${r.code})`);
  }
}

console.log('\n== summary ==');
for (const l of lines) console.log(l);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 && existsSync('package.json') ? 0 : 1);
