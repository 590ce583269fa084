import type { Alert } from '../../../shared/domain/alert';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../shared/domain/verdict';
import { VERDICT_META } from './verdictMeta';

/**
 * What the command palette offers, as data: each entry names an intent, and the palette component
 * carries it out through the same contract calls the inbox and the tiles use. Pure, so the list
 * (which server gets which action, how text matches) is unit-tested without a browser.
 */
export type PaletteIntent =
  | { kind: 'open-server'; serverId: string }
  | { kind: 'acknowledge'; alertIds: string[] }
  | { kind: 'snooze'; alertIds: string[]; minutes: number }
  /** Maintenance for `minutes` from when it is chosen, or end it (null). */
  | { kind: 'maintenance'; serverId: string; minutes: number | null }
  | { kind: 'search-events'; query: string }
  | { kind: 'page'; page: 'fleet' | 'alerts' | 'events' | 'servers' | 'settings' }
  | { kind: 'wall' };

export interface PaletteEntry {
  id: string;
  group: 'Search' | 'Servers' | 'Alerts' | 'Maintenance' | 'Go to';
  label: string;
  description?: string;
  keywords: string[];
  intent: PaletteIntent;
}

export interface PaletteInput {
  servers: readonly ServerStatus[];
  verdicts: ReadonlyMap<string, ServerVerdict>;
  alerts: readonly Alert[];
  /** Open maintenance windows: serverId -> end (epoch ms). */
  maintenance: ReadonlyMap<string, number>;
  now: number;
}

const HOUR = 60;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every action the palette can offer now, before the typed text narrows them. */
export function paletteEntries(p: PaletteInput): PaletteEntry[] {
  const out: PaletteEntry[] = [];
  for (const s of p.servers) {
    const v = p.verdicts.get(s.serverId);
    const words = [s.serverId, s.group ?? '', ...(s.tags ?? [])].filter(Boolean);
    out.push({ id: `open:${s.serverId}`, group: 'Servers', label: `Go to ${s.name}`, description: v ? `${VERDICT_META[v.level].label}${v.reasons[0] ? ` · ${v.reasons[0]}` : ''}` : 'no verdict yet', keywords: words, intent: { kind: 'open-server', serverId: s.serverId } });
    const open = p.alerts.filter((a) => a.serverId === s.serverId && a.status === 'active');
    if (open.length) {
      const ids = open.map((a) => a.id);
      const what = open.length === 1 ? open[0]!.title : plural(open.length, 'open alert');
      out.push({ id: `ack:${s.serverId}`, group: 'Alerts', label: `Acknowledge ${plural(open.length, 'alert')} on ${s.name}`, description: what, keywords: [...words, 'ack'], intent: { kind: 'acknowledge', alertIds: ids } });
      out.push({ id: `snooze:${s.serverId}`, group: 'Alerts', label: `Snooze ${plural(open.length, 'alert')} on ${s.name} for 1 hour`, description: what, keywords: [...words, 'snooze'], intent: { kind: 'snooze', alertIds: ids, minutes: HOUR } });
    }
    const until = p.maintenance.get(s.serverId);
    out.push(
      until !== undefined && until > p.now
        ? { id: `maint-end:${s.serverId}`, group: 'Maintenance', label: `End maintenance on ${s.name}`, keywords: [...words, 'maintenance'], intent: { kind: 'maintenance', serverId: s.serverId, minutes: null } }
        : { id: `maint:${s.serverId}`, group: 'Maintenance', label: `Maintenance on ${s.name} for 1 hour`, description: 'Alerts are recorded, not notified', keywords: [...words, 'maintenance', 'mute'], intent: { kind: 'maintenance', serverId: s.serverId, minutes: HOUR } },
    );
  }
  for (const page of ['fleet', 'alerts', 'events', 'servers', 'settings'] as const) {
    out.push({ id: `page:${page}`, group: 'Go to', label: `Open the ${page} page`, keywords: [page], intent: { kind: 'page', page } });
  }
  out.push({ id: 'wall', group: 'Go to', label: 'Wall mode', description: 'The fleet on a wall display (F11)', keywords: ['wall', 'kiosk', 'fullscreen'], intent: { kind: 'wall' } });
  return out;
}

/**
 * The entries that match the typed text (every word, anywhere in label, description or keywords),
 * at most `limit`; with text typed, "Search events for …" closes the list (first when nothing else matches).
 */
export function matchPalette(entries: readonly PaletteEntry[], query: string, limit = 40): PaletteEntry[] {
  const q = query.trim();
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = entries.filter((e) => {
    const hay = `${e.label} ${e.description ?? ''} ${e.keywords.join(' ')}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const search: PaletteEntry[] = q ? [{ id: 'search-events', group: 'Search', label: `Search events for “${q}”`, keywords: [], intent: { kind: 'search-events', query: q } }] : [];
  return [...hits.slice(0, limit - search.length), ...search];
}
