import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runCli, runCliToEnd, type CliRun } from './runCli';

// The CLI contract of the README, end to end: a real emulator on loopback, the real `dnsfleet`
// process, its JSON lines on stdout, the event log it leaves behind in the data dir.
describe('dnsfleet monitor --json', () => {
  let emulator: EmulatedServer;
  let dir: string;
  let cli: CliRun | undefined;

  beforeEach(async () => {
    emulator = await startEmulator({ healthIntervalMs: 300 });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-cli-'));
  });
  afterEach(async () => {
    await cli?.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes live, reports a forwarder turning unhealthy as an event and an alert, and stores it', async () => {
    const fleet = {
      servers: [{ id: 'dns-a', name: 'DNS A', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'legacy' }],
    };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    cli = runCli(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', join(dir, 'data'), '--json'], { DNSFLEET_DNSA_PW: 'monitor-pass' });

    const live = await cli.waitFor((l) => l.kind === 'state' && l.state === 'live', 20_000);
    expect(live).toMatchObject({ server: 'dns-a', state: 'live' });
    expect(typeof live.at).toBe('string');

    emulator.control.setForwarderStatus(1, 'unhealthy', { pushNow: true });
    const event = await cli.waitFor(
      (l) => l.kind === 'event' && l.type === 'forwarder_status_change' && String(l.title).includes('unhealthy'),
    );
    expect(event).toMatchObject({ server: 'dns-a', category: 'health' });
    const alert = await cli.waitFor((l) => l.kind === 'alert');
    expect(alert).toMatchObject({ server: 'dns-a' });
    expect(['warning', 'error', 'critical']).toContain(alert.severity);

    expect(await cli.stop()).toBe(0);
    const stored = await runCliToEnd(['events', '--data-dir', join(dir, 'data'), '--json', '--type', 'forwarder_status_change']);
    expect(stored.code).toBe(0);
    const rows = stored.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.some((r) => r.server === 'dns-a' && String(r.title).includes('unhealthy'))).toBe(true);
    for (const r of rows)
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['id', 'server', 'type', 'category', 'severity', 'occurredAt', 'receivedAt', 'title', 'derived']),
      );
  }, 60_000);

  it('names the verdict on every state line and prints a verdict line when it changes (BIND down on a live server)', async () => {
    const fleet = {
      servers: [{ id: 'dns-a', name: 'DNS A', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'legacy' }],
    };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    cli = runCli(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', join(dir, 'data'), '--json'], { DNSFLEET_DNSA_PW: 'monitor-pass' });

    const connecting = await cli.waitFor((l) => l.kind === 'state', 20_000);
    expect(connecting).toMatchObject({ server: 'dns-a', verdict: 'blind' }); // never ok before data
    // The emulator's default forwarders include a degraded one: live, and a warning.
    const live = await cli.waitFor((l) => l.kind === 'state' && l.state === 'live', 20_000);
    expect(live).toMatchObject({ server: 'dns-a', verdict: 'warning' });
    await cli.waitFor((l) => l.kind === 'verdict' && l.level === 'warning');

    emulator.control.setBindRunning(false);
    emulator.control.pushSystemStatus();
    const critical = await cli.waitFor((l) => l.kind === 'verdict' && l.level === 'critical', 10_000);
    expect(critical).toMatchObject({ server: 'dns-a', level: 'critical' });
    expect(critical.reasons).toEqual(expect.arrayContaining(['BIND is not running']));
    expect(typeof critical.at).toBe('string');
    expect(await cli.stop()).toBe(0);
  }, 60_000);

  it('stops cleanly and keeps what it saw when its stdout is closed (monitor --json | head)', async () => {
    const fleet = {
      servers: [{ id: 'dns-a', name: 'DNS A', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'legacy' }],
    };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    cli = runCli(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', join(dir, 'data'), '--json'], { DNSFLEET_DNSA_PW: 'monitor-pass' });
    await cli.waitFor((l) => l.kind === 'event', 20_000);
    cli.child.stdout!.destroy();
    emulator.control.setForwarderStatus(1, 'unhealthy', { pushNow: true });
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).not.toMatch(/EPIPE|Unhandled/);
    const stored = await runCliToEnd(['events', '--data-dir', join(dir, 'data'), '--json']);
    expect(stored.stdout.trim().split('\n').length).toBeGreaterThan(0);
    expect(stored.stdout).toContain('"server":"dns-a"');
  }, 60_000);

  it('stops by itself after --for seconds and says why a bad config is bad', async () => {
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify({ servers: [{ id: 'x', name: 'X', url: 'not a url', username: 'monitor' }] }));
    const bad = await runCliToEnd(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', join(dir, 'data')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/url/i);

    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ servers: [] }));
    const started = Date.now();
    // No keychain (a D-Bus address that leads nowhere): stdout stays JSON, stderr says so.
    const ok = await runCliToEnd(
      ['monitor', '--config', join(dir, 'ok.json'), '--data-dir', join(dir, 'data'), '--json', '--for', '1'],
      undefined,
      {
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      },
    );
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/kept in memory for this session/);
    for (const line of ok.stdout.trim().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
