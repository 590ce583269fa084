import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runCli, type CliRun } from './runCli';

// Issue 13.1: `dnsfleet monitor` runs until SIGINT/SIGTERM or --for, whatever its servers do.
// Each test runs the real CLI as a child process with a one-server fleet through one fault.
// Production tuning applies (backoff from 1-2 s, 15 s after a fail2ban-counted failure).

/** Resolves 'running' when the process is still up after `ms`, else its exit code. */
const stillRunningAfter = (cli: CliRun, ms: number): Promise<number | 'running'> =>
  Promise.race([cli.exited, new Promise<'running'>((r) => setTimeout(() => r('running'), ms))]);

/** SIGHUP to the monitor itself: tsx, which runs it here, relays only SIGINT and SIGTERM to its child. */
function hangup(cli: CliRun): void {
  const pid = cli.child.pid!;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  for (const p of children.length > 0 ? children : [pid]) process.kill(p, 'SIGHUP');
}

describe('dnsfleet monitor never stops on its own', () => {
  let emulator: EmulatedServer | undefined;
  let dir: string;
  let cli: CliRun | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-life-'));
  });
  afterEach(async () => {
    await cli?.stop();
    await emulator?.close();
    cli = undefined;
    emulator = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const monitor = (server: Record<string, unknown>): CliRun => {
    const fleet = { servers: [{ id: 'dns-a', name: 'DNS A', username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'legacy', ...server }] };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    return runCli(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', join(dir, 'data'), '--json'], { DNSFLEET_DNSA_PW: 'monitor-pass' });
  };
  const states = (c: CliRun) => c.lines.filter((l) => l.kind === 'state').map((l) => l.state);
  /** The next `live` line printed from now on. */
  const waitLiveAgain = (c: CliRun, ms: number) => {
    const from = c.lines.length;
    return c.waitFor((l) => l.kind === 'state' && l.state === 'live' && c.lines.indexOf(l) >= from, ms);
  };

  it('survives a server restart (1012, then 502) and is live again afterwards', async () => {
    emulator = await startEmulator({ healthIntervalMs: 300 });
    cli = monitor({ url: emulator.url });
    await cli.waitFor((l) => l.state === 'live', 20_000);
    const back = waitLiveAgain(cli, 45_000);
    void emulator.control.restart(1500);
    await cli.waitFor((l) => l.state === 'reconnecting' || l.state === 'offline');
    await back;
    expect(cli.child.exitCode).toBeNull();
    expect(states(cli)).toEqual(expect.arrayContaining(['live', 'live']));
    expect(await cli.stop()).toBe(0);
  }, 60_000);

  it('survives refused connections (server gone) and reconnects when the server is back on its port', async () => {
    emulator = await startEmulator({ healthIntervalMs: 300 });
    const port = emulator.port;
    cli = monitor({ url: emulator.url });
    await cli.waitFor((l) => l.state === 'live', 20_000);
    await emulator.close();
    emulator = undefined;
    await cli.waitFor((l) => l.state === 'offline' || l.state === 'reconnecting');
    // Several refused attempts in a row before the server returns.
    expect(await stillRunningAfter(cli, 4000)).toBe('running');
    const back = waitLiveAgain(cli, 45_000);
    emulator = await startEmulator({ healthIntervalMs: 300, port });
    await back;
    expect(cli.child.exitCode).toBeNull();
  }, 70_000);

  it('survives a fail2ban ban (connections reset) and is live again once the ban ends', async () => {
    emulator = await startEmulator({ healthIntervalMs: 300, banMs: 4000 });
    cli = monitor({ url: emulator.url });
    await cli.waitFor((l) => l.state === 'live', 20_000);
    // Twenty 502s from this address ban it (and so the monitor, also on 127.0.0.1) for 4 s.
    emulator.control.setRestFailure('/api/dns/zones', 502);
    for (let i = 0; i < 20; i++) await fetch(`${emulator.url}/api/dns/zones`).catch(() => undefined);
    expect(emulator.control.stats().bansActive).toBe(1);
    emulator.control.setRestFailure(null);
    const back = waitLiveAgain(cli, 45_000);
    void emulator.control.restart(0);
    await cli.waitFor((l) => l.state === 'reconnecting' || l.state === 'offline');
    await back;
    expect(cli.child.exitCode).toBeNull();
  }, 60_000);

  it('keeps running on a name that does not resolve, retrying', async () => {
    cli = monitor({ url: 'http://dnsfleet-lifetime-test.invalid:8000' });
    await cli.waitFor((l) => l.state === 'offline' || l.state === 'reconnecting', 30_000);
    const log = join(dir, 'data', 'logs', 'dnsfleet.log');
    const retries = () => (existsSync(log) ? readFileSync(log, 'utf8').match(/"msg":"retrying in/g)?.length ?? 0 : 0);
    // Each attempt waits for the resolver to give up on the name, which on a machine without a reachable DNS
    // server can take seconds: CI once logged 2 retries in 30 s. Retries, not their pace, are the point here.
    for (let t = 0; retries() < 3 && cli.child.exitCode === null && t < 750; t++) await new Promise((r) => setTimeout(r, 100));
    expect(retries()).toBeGreaterThanOrEqual(3);
    expect(cli.child.exitCode).toBeNull();
  }, 100_000);

  it('keeps running with a locked account (waiting for a human), is live after unlock + SIGHUP, stops on SIGTERM', async () => {
    emulator = await startEmulator({ healthIntervalMs: 300 });
    emulator.control.users.lock('monitor');
    cli = monitor({ url: emulator.url });
    await cli.waitFor((l) => l.state === 'account-locked', 20_000);
    expect(await stillRunningAfter(cli, 3000)).toBe('running');
    expect(emulator.control.users.failedAttempts('monitor')).toBe(5); // no password was retried meanwhile
    emulator.control.users.unlock('monitor');
    const back = waitLiveAgain(cli, 20_000);
    hangup(cli); // the operator's "Reconnect now"
    await back;
    expect(await cli.stop()).toBe(0);
    expect(readFileSync(join(dir, 'data', 'logs', 'dnsfleet.log'), 'utf8')).toMatch(/"msg":"stopping","fields":\{"why":"SIGTERM"\}/);
  }, 40_000);

  it('keeps running when every server is disabled', async () => {
    cli = monitor({ url: 'http://127.0.0.1:9', enabled: false });
    await cli.waitFor((l) => l.state === 'disabled', 20_000);
    expect(await stillRunningAfter(cli, 3000)).toBe('running');
    expect(await cli.stop()).toBe(0);
  }, 40_000);
});
