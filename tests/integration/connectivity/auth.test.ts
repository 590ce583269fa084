import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, totp, type EmulatedServer } from '../../../electron/emulator';
import { createLogger } from '../../../electron/core/util/logger';
import { FAST_TUNING, harness, ManualClock, serverConfig, type Harness } from './helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});
const SECRET = 'JBSWY3DPEHPK3PXP';
const stateEvent = (hh: Harness, state: string) =>
  hh.events.find((e) => e.type === 'connection_state' && (e.data as { state: string }).state === state);

describe('authentication', () => {
  it('2FA: needs-2fa until a TOTP code is submitted; a wrong code does not count as a password failure', async () => {
    emu = await startEmulator({
      healthIntervalMs: 100,
      users: [{ username: 'monitor', password: 'monitor-pass', isAdmin: true, totpSecret: SECRET }],
    });
    h = harness();
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('needs-2fa');
    await h.fleet.submitTotp('dns-01', '000000' === totp(SECRET, Date.now()) ? '111111' : '000000');
    const again = await h.waitState('needs-2fa');
    expect(again.detail).toMatch(/refused/i);
    expect(emu.control.users.failedAttempts('monitor')).toBe(0);
    await h.fleet.submitTotp('dns-01', totp(SECRET, Date.now()));
    await h.waitState('live');
    expect(await h.creds.get('dns-01', 'refresh')).toMatch(/^eyJ/);
  });

  it('401 on login: auth-failed, an error event, and the same password is never sent again', async () => {
    emu = await startEmulator({ healthIntervalMs: 100 });
    h = harness({}, 'wrong-pass');
    h.fleet.setServers([serverConfig(emu.url)]);
    const failed = await h.waitState('auth-failed');
    expect(failed.detail).toMatch(/401/);
    await h.waitEvent((e) => e.type === 'connection_state' && (e.data as { state: string }).state === 'auth-failed');
    expect(stateEvent(h, 'auth-failed')?.severity).toBe('error');
    h.fleet.retryNow();
    h.fleet.reconnect('dns-01');
    const blocked = await h.waitState('auth-failed');
    expect(blocked.detail).toMatch(/set a new one/);
    expect(emu.control.stats().loginsFailed).toBe(1);
    await h.creds.set('dns-01', 'password', 'monitor-pass');
    h.fleet.reconnect('dns-01');
    await h.waitState('live');
  });

  it('423 on login: account-locked with a critical event, no retry', async () => {
    emu = await startEmulator({ healthIntervalMs: 100 });
    emu.control.users.lock('monitor');
    h = harness();
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('account-locked');
    await h.waitEvent((e) => e.type === 'connection_state' && (e.data as { state: string }).state === 'account-locked');
    expect(stateEvent(h, 'account-locked')?.severity).toBe('critical');
    h.fleet.retryNow();
    expect(emu.control.stats().requestsByPath['/api/auth/login']).toBe(1);
  });

  it('refreshes the token at ~80 % of its JWT lifetime with the refresh token in the body (injected clock)', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, accessTokenTtlSec: 1800 });
    const clock = new ManualClock(Date.now());
    // No link ping: no real pong can arrive while the manual clock jumps 23 minutes.
    h = harness({ clock, tuning: { ...FAST_TUNING, linkPingIntervalMs: 0 } });
    h.fleet.setServers([serverConfig(emu.url, { watchdogSeconds: 3600, pollSeconds: 3600 })]);
    await h.waitState('live');
    expect(emu.control.stats().refreshes).toBe(0);
    clock.advance(1400 * 1000);
    expect(emu.control.stats().refreshes).toBe(0);
    clock.advance(50 * 1000); // 1450 s > 0.8 x 1800 s
    await vi.waitFor(() => expect(emu!.control.stats().refreshes).toBe(1));
    expect(emu.control.stats().loginsOk).toBe(1);
  });

  it('a 401 on a poll: probe /api/auth/me, refresh with the stored refresh token, no new login', async () => {
    emu = await startEmulator({ healthIntervalMs: 100 });
    h = harness({ tuning: { ...FAST_TUNING, pollIntervalMs: 100 } });
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    emu.control.expireTokens();
    await vi.waitFor(() => expect(emu!.control.stats().refreshes).toBe(1), { timeout: 5000 });
    expect(emu.control.stats().requestsByPath['/api/auth/me']).toBeGreaterThanOrEqual(1);
    expect(emu.control.stats().loginsOk).toBe(1);
    expect(h.fleet.statuses()[0]!.state).toBe('live');
  });

  it('when the refresh is refused too: exactly one login with the stored password, live again', async () => {
    emu = await startEmulator({ healthIntervalMs: 100 });
    h = harness({ tuning: { ...FAST_TUNING, pollIntervalMs: 100 } });
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    await h.creds.set('dns-01', 'refresh', 'not-a-valid-refresh-token');
    emu.control.expireTokens();
    await vi.waitFor(() => expect(emu!.control.stats().loginsOk).toBe(2), { timeout: 5000 });
    expect(emu.control.stats().loginsFailed).toBe(0);
    expect(await h.creds.get('dns-01', 'refresh')).toMatch(/^eyJ/);
    expect(h.fleet.statuses()[0]!.state).toBe('live');
  });

  it('no password or token appears in any log line', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, unifiedPingIntervalMs: 100 });
    const file = join(mkdtempSync(join(tmpdir(), 'fleetlog-')), 'log.jsonl');
    h = harness({ logger: createLogger('test', { file, level: 'debug' }) });
    h.fleet.setServers([serverConfig(emu.url, { stack: 'unified' })]);
    await h.waitState('live');
    emu.control.disconnectUnified('Connection unhealthy');
    await h.waitState('live');
    const refreshToken = (await h.creds.get('dns-01', 'refresh'))!;
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('opening socket');
    expect(text).toContain('token=[REDACTED]');
    expect(text).not.toContain('monitor-pass');
    expect(text).not.toContain(refreshToken);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\./);
  });
});
