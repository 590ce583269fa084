// Which tracked files a test run wrote: test-all compares the working tree's changes to tracked files
// before and after the runners, so a test that rewrites a README picture or a fixture fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

function git(args, cwd) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return r.status === 0 ? r.stdout : null;
}

/** Path -> content hash of every tracked file that differs from HEAD; null outside a git checkout. */
export function trackedChanges(cwd = process.cwd()) {
  const names = git(['diff', '--name-only', '-z', 'HEAD'], cwd);
  if (names === null) return null;
  const paths = names.split('\0').filter(Boolean);
  const present = paths.filter((p) => existsSync(join(cwd, p)));
  const hashes = present.length ? (git(['hash-object', '--', ...present], cwd)?.trim().split('\n') ?? []) : [];
  const changes = new Map(paths.map((p) => [p, 'deleted']));
  present.forEach((p, i) => changes.set(p, hashes[i] ?? 'unreadable'));
  return changes;
}

/** The tracked files whose content changed between two snapshots of trackedChanges(). */
export function writtenBetween(before, after) {
  return [...after].filter(([path, hash]) => before.get(path) !== hash).map(([path]) => path);
}
