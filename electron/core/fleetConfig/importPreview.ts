/**
 * What importing a fleet file would change, shown before anything is written: a fleet file can come
 * from anyone, and a changed URL or username is exactly how one would redirect a server's sign-in.
 */
import type { FleetFile, ServerConfig } from '../../../shared/domain/serverConfig';
import { credentialBinding } from '../credentials/credentialBinding';

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface ImportChange {
  id: string;
  kind: 'add' | 'update' | 'unchanged';
  changes: FieldChange[];
  /** The stored password and refresh token are forgotten: the URL or username changed. */
  forgetsPassword: boolean;
}

/** The fields an operator must see; the rest are listed by name when they differ. */
const SHOWN = ['url', 'username', 'name', 'passwordEnv', 'stack', 'enabled'] as const;

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

export function previewImport(current: readonly ServerConfig[], file: FleetFile): ImportChange[] {
  const byId = new Map(current.map((c) => [c.id, c] as const));
  return file.servers.map((incoming) => {
    const existing = byId.get(incoming.id);
    if (!existing) return { id: incoming.id, kind: 'add', changes: SHOWN.filter((f) => incoming[f] !== undefined).map((f) => ({ field: f, from: '(none)', to: show(incoming[f]) })), forgetsPassword: false };
    const changes = diff(existing, incoming);
    return { id: incoming.id, kind: changes.length > 0 ? 'update' : 'unchanged', changes, forgetsPassword: credentialBinding(existing) !== credentialBinding(incoming) };
  });
}

function diff(a: ServerConfig, b: ServerConfig): FieldChange[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ServerConfig>;
  const out: FieldChange[] = [];
  for (const key of keys) {
    const from = show(a[key]);
    const to = show(b[key]);
    // A certificate pinned here is kept when the file pins none (fleetFile.keepLocalPin).
    if (key === 'tls' && b.tls?.fingerprint256 === undefined && a.url === b.url) continue;
    if (from !== to) out.push({ field: key, from, to });
  }
  return out;
}
