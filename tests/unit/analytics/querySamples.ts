/** query_update FleetEvents as shape.ts makes them, for analytics tests. */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';

let seq = 0;

export function querySample(serverId: string, atMs: number, domain: string, clientIp: string, blocked = false): FleetEvent {
  const n = ++seq;
  const at = new Date(atMs).toISOString();
  return {
    id: `q-${n}`,
    serverId,
    type: 'query_update',
    category: 'dns',
    severity: 'debug',
    occurredAt: at,
    receivedAt: at,
    title: `${blocked ? 'Blocked' : 'Allowed'} A ${domain} from ${clientIp}`,
    summary: '',
    data: { domain, queryType: 'A', clientIp, blocked, qps: 1, queriesToday: n * 10, blockedToday: 0 },
    derived: false,
    dedupKey: `query-sample-${n}-${serverId}`,
  } as FleetEvent;
}
