/**
 * Damage found while the log runs (pages overwritten by another program, a failing disk): an error
 * that says SQLITE_CORRUPT or SQLITE_NOTADB is not a full disk and will not pass by retrying. It is
 * shown in the event log's health line, and a deeper check says how much is damaged.
 */
import type { Database } from 'better-sqlite3';

export function isCorrupt(err: unknown): boolean {
  return /^SQLITE_(CORRUPT|NOTADB)/.test(String((err as { code?: unknown })?.code ?? ''));
}

/** Problems `quick_check` reports (at most `max`), or its own failure; empty when it finds none. */
export function deepCheck(db: Database, max = 20): string[] {
  try {
    const rows = db.pragma(`quick_check(${max})`, { simple: false }) as { quick_check: string }[];
    return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return [`the check itself failed (${e?.code ?? 'error'}: ${e?.message ?? String(err)})`];
  }
}

/** The health line's words for damage: what failed, and what the check found. */
export function describeDamage(first: { code: string; message: string }, problems: readonly string[] | null): string {
  const found = problems === null ? 'a check is running' : problems.length === 0 ? 'a full check found no damage since' : `a check found ${problems.length >= 20 ? '20 or more' : problems.length} problem(s), e.g. "${problems[0]!.slice(0, 120)}"`;
  return `The event log file is damaged (${first.code}: ${first.message}); ${found}. Search and export skip rows that cannot be read; new events are still saved.`;
}
