/** Facts extracted from frames and snapshots that feed state, metrics and the differ. */
import type { ForwarderSnapshot } from '../../../shared/domain/serverState';
import { redactAnyCaseHead } from '../util/redact';
import type { ForwarderDetail } from './wire/frames';

export type Signal =
  | { kind: 'forwarders'; at: number; forwarders: ForwarderSnapshot[] }
  | { kind: 'system'; at: number; cpu: number; memory: number; disk: number; bindRunning: boolean | null }
  | { kind: 'queries'; at: number; qps: number; queriesToday: number; blockedToday: number };

/**
 * Where a server's forwarder names enter the app (REST summary and health frames alike). A hostile
 * server may name one with the password it was sent: registered secrets are masked here, in any
 * letter case, so the status, the verdict (tray, window title, CLI), events and alerts built from the
 * snapshot all carry the masked name.
 */
export const toForwarderSnapshot = (d: ForwarderDetail): ForwarderSnapshot => ({
  id: d.id,
  name: redactAnyCaseHead(d.name),
  type: redactAnyCaseHead(d.type),
  status: d.status,
  healthyServers: d.healthy_servers,
  totalServers: d.total_servers,
  lastChecked: d.last_checked,
});
