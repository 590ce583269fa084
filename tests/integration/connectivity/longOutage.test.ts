import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { createLogger } from '../../../electron/core/util/logger';
import { withTuning } from '../../../electron/core/fleet/tuning';
import { harness, ManualClock, serverConfig, type Harness } from './helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

/** Deterministic jitter (a small LCG), so the sequence of waits is the same on every run. */
const seeded = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** A port nothing listens on (connections are refused at once). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('an hour of refused connections (issue 13.1), compressed with a manual clock', () => {
  it('keeps retrying within the 5-minute cap for the whole hour and is live once the server answers', async () => {
    // Starts an hour back, so the fake clock reads about the real time when the server returns
    // (its tokens carry real expiry times).
    const clock = new ManualClock(Date.now() - 3_600_000);
    const port = await freePort();
    // Production backoff (2 s base, 5 min cap); only the clock is fake, sockets are real.
    h = harness({ clock, ...(process.env.DBG ? { logger: createLogger("t", { stderr: true, level: "debug" }) } : {}), tuning: { ...withTuning(), random: seeded(7), legacyHealthIntervalMs: 100, legacySystemIntervalMs: 200 } });
    h.fleet.setServers([serverConfig(`http://127.0.0.1:${port}`)]);
    const waits: number[] = [];
    const HOUR = 3_600_000;
    const start = clock.now();
    while (clock.now() - start < HOUR) {
      const s = await h.waitRetry('offline', 'dns-01', 10_000);
      const wait = Date.parse(s.reconnect!.nextAt) - clock.now();
      waits.push(wait);
      // Exactly one timer (the retry) keeps this server watched; firing it starts the next attempt.
      expect(clock.pending().length).toBeGreaterThanOrEqual(1);
      clock.advance(Math.max(wait, 0) + 1);
    }
    expect(Math.max(...waits)).toBeLessThanOrEqual(5 * 60_000);
    expect(waits.length).toBeGreaterThanOrEqual(12); // at least one try every 5 min
    expect(waits.length).toBeLessThanOrEqual(60); // backed off (full jitter up to 5 min), not hammering
    const last = await h.waitRetry('offline', 'dns-01', 10_000); // the attempt in flight fails too
    emu = await startEmulator({ port, healthIntervalMs: 100, systemIntervalMs: 150 });
    clock.advance(Date.parse(last.reconnect!.nextAt) - clock.now() + 1);
    await h.waitState('live', 'dns-01', 15_000);
  }, 60_000);
});
