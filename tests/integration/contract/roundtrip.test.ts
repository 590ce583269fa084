import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asServerId } from '../../../shared/domain/ids';
import { INVOKE_CHANNELS, pushChannels, type InvokeChannel, type InvokeRequest } from '../../../shared/ipc/contract';
import { dispatchInvoke } from '../../../shared/ipc/dispatch';
import type { CoreHandle, PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { nullLogger } from '../../../electron/core/util/logger';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runDemoFleet, type RunningDemo } from '../../../electron/hosts/demoFleet';

// House rule 1: every channel of the contract has a handler in the real core, and a sample of each
// goes through the same validating dispatcher every host uses and comes back on-contract.
let emulator: EmulatedServer;
let demo: RunningDemo | undefined;
let core: CoreHandle;
let dir: string;
const pushes: PushMessage[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ healthIntervalMs: 200 });
  dir = mkdtempSync(join(tmpdir(), 'dnsfleet-contract-'));
  core = await createCore({
    host: 'cli',
    paths: defaultPaths(dir),
    logger: nullLogger,
    notifier: { notify: () => {} },
    credentials: new MemoryCredentialStore({ available: true, persistent: true, detail: 'test' }),
    demo: async () => (demo ??= await runDemoFleet({ healthIntervalMs: 500 })),
  });
  core.onPush((m) => pushes.push(m));
  core.start();
});
afterAll(async () => {
  await core?.dispose();
  await demo?.close();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

function samples(): { [C in InvokeChannel]: InvokeRequest<C> } {
  const config = { id: asServerId('rt-1'), name: 'Round trip', url: emulator.url, username: 'monitor' };
  const filter = { categories: ['health' as const], search: 'forwarder' };
  return {
    'fleet:getSnapshot': {},
    'servers:save': { config, password: 'monitor-pass', isNew: true },
    'servers:list': {},
    'servers:test': { config, password: 'monitor-pass' },
    'servers:setPassword': { id: 'rt-1', password: 'monitor-pass' },
    'servers:reconnect': { id: 'rt-1' },
    'servers:trustCertificate': { id: 'rt-1', fingerprint256: 'AA:BB' },
    'servers:submitTotp': { id: 'rt-1', code: '123456' },
    'servers:setEnabled': { id: 'rt-1', enabled: false },
    'fleet:exportConfig': {},
    'fleet:previewImport': { fleet: { servers: [{ ...config, id: asServerId('rt-2'), stack: 'auto', legacyTypes: 'admin', pollSeconds: 60, tags: [], enabled: false }] } },
    'fleet:importConfig': { fleet: { servers: [{ ...config, id: asServerId('rt-2'), stack: 'auto', legacyTypes: 'admin', pollSeconds: 60, tags: [], enabled: false }] } },
    'fleet:startDemo': {},
    'events:query': { filter, limit: 10 },
    'events:facets': { filter: {} },
    'events:histogram': { filter: {}, buckets: 12 },
    'events:export': { filter: {}, format: 'csv' },
    'events:revealExport': { path: '/etc/passwd' },
    'alerts:list': { includeResolved: true },
    'alerts:acknowledge': { ids: ['none'], note: 'seen' },
    'alerts:snooze': { ids: ['none'], minutes: 15 },
    'alerts:unsnooze': { ids: ['none'] },
    'alerts:setMaintenance': { serverId: 'rt-1', untilMs: Date.now() + 60_000 },
    'maintenance:schedule': {
      window: { id: 'mw-1', serverId: 'rt-1', startsAt: Date.now() + 3_600_000, endsAt: Date.now() + 7_200_000, recurrence: 'weekly', timeZone: 'Europe/Berlin' },
    },
    'maintenance:list': {},
    'maintenance:remove': { id: 'mw-1' },
    'alerts:previewPolicy': { policy: { minSeverity: 'error', quietHours: { start: '22:00', end: '07:00' } } },
    'settings:getPolicy': {},
    'settings:setPolicy': { policy: { minSeverity: 'warning', escalateEveryMinutes: 15 } },
    'metrics:get': { serverId: 'rt-1', names: ['cpu', 'qps'] },
    'probes:get': { serverId: 'rt-1' },
    'app:getHealth': {},
    'fleet:getTotals': {},
    'app:writeDiagnostics': {},
    'analytics:get': { serverId: 'rt-1', range: '15m' },
    'analytics:baselines': {},
    'inspector:watch': { serverId: 'rt-1', frames: true },
    'inspector:getSnapshot': { serverId: 'rt-1' },
    'inspector:resubscribe': { serverId: 'rt-1' },
    'inspector:unwatch': { leaseId: 'no-such-lease' },
    'metrics:history': { serverId: 'rt-1', range: '24h', names: ['qps', 'blockedPercent'] },
    'metrics:annotations': { serverId: 'rt-1', range: '1h' },
    'metrics:forwarderHistory': { serverId: 'rt-1', range: '7d' },
    'metrics:fleetHistory': { range: '15m' },
    'fleet:forwarderMatrix': {},
    'servers:remove': { id: 'rt-2' },
    'forwarding:get': {},
    // Port 9 on loopback refuses: the test alert's first attempt fails at once and waits in the outbox.
    'forwarding:set': { config: { minSeverity: 'warning', alertmanagerUrl: null, webhooks: [{ id: 'rt', url: 'http://127.0.0.1:9/hook', format: 'json', signed: false }] } },
    'forwarding:setSecret': { webhookId: 'rt', secret: 'rt-secret' },
    'forwarding:sendTest': {},
    'forwarding:deliveries': { alertIds: ['none'] },
    'settings:getMonitoring': {},
    'settings:setMonitoring': { probes: { intervalSeconds: 45 }, analytics: { qpsBandPercent: 50 } },
  };
}

describe('the IPC contract on the real core', () => {
  it('has exactly one handler per declared channel', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('round-trips a sample of every channel through the validating dispatcher', async () => {
    const outcomes: Record<string, unknown> = {};
    for (const [channel, request] of Object.entries(samples())) {
      const result = await dispatchInvoke(core.handlers, channel, request);
      outcomes[channel] = result.ok ? 'ok' : result.error;
    }
    if (process.env.DEBUG_CONTRACT) process.stderr.write(JSON.stringify(outcomes, null, 1) + '\n');
    // Submitting a TOTP code to a server that did not ask for one, or trusting a fingerprint the
    // server never presented, is refused as a clear request error, never a crash; so is showing a
    // file the app did not export.
    const refused: Record<string, string> = { 'servers:submitTotp': 'conflict', 'servers:trustCertificate': 'conflict', 'events:revealExport': 'not-found' };
    for (const [channel, outcome] of Object.entries(outcomes)) {
      if (outcome === 'ok') continue;
      expect(Object.keys(refused), `${channel}: ${JSON.stringify(outcome)}`).toContain(channel);
      expect((outcome as { code: string }).code).toBe(refused[channel]);
    }
    expect(Object.values(outcomes).filter((o) => o === 'ok')).toHaveLength(INVOKE_CHANNELS.length - Object.keys(refused).length);
  }, 60_000);

  it('sends only on-contract push payloads', async () => {
    const deadline = Date.now() + 15_000;
    while (!pushes.some((p) => p.channel === 'events:onDidAppend') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pushes.length).toBeGreaterThan(0);
    for (const p of pushes) {
      const parsed = pushChannels[p.channel].safeParse(p.payload);
      expect(parsed.success, `${p.channel}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
    const seen = new Set(pushes.map((p) => p.channel));
    for (const c of ['fleet:onDidChangeServer', 'events:onDidAppend', 'events:onDidExportProgress', 'fleet:onDidRemoveServer'] as const) expect(seen).toContain(c);
  }, 30_000);
});
