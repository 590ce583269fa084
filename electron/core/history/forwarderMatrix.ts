/**
 * The server x forwarder matrix: one row per server, one column per upstream (by name, case and
 * spacing folded), so one upstream failing across the fleet reads as one column. A server that is
 * not seen live (its verdict is blind or disabled) has every cell 'unknown', with the last status
 * it reported kept as `lastKnown`: the matrix never shows green for a server it cannot see.
 */
import type { ForwarderMatrix, MatrixCell } from '../../../shared/domain/history';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../shared/domain/verdict';

export const forwarderKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

function blindReason(status: ServerStatus, verdict: ServerVerdict | undefined): string | null {
  if (status.state === 'disabled' || verdict?.level === 'disabled') return 'monitoring is off';
  if (status.state !== 'live') return `not live (${status.state})`;
  if (verdict?.level === 'blind') return verdict.reasons[0] ?? 'health data too old';
  return null;
}

export function forwarderMatrix(statuses: readonly ServerStatus[], verdicts: readonly ServerVerdict[]): ForwarderMatrix {
  const byServer = new Map(verdicts.map((v) => [v.serverId, v]));
  const columns = new Map<string, { key: string; name: string; unhealthy: number; servers: number }>();
  const rows = [...statuses]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => {
      const reason = blindReason(s, byServer.get(s.serverId));
      const cells = new Map<string, MatrixCell>();
      for (const f of s.forwarders) {
        const key = forwarderKey(f.name);
        const col = columns.get(key) ?? { key, name: f.name.trim(), unhealthy: 0, servers: 0 };
        columns.set(key, col);
        if (cells.has(key)) continue; // two forwarders of one name on one server: the first stands
        col.servers++;
        const status = reason ? 'unknown' : f.status;
        if (status === 'unhealthy' || status === 'degraded') col.unhealthy++;
        const detail = reason ? `${reason}; last reported ${f.status}` : `${f.healthyServers} of ${f.totalServers} upstream addresses healthy`;
        cells.set(key, { status, lastKnown: reason ? f.status : null, detail });
      }
      return { serverId: s.serverId, name: s.name, blindReason: reason, cells };
    });
  const cols = [...columns.values()]
    .sort((a, b) => b.unhealthy - a.unhealthy || a.name.localeCompare(b.name))
    .map((c) => ({ ...c, summary: c.unhealthy > 0 ? `unhealthy on ${c.unhealthy} of ${c.servers} servers` : `no problem reported on ${c.servers} servers` }));
  return { columns: cols, rows: rows.map((r) => ({ ...r, cells: cols.map((c) => r.cells.get(c.key) ?? null) })) };
}
