/** CLI (node:util parseArgs) filter flags shared by `dnsfleet events` and `dnsfleet export` (repeatable: --server a --server b). */
import { EventFilterSchema, type EventFilter } from '../../../shared/ipc/schemas';

export const FILTER_OPTIONS = {
  'data-dir': { type: 'string' },
  server: { type: 'string', multiple: true },
  category: { type: 'string', multiple: true },
  severity: { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
  search: { type: 'string' },
} as const;

export interface FilterValues {
  server?: string[];
  category?: string[];
  severity?: string[];
  type?: string[];
  since?: string;
  until?: string;
  search?: string;
}

/** Validates the flags with the same schema the UI's requests go through. */
export function toEventFilter(v: FilterValues): { ok: true; filter: EventFilter } | { ok: false; error: string } {
  const parsed = EventFilterSchema.safeParse({
    servers: v.server,
    categories: v.category,
    severities: v.severity,
    types: v.type,
    since: v.since,
    until: v.until,
    search: v.search,
  });
  if (parsed.success) return { ok: true, filter: parsed.data };
  const flag: Record<string, string> = { servers: '--server', categories: '--category', severities: '--severity', types: '--type', since: '--since', until: '--until', search: '--search' };
  return { ok: false, error: parsed.error.issues.map((i) => `${flag[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; ') };
}
