/**
 * Which WebSocket stack a session uses (§2.1, Q6, Q9). `auto`: migration_mode "disabled" means
 * the routed legacy endpoint works (the good case, with health_update pushes); any other mode
 * breaks it, so unified only. When the probe fails, unified is tried; a session whose unified
 * handshakes are refused while REST accepts the token falls back to legacy (sticky).
 */
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { Stack } from '../hybrid-dns/Normaliser';
import type { RestClient } from '../hybrid-dns/RestClient';
import { WsStatsSchema } from '../hybrid-dns/wire/rest';

export async function chooseStack(config: ServerConfig, rest: RestClient, fellBackToLegacy: boolean): Promise<Stack> {
  if (config.stack !== 'auto') return config.stack;
  if (fellBackToLegacy) return 'legacy';
  const r = await rest.get('/api/websocket/ws/stats');
  const stats = r.ok ? WsStatsSchema.safeParse(r.body) : null;
  const mode = stats?.success ? stats.data.feature_flags?.migration_mode : undefined;
  return mode === 'disabled' ? 'legacy' : 'unified';
}
