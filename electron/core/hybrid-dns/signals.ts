/** Facts extracted from frames and snapshots that feed state, metrics and the differ. */
import type { ForwarderSnapshot } from '../../../shared/domain/serverState';
import type { ForwarderDetail } from './wire/frames';

export type Signal =
  | { kind: 'forwarders'; at: number; forwarders: ForwarderSnapshot[] }
  | { kind: 'system'; at: number; cpu: number; memory: number; disk: number; bindRunning: boolean | null }
  | { kind: 'queries'; at: number; qps: number; queriesToday: number; blockedToday: number };

export const toForwarderSnapshot = (d: ForwarderDetail): ForwarderSnapshot => ({
  id: d.id,
  name: d.name,
  type: d.type,
  status: d.status,
  healthyServers: d.healthy_servers,
  totalServers: d.total_servers,
  lastChecked: d.last_checked,
});
