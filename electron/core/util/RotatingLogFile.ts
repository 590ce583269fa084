/**
 * A size-capped log file: `app.log` plus `app.log.1` … `app.log.<maxFiles-1>`, oldest dropped.
 * A hostile server or a local process can make the app log fast; the logs share the disk with the
 * event log, so their total is bounded (default 10 MB x 5). Synchronous, like the logger it serves:
 * a line is on disk when the call returns (a crash loses nothing already logged).
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 5;

export class RotatingLogFile {
  private size: number;

  constructor(
    readonly path: string,
    private readonly maxFileBytes = DEFAULT_MAX_FILE_BYTES,
    private readonly maxFiles = DEFAULT_MAX_FILES,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.size = sizeOf(path);
  }

  /** Appends one line; never throws (a full disk must not take the app down with it). */
  append(line: string): void {
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size > 0 && this.size + bytes > this.maxFileBytes) this.rotate();
      appendFileSync(this.path, line);
      this.size += bytes;
    } catch {
      /* nowhere left to say it */
    }
  }

  private rotate(): void {
    rmSync(`${this.path}.${this.maxFiles - 1}`, { force: true });
    for (let n = this.maxFiles - 2; n >= 1; n--) renameIfExists(`${this.path}.${n}`, `${this.path}.${n + 1}`);
    if (this.maxFiles > 1) renameIfExists(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.size = 0;
  }
}

/** One sink per path for the whole process, so every named logger writing there shares its size. */
const open = new Map<string, RotatingLogFile>();
export function logFileFor(path: string, maxFileBytes?: number, maxFiles?: number): RotatingLogFile {
  let sink = open.get(path);
  if (!sink) {
    sink = new RotatingLogFile(path, maxFileBytes, maxFiles);
    open.set(path, sink);
  }
  return sink;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameIfExists(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
