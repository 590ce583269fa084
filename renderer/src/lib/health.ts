import type { ServerStatus } from '../../../shared/domain/serverState';

export type TileHealth = 'healthy' | 'unhealthy' | 'degraded' | 'unknown';

/**
 * The tile's health from the last snapshot. When the server is not live we do not know its health
 * now, so it is `unknown` whatever the last data said: never green while blind.
 */
export function tileHealth(s: ServerStatus): TileHealth {
  if (s.state !== 'live') return 'unknown';
  const active = s.forwarders.filter((f) => f.status !== 'disabled');
  if (s.bindRunning === false || active.some((f) => f.status === 'unhealthy')) return 'unhealthy';
  if (active.some((f) => f.status === 'degraded' || f.status === 'unknown')) return 'degraded';
  if (active.length === 0 && s.bindRunning === null) return 'unknown';
  return 'healthy';
}

export function forwarderCounts(s: ServerStatus): { healthy: number; total: number } {
  const active = s.forwarders.filter((f) => f.status !== 'disabled');
  return { healthy: active.filter((f) => f.status === 'healthy').length, total: active.length };
}

export const HEALTH_META: Record<TileHealth, { label: string; color: string }> = {
  healthy: { label: 'Healthy', color: 'green' },
  degraded: { label: 'Degraded', color: 'yellow' },
  unhealthy: { label: 'Unhealthy', color: 'red' },
  unknown: { label: 'Unknown', color: 'gray' },
};
