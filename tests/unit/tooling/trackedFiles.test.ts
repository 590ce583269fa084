// test-all fails a run that rewrote a tracked file (a README picture, a fixture). Checked on a
// throwaway git repository.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { trackedChanges, writtenBetween } from '../../../scripts/trackedFiles.mjs';

let repo: string;
const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: repo, encoding: 'utf8' });

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'tracked-'));
  git('init', '-q');
  for (const f of ['picture.png', 'notes.md', 'old.txt']) writeFileSync(join(repo, f), `${f} v1`);
  git('add', '.');
  git('commit', '-qm', 'fixture');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

it('names the tracked files a run wrote or deleted, not the ones already edited nor untracked ones', () => {
  writeFileSync(join(repo, 'notes.md'), 'edited by the developer before the run');
  const before = trackedChanges(repo)!;
  writeFileSync(join(repo, 'picture.png'), 'rewritten by a test');
  unlinkSync(join(repo, 'old.txt'));
  writeFileSync(join(repo, 'untracked.log'), 'output');
  expect(writtenBetween(before, trackedChanges(repo)!).sort()).toEqual(['old.txt', 'picture.png']);
});

it('names a file edited before the run and written again by it', () => {
  writeFileSync(join(repo, 'notes.md'), 'edited by the developer');
  const before = trackedChanges(repo)!;
  writeFileSync(join(repo, 'notes.md'), 'then rewritten by a test');
  expect(writtenBetween(before, trackedChanges(repo)!)).toEqual(['notes.md']);
});

it('finds nothing when the run wrote nothing tracked', () => {
  const before = trackedChanges(repo)!;
  writeFileSync(join(repo, 'untracked.log'), 'output');
  expect(writtenBetween(before, trackedChanges(repo)!)).toEqual([]);
});

it('says it cannot tell outside a git checkout', () => {
  expect(trackedChanges(tmpdir())).toBeNull();
});
