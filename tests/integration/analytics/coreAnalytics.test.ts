/**
 * End to end in the real core: the emulator's query_update samples go through the adapter into the
 * event log's rollups, and analytics:get answers from them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreHandle } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { nullLogger } from '../../../electron/core/util/logger';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { InvokeResponse } from '../../../shared/ipc/contract';
import { dispatchInvoke } from '../../../shared/ipc/dispatch';
import { serverConfig } from '../connectivity/helpers';

let emu: EmulatedServer | undefined;
let core: CoreHandle | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.dispose();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = emu = dir = undefined;
  delete process.env.DNSFLEET_ANALYTICS_TEST_PW;
});

const EMULATOR_DOMAINS = ['intranet.corp.local', 'mail.corp.local', 'www.example.com', 'updates.vendor.net', 'ads.tracker.io', 'cdn.static.org'];

describe('query analytics in the core', () => {
  it('answers analytics:get from the rollups of the samples the server pushed', async () => {
    emu = await startEmulator({ backgroundQueryRatePerSec: 40 });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-core-analytics-'));
    process.env.DNSFLEET_ANALYTICS_TEST_PW = 'monitor-pass';
    core = await createCore({
      host: 'cli',
      paths: defaultPaths(dir),
      logger: nullLogger,
      notifier: { notify: () => {} },
      credentials: new MemoryCredentialStore({ available: true, persistent: true, detail: 'test' }),
      fleetOverride: [serverConfig(emu.url, { stack: 'unified', passwordEnv: 'DNSFLEET_ANALYTICS_TEST_PW' })],
    });
    const committed: FleetEvent[] = [];
    const enough = new Promise<void>((resolve) =>
      core!.onPush((m) => {
        if (m.channel !== 'events:onDidAppend') return;
        committed.push(...(m.payload as FleetEvent[]).filter((e) => e.type === 'query_update'));
        if (committed.length >= 40) resolve();
      }),
    );
    core.start();
    await enough;
    const r = await dispatchInvoke(core.handlers, 'analytics:get', { serverId: 'dns-01', range: '15m', top: 10 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const q = (r.value as InvokeResponse<'analytics:get'>).queries;
    // Everything committed so far is counted (and perhaps a batch more).
    expect(q.samples).toBeGreaterThanOrEqual(committed.length);
    expect(q.topDomains.map((d) => d.key).every((k) => EMULATOR_DOMAINS.includes(k))).toBe(true);
    // The emulator blocks exactly one domain: the blocked count is that domain's count.
    expect(q.blocked).toBe(q.topDomains.find((d) => d.key === 'ads.tracker.io')?.count ?? 0);
    expect(q.topDomains.reduce((n, d) => n + d.count, 0)).toBe(q.samples);
    expect(q.topClients.every((c) => /^192\.168\.1\d\.\d+$/.test(c.key))).toBe(true);
    const fleet = await dispatchInvoke(core.handlers, 'analytics:get', { serverId: null, range: '24h' });
    expect(fleet.ok && (fleet.value as InvokeResponse<'analytics:get'>).queries.samples).toBeGreaterThanOrEqual(q.samples);
  }, 30_000);
});
