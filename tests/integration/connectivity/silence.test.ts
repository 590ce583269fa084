import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { describeSilence } from '../../../shared/domain/silence';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { FAST_TUNING, harness, serverConfig, type Harness } from './helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

/** The server's real push intervals (§3.3, §6.2): legacy health every 30 s, unified pings every 30 s. */
const REAL_INTERVALS = { healthIntervalMs: 30_000, systemIntervalMs: 60_000, unifiedPingIntervalMs: 30_000 };
const REAL_WATCHDOGS = { legacyHealthIntervalMs: 30_000, legacySystemIntervalMs: 60_000, unifiedPingIntervalMs: 30_000 };

/** Resolves with the first status of dns-01 that is not live, from now on. */
function leftLive(hh: Harness): Promise<ServerStatus> {
  const from = hh.statuses.length;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still live: ${hh.statuses.map((s) => s.state).join(' > ')}`)), 30_000);
    const check = (): void => {
      const s = hh.statuses.slice(from).find((x) => x.state !== 'live');
      if (!s) return;
      clearTimeout(timer);
      dispose();
      resolve(s);
    };
    const dispose = hh.fleet.onDidChangeState(check);
  });
}

describe('silence seen in seconds (issue 12.2)', () => {
  for (const stack of ['legacy', 'unified'] as const) {
    it(`${stack}: a hung server leaves live within 20 s whatever its push interval, and comes back`, async () => {
      emu = await startEmulator({ ...REAL_INTERVALS, protocolPingIntervalMs: 0 });
      h = harness({ tuning: { ...FAST_TUNING, ...REAL_WATCHDOGS } });
      h.fleet.setServers([serverConfig(emu.url, { stack })]);
      await h.waitState('live', 'dns-01', 15_000);
      const hungAt = Date.now();
      const left = leftLive(h);
      emu.control.hang(true);
      const blind = await left;
      const after = Date.now() - hungAt;
      expect(after).toBeLessThan(20_000);
      expect(blind.detail).toMatch(/no answer/);
      emu.control.hang(false);
      await h.waitState('live', 'dns-01', 20_000);
    }, 60_000);
  }

  it('a reconnect stuck on a hung server stays one blind state with a steady "silent since" (no Signing in / Offline flapping)', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150 });
    // Requests to a hung server time out after 1 s; retries come quickly: several attempts get stuck.
    h = harness({ tuning: { ...FAST_TUNING, requestTimeoutMs: 1000, handshakeTimeoutMs: 1000, linkPingIntervalMs: 100, linkPongTimeoutMs: 300 } });
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    const from = h.statuses.length;
    emu.control.hang(true);
    await h.waitState('offline', 'dns-01', 10_000);
    const firstOffline = h.statuses.length;
    // Wait for three more published statuses: attempts that started and got stuck.
    await new Promise<void>((resolve) => {
      const d = h!.fleet.onDidChangeState(() => h!.statuses.length >= firstOffline + 3 && (d(), resolve()));
    });
    emu.control.hang(false);
    await h.waitState('live', 'dns-01', 15_000);
    const during = h.statuses.slice(from, h.statuses.findIndex((s, i) => i > from && s.state === 'live'));
    expect(during.map((s) => s.state)).not.toContain('authenticating');
    expect(during.map((s) => s.state)).not.toContain('connecting');
    expect(during.some((s) => /attempt \d+/.test(s.detail ?? ''))).toBe(true);
    const since = new Set(during.map((s) => s.blindSince));
    expect(since.size).toBe(1);
    expect([...since][0]).toEqual(expect.any(String));
    const last = during.at(-1)!;
    expect(last.blindCause).toMatch(/no answer|unreachable|timed out|timeout/i);
    const words = describeSilence(last, Date.parse(last.blindSince!) + 42_000);
    expect(words).toMatch(/^silent for 42 s, /);
    // Live again: the blind facts are cleared.
    const live = h.fleet.statuses()[0]!;
    expect(live.blindSince).toBeNull();
    expect(describeSilence(live, Date.now())).toBeNull();
  }, 60_000);
});

describe('only valid frames feed liveness (issue 17.6)', () => {
  it('a server sending only unparseable frames does not stay live', async () => {
    // No valid pushes after the welcome: health every 60 s; garbage every 50 ms instead.
    emu = await startEmulator({ healthIntervalMs: 60_000, systemIntervalMs: 60_000 });
    h = harness({ tuning: { ...FAST_TUNING, legacyHealthIntervalMs: 200, legacySystemIntervalMs: 200 } });
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    const garbage = setInterval(() => emu?.control.sendRawLegacy('{"this is": not json'), 50);
    try {
      const stale = await h.waitState('stale', 'dns-01', 5000);
      expect(stale.detail).toMatch(/no data for/);
      expect(h.fleet.session('dns-01')!.diagnostics().frames.rejected).toBeGreaterThanOrEqual(3);
    } finally {
      clearInterval(garbage);
    }
  }, 30_000);
});
