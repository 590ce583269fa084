#!/usr/bin/env node
// Electronegativity over what the Electron host ships: the main process, the preload and the
// renderer's index.html. Fails on any finding not justified in scripts/electronegativity-allowlist.mjs
// and on any allow-list entry that matches nothing. Run by `npm test` (scripts/test-all.mjs).
//   node scripts/electronegativity.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALLOWED, EXCLUDED_CHECKS } from './electronegativity-allowlist.mjs';

const root = join(import.meta.dirname, '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const src = join(work, 'src');
try {
  cpSync(join(root, 'electron', 'main'), join(src, 'main'), { recursive: true });
  cpSync(join(root, 'electron', 'preload'), join(src, 'preload'), { recursive: true });
  cpSync(join(root, 'renderer', 'index.html'), join(src, 'index.html'));
  const out = join(work, 'findings.sarif');
  const bin = join(root, 'node_modules', '.bin', 'electronegativity');
  const args = ['-i', src, '-r', '-v', 'false', '-e', electronVersion, '-x', EXCLUDED_CHECKS.join(','), '-o', out];
  const run = spawnSync(bin, args, { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`electronegativity failed (exit ${run.status}): ${run.stderr}`);
  const findings = JSON.parse(readFileSync(out, 'utf8')).runs.flatMap((r) =>
    (r.results ?? []).map((x) => ({
      check: x.ruleId,
      file: x.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.replace(/^.*?src\//, '') ?? 'N/A',
      line: x.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
      text: x.message?.text ?? '',
    })),
  );
  const matches = (a, f) => a.check === f.check && a.file === f.file;
  const unjustified = findings.filter((f) => !ALLOWED.some((a) => matches(a, f)));
  const stale = ALLOWED.filter((a) => !findings.some((f) => matches(a, f)));
  for (const f of findings) process.stdout.write(`${unjustified.includes(f) ? 'UNJUSTIFIED' : 'allowed    '} ${f.check} ${f.file}:${f.line} ${f.text}\n`);
  for (const a of stale) process.stdout.write(`STALE       allow-list entry ${a.check} ${a.file} matches no finding: remove it\n`);
  process.stdout.write(`electronegativity: ${findings.length} findings, ${unjustified.length} unjustified, ${stale.length} stale allow-list entries\n`);
  process.exitCode = unjustified.length + stale.length === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
