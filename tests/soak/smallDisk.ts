/**
 * A disk that can be made full on purpose: the monitor's data dir lives on a small tmpfs, and a
 * filler file takes every free byte for as long as the fault lasts (the technique of
 * tests/integration/eventlog/diskFull.test.ts). Mounting needs root; without it the disk-full fault
 * is left out of the run and the report says why. The monitor is a separate process, so the
 * max_page_count fallback of that test cannot reach its connection.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const CHUNK = Buffer.alloc(1024 * 1024);

export class SmallDisk {
  private filled = false;

  private constructor(readonly dir: string) {}

  /** Mounts a tmpfs of `megabytes` on `dir`, or says why it could not. */
  static mount(dir: string, megabytes: number): SmallDisk | { unavailable: string } {
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'pipe' });
      return new SmallDisk(dir);
    } catch (err) {
      return { unavailable: `tmpfs could not be mounted (${(err as Error).message.split('\n')[0]})` };
    }
  }

  private get filler(): string {
    return join(this.dir, 'soak-filler');
  }

  /** Writes until the disk refuses (ENOSPC); returns the bytes taken. */
  fill(): number {
    const fd = openSync(this.filler, 'w');
    let taken = 0;
    try {
      for (;;) taken += writeSync(fd, CHUNK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    } finally {
      closeSync(fd);
    }
    this.filled = true;
    return taken;
  }

  free(): void {
    if (!this.filled) return;
    rmSync(this.filler, { force: true });
    this.filled = false;
  }

  get isFull(): boolean {
    return this.filled;
  }

  unmount(): void {
    this.free();
    try {
      execFileSync('umount', [this.dir], { stdio: 'pipe' });
    } catch {
      // A busy mount (a process still holding a file) is detached lazily instead of left behind.
      execFileSync('umount', ['-l', this.dir], { stdio: 'pipe' });
    }
  }
}
