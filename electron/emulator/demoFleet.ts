// The demo fleet: three small, deterministic (seedable) servers with a light background of
// query_update events. Also used by cli.ts for any number of servers.
import { startEmulator } from './EmulatedServer';
import { prng } from './state';
import type { EmulatedForwarder, EmulatedServer, EmulatedZone, EmulatorLogger, EmulatorOptions } from './types';

export interface DemoFleetOptions {
  /** default 3 */
  count?: number;
  tls?: boolean;
  /** default 42 */
  seed?: number;
  /** 0 = random ports (default); otherwise basePort + index */
  basePort?: number;
  healthIntervalMs?: number;
  /** default 2 query_update events per second per server */
  backgroundQueryRatePerSec?: number;
  logger?: EmulatorLogger;
  /** applied to every server last */
  overrides?: Partial<EmulatorOptions>;
}

const NAMES = ['dns-hq-1', 'dns-hq-2', 'dns-branch-1'];

const FORWARDER_POOL: Array<Omit<EmulatedForwarder, 'id' | 'status' | 'healthyServers'>> = [
  { name: 'Corporate AD', type: 'active_directory', totalServers: 2 },
  { name: 'Intranet', type: 'intranet', totalServers: 2 },
  { name: 'Public DNS', type: 'public', totalServers: 2 },
  { name: 'Partner Extranet', type: 'intranet', totalServers: 3 },
  { name: 'Quad9', type: 'public', totalServers: 2 },
];

export const demoServerName = (i: number): string => NAMES[i] ?? `dns-branch-${i - 1}`;

/** Options of the i-th demo server (deterministic for a seed). */
export function demoServerOptions(index: number, seed = 42): EmulatorOptions {
  const rand = prng(seed * 1000 + index);
  const count = 2 + Math.floor(rand() * 3); // 2–4 forwarders
  const start = Math.floor(rand() * FORWARDER_POOL.length);
  const forwarders: EmulatedForwarder[] = [];
  for (let k = 0; k < count; k++) {
    const f = FORWARDER_POOL[(start + k) % FORWARDER_POOL.length] as (typeof FORWARDER_POOL)[number];
    const degraded = index === 1 && k === count - 1; // one degraded forwarder somewhere, for the demo
    forwarders.push({
      ...f,
      id: k + 1,
      status: degraded ? 'degraded' : 'healthy',
      healthyServers: degraded ? f.totalServers - 1 : f.totalServers,
    });
  }
  const site = index < 2 ? 'hq' : `branch${index - 1}`;
  const zones: EmulatedZone[] = [
    { id: 1, name: 'corp.local', zoneType: index === 0 ? 'master' : 'slave', serial: 2025082901, isActive: true },
    { id: 2, name: `${site}.corp.local`, zoneType: 'master', serial: 2025082000 + index, isActive: true },
    { id: 3, name: '10.in-addr.arpa', zoneType: 'master', serial: 2025081501, isActive: true },
    { id: 4, name: 'partner.example', zoneType: 'forward', serial: 1, isActive: index !== 2 },
  ];
  return { name: demoServerName(index), forwarders, zones, seed: seed + index };
}

export async function startDemoFleet(opts: DemoFleetOptions = {}): Promise<EmulatedServer[]> {
  const servers: EmulatedServer[] = [];
  try {
    for (let i = 0; i < (opts.count ?? 3); i++) {
      servers.push(
        await startEmulator({
          ...demoServerOptions(i, opts.seed ?? 42),
          port: opts.basePort ? opts.basePort + i : 0,
          tls: opts.tls,
          healthIntervalMs: opts.healthIntervalMs,
          backgroundQueryRatePerSec: opts.backgroundQueryRatePerSec ?? 2,
          logger: opts.logger,
          ...opts.overrides,
        }),
      );
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  // A few blocked lookups so /api/realtime/security/live has something to show.
  servers.forEach((s, i) => {
    s.control.addThreat({ domain: 'malware-c2.example', clientIp: `192.168.${10 + i}.23`, category: 'malware' });
    if (i !== 1) s.control.addThreat({ domain: 'phish-login.example', clientIp: `192.168.${10 + i}.57`, category: 'phishing' });
  });
  return servers;
}
