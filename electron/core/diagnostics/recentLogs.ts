/**
 * The last hour of the app's own logs, for the diagnostics bundle. Each host writes JSON lines to
 * `<logsDir>/<name>.log`, rotated to `<name>.log.1` … (util/RotatingLogFile.ts); this reads them
 * newest file first and keeps the lines whose `at` is within the window, oldest first, up to a byte
 * budget (the newest lines win): a flood cannot make a bundle too big to attach to a ticket. Reading
 * stops once the budget is spent, and files are read asynchronously: with every log at its cap
 * (3 x 50 MB) reading them all blocked a running core's event loop for 10 s (tests/bench).
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Only files the app's logger names; nothing else in the folder is read. */
const LOG_FILE = /^([A-Za-z0-9_-]{1,40})\.log(?:\.(\d{1,2}))?$/;
export const LOG_WINDOW_MS = 60 * 60 * 1000;
export const LOG_BUDGET_BYTES = 16 * 1024 * 1024;

export interface RecentLog {
  /** The log's name (`main`, `web`, `dnsfleet`). */
  name: string;
  /** Lines as written (already redacted once by the logger), oldest first, each ending in a newline. */
  text: string;
  lines: number;
  /** Older lines of the window were left out: the budget was spent. */
  truncated: boolean;
  /** Lines that were not a JSON object with a time (kept out: their age is unknown). */
  unreadableLines: number;
}

/** Rotated files of each log, newest first (`x.log`, `x.log.1`, `x.log.2` …). */
function logFiles(dir: string): Map<string, string[]> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return new Map();
  }
  const byLog = new Map<string, { file: string; n: number }[]>();
  for (const file of names) {
    const m = LOG_FILE.exec(file);
    if (!m) continue;
    const list = byLog.get(m[1]!) ?? [];
    list.push({ file, n: m[2] === undefined ? 0 : Number(m[2]) });
    byLog.set(m[1]!, list);
  }
  return new Map([...byLog].map(([name, list]) => [name, list.sort((a, b) => a.n - b.n).map((f) => join(dir, f.file))]));
}

/** The logger writes `at` first: read it without parsing the line; anything else is parsed. */
const AT_PREFIX = '{"at":"';
function lineTime(line: string): number | null {
  if (line.startsWith(AT_PREFIX) && line.charCodeAt(AT_PREFIX.length + 24) === 34) {
    const t = Date.parse(line.slice(AT_PREFIX.length, AT_PREFIX.length + 24));
    if (Number.isFinite(t)) return t;
  }
  try {
    const at = (JSON.parse(line) as { at?: unknown }).at;
    const t = typeof at === 'string' ? Date.parse(at) : NaN;
    return Number.isFinite(t) ? t : null;
  } catch {
    return null;
  }
}

interface Taken {
  newestFirst: string[];
  bytes: number;
  unreadable: number;
  /** The budget ran out: nothing older is taken, so the window has no holes. */
  full: boolean;
}

/** Walks one file's lines newest first; false once the file reaches back past the window or the budget is spent. */
async function takeFrom(path: string, since: number, budget: number, t: Taken): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return true;
  }
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line === '') continue;
    const at = lineTime(line);
    if (at === null) {
      t.unreadable++;
      continue;
    }
    if (at < since) return false;
    const bytes = Buffer.byteLength(line) + 1;
    if (t.bytes + bytes > budget) {
      t.full = true;
      return false;
    }
    t.newestFirst.push(line);
    t.bytes += bytes;
  }
  return true;
}

/** The lines of every log written since `now - windowMs`; each log gets an equal share of the budget. */
export async function recentLogs(logsDir: string, now: number, windowMs = LOG_WINDOW_MS, budgetBytes = LOG_BUDGET_BYTES): Promise<RecentLog[]> {
  const since = now - windowMs;
  const logs = [...logFiles(logsDir)].sort(([a], [b]) => a.localeCompare(b));
  const share = Math.floor(budgetBytes / Math.max(1, logs.length));
  const out: RecentLog[] = [];
  for (const [name, files] of logs) {
    const t: Taken = { newestFirst: [], bytes: 0, unreadable: 0, full: false };
    for (const file of files) if (!(await takeFrom(file, since, share, t))) break;
    const lines = t.newestFirst.reverse();
    out.push({ name, text: lines.map((l) => l + '\n').join(''), lines: lines.length, truncated: t.full, unreadableLines: t.unreadable });
  }
  return out;
}
