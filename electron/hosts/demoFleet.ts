/** Runs the emulated demo fleet in this process and describes it as server configs for the core. */
import { asServerId } from '../../shared/domain/ids';
import type { DemoFleet } from '../core/compose';
import { startDemoFleet } from '../emulator/demoFleet';
import type { EmulatedServer } from '../emulator/types';

export interface RunningDemo extends DemoFleet {
  emulators: EmulatedServer[];
  close(): Promise<void>;
}

export async function runDemoFleet(opts: { healthIntervalMs?: number } = {}): Promise<RunningDemo> {
  // The demo reports system status every 15 s instead of a real server's 60 s, so the charts fill
  // within a minute of starting; everything else behaves as a real server does.
  const emulators = await startDemoFleet({ ...opts, overrides: { systemIntervalMs: 15_000, dns: true } });
  const servers = emulators.map((e, i) => ({
    id: asServerId(`demo-${i + 1}`),
    name: e.name,
    url: e.url,
    username: 'monitor',
    stack: 'auto' as const,
    legacyTypes: 'admin' as const,
    pollSeconds: 15,
    tags: ['demo'],
    group: 'Demo',
    enabled: true,
    // The emulated BIND answers on its own loopback port; its internal forwarder serves corp.example.
    dns: { enabled: true, port: e.dnsPort ?? 53, transport: 'udp' as const, internalName: 'host.corp.example' },
  }));
  const passwords = Object.fromEntries(servers.map((s) => [s.id, 'monitor-pass']));
  return { servers, passwords, emulators, close: async () => void (await Promise.all(emulators.map((e) => e.close()))) };
}
