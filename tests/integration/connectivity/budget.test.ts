import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { DEFAULT_TUNING } from '../../../electron/core/fleet/tuning';
import { MINUTE, SECOND } from '../../../shared/domain/ids';
import { harness, ManualClock, serverConfig, type Harness } from './helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

describe('reconnect policy with production timings (injected clock)', () => {
  it('login answered 503 by nginx: first retry >= 15 s, growing to a 5 min cap, never > 20 failures per 5 min', async () => {
    // The emulator's own fail2ban runs on real time, which this test compresses: judge the client instead.
    emu = await startEmulator({ fail2ban: false });
    emu.control.setRestFailure('/api/auth/login', 503);
    const clock = new ManualClock(Date.now());
    h = harness({ clock, tuning: { ...DEFAULT_TUNING, random: () => 0.5 } });
    h.fleet.setServers([serverConfig(emu.url)]);
    const attempts: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 25; i++) {
      const s = await h.waitRetry('reconnecting');
      attempts.push(clock.now());
      const delay = Date.parse(s.reconnect!.nextAt) - clock.now();
      delays.push(delay);
      expect(s.reconnect!.attempt).toBe(i + 1);
      clock.advance(delay);
    }
    expect(delays[0]).toBeGreaterThanOrEqual(15 * SECOND);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(15 * SECOND);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5 * MINUTE);
    expect(delays.at(-1)).toBeGreaterThan(2 * MINUTE);
    for (const t of attempts) expect(attempts.filter((a) => a >= t && a < t + 5 * MINUTE).length).toBeLessThanOrEqual(20);
    expect(emu.control.stats().requestsByPath['/api/auth/login']).toBe(25);
  });

  it('a user hammering reconnect still stays inside the fail2ban budget', async () => {
    emu = await startEmulator({ fail2ban: false });
    emu.control.setRestFailure('/api/auth/login', 503);
    const clock = new ManualClock(Date.now());
    h = harness({ clock, tuning: { ...DEFAULT_TUNING, random: () => 1 } });
    h.fleet.setServers([serverConfig(emu.url)]);
    const logins = (): number => emu!.control.stats().requestsByPath['/api/auth/login'] ?? 0;
    const loginTimes: number[] = [];
    let seen = 0;
    for (let i = 0; i < 700; i++) {
      await h.waitRetry('reconnecting');
      for (; seen < logins(); seen++) loginTimes.push(clock.now());
      clock.advance(SECOND);
      h.fleet.retryNow(); // resume / network-change storm
      h.fleet.reconnect('dns-01'); // and an impatient operator
    }
    expect(loginTimes.length).toBeGreaterThan(36); // 700 s: more than two windows' worth, each capped
    for (const t of loginTimes) expect(loginTimes.filter((a) => a >= t && a < t + 5 * MINUTE).length).toBeLessThanOrEqual(20);
  });
});
