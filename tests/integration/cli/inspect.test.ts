/**
 * `dnsfleet inspect` renders the core's snapshot (issue 18): the CLI process and an in-process core
 * watch two emulators fed the same deterministic frames, and the counters agree field by field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectorSnapshot } from '../../../shared/domain/inspector';
import { ServerConfigSchema } from '../../../shared/domain/serverConfig';
import type { CoreHandle } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { nullLogger } from '../../../electron/core/util/logger';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runCli, runCliToEnd, type CliRun } from './runCli';

const ENV = 'DNSFLEET_INSPECT_PW';
const fleetOf = (url: string) => ({ servers: [{ id: 'dns-a', name: 'DNS A', url, username: 'monitor', passwordEnv: ENV, stack: 'legacy' }] });

/** The same frames to each emulator: two that are not JSON, one that is not a health_update, one legacy frame twice. */
function script(emu: EmulatedServer): void {
  emu.control.sendRawLegacy('garbage one');
  emu.control.sendRawLegacy('garbage two {');
  emu.control.sendRawLegacy(JSON.stringify({ type: 'health_update', data: { forwarder_details: 'nope' }, timestamp: '2025-08-29T09:15:02.140021' }));
  const ack = '{"type": "health_alert", "data": {"type": "alert_acknowledged", "alert_id": "forwarder_3", "timestamp": "2025-08-29T09:30:00.505050"}, "timestamp": "2025-08-29T09:30:00.505101"}';
  emu.control.sendRawLegacy(ack);
  emu.control.sendRawLegacy(ack);
}

const scripted = (s: InspectorSnapshot): boolean => s.frames.rejected === 3 && s.frames.duplicates === 1;

/** What the same traffic must make equal in any session (times, RTTs and polls are the session's own). */
function comparable(s: InspectorSnapshot) {
  return {
    state: s.state,
    stack: s.stack,
    sockets: s.sockets.map((k) => ({ label: k.label, stack: k.stack, state: k.state, welcomed: k.welcomed })),
    confirmed: s.subscriptions.confirmed,
    totals: s.frames.totals,
    frames: { ...s.frames, perMinute: undefined },
    rejected: s.rejected.map((r) => ({ socket: r.socket, reason: r.reason, length: r.length, excerpt: r.excerpt })),
    fail2ban: s.fail2ban,
    reconnects: s.reconnects.total,
  };
}

describe('dnsfleet inspect', () => {
  let dir: string;
  let emulators: EmulatedServer[] = [];
  let cli: CliRun | undefined;
  let core: CoreHandle | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-inspect-'));
  });
  afterEach(async () => {
    await cli?.stop();
    await core?.dispose();
    for (const e of emulators) await e.close();
    emulators = [];
    delete process.env[ENV];
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the same counters as the core pushes for the same traffic (--watch --json)', async () => {
    const [a, b] = (emulators = [await startEmulator({ name: 'A' }), await startEmulator({ name: 'B' })]);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(fleetOf(a!.url)));
    cli = runCli(['inspect', '--config', join(dir, 'a.json'), '--data-dir', join(dir, 'cli'), '--server', 'dns-a', '--json', '--watch'], { [ENV]: 'monitor-pass' });

    process.env[ENV] = 'monitor-pass';
    core = await createCore({
      host: 'web',
      paths: defaultPaths(join(dir, 'core')),
      logger: nullLogger,
      notifier: { notify: () => undefined },
      credentials: new MemoryCredentialStore({ available: true, persistent: false, detail: 'test' }),
      fleetOverride: fleetOf(b!.url).servers.map((s) => ServerConfigSchema.parse(s)),
    });
    const pushed: InspectorSnapshot[] = [];
    core.onPush((m) => void (m.channel === 'inspector:onDidChange' && pushed.push(m.payload as InspectorSnapshot)));
    core.start();
    await core.handlers['inspector:watch']({ serverId: 'dns-a', frames: false });

    // Live, with the legacy stack's first health_update and its first system_status (about 1 s after the
    // socket opens): scripting before the second made the two sessions' counts differ by that one frame.
    const has = (s: InspectorSnapshot, type: string) => s.frames.totals.some((r) => r.type === type);
    const live = (s: InspectorSnapshot) => s.state === 'live' && has(s, 'health_update') && has(s, 'system_status');
    await cli.waitFor((l) => live(l as unknown as InspectorSnapshot), 30_000);
    await waitUntil(() => pushed.some(live), 30_000);
    script(a!);
    script(b!);
    const fromCli = (await cli.waitFor((l) => scripted(l as unknown as InspectorSnapshot), 15_000)) as unknown as InspectorSnapshot;
    await waitUntil(() => pushed.some(scripted), 15_000);
    const fromCore = pushed.find(scripted)!;

    expect(comparable(fromCli)).toEqual(comparable(fromCore));
    expect(fromCli.rejected.map((r) => r.excerpt)).toContain('garbage two {');
    expect(fromCli.frames.totals.find((r) => r.type === 'health_alert')?.count).toBe(2);
  }, 90_000);

  it('without --watch prints one snapshot once the session is live and a ping came back, then exits', async () => {
    const [a] = (emulators = [await startEmulator({ name: 'A' })]);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(fleetOf(a!.url)));
    const run = await runCliToEnd(['inspect', '--config', join(dir, 'a.json'), '--data-dir', join(dir, 'cli'), '--server', 'dns-a', '--json', '--wait', '30'], undefined, { [ENV]: 'monitor-pass' });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const snap = JSON.parse(lines[0]!) as InspectorSnapshot;
    expect(snap).toMatchObject({ serverId: 'dns-a', state: 'live', stack: 'legacy' });
    expect(snap.ping.lastMs).toBeGreaterThanOrEqual(0);
    expect(run.stdout).not.toContain('monitor-pass');
    expect(run.stderr).toContain('another session with the same account is replaced');
  }, 60_000);
});

async function waitUntil(pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
