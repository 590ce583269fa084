import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { FAST_TUNING, harness, serverConfig, type Harness } from './helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

// Issue 17.8: frames up to 100 MB were accepted (three 90 MB frames: 943 MB peak).
describe('an oversize WebSocket frame from a hostile server', () => {
  it('closes the socket with a clear reason, counts a rejected frame, and reconnects with backoff', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150 });
    // A data window of 5 s: the close must come from the size limit, not from the watchdog.
    h = harness({ tuning: { ...FAST_TUNING, legacyHealthIntervalMs: 2000, legacySystemIntervalMs: 2000 } });
    h.fleet.setServers([serverConfig(emu.url)]);
    await h.waitState('live');
    const rejectedBefore = h.fleet.session('dns-01')!.diagnostics().frames.rejected;
    emu.control.sendRawLegacy(JSON.stringify({ type: 'health_update', data: { pad: 'x'.repeat(6 * 1024 * 1024) } }));
    const retry = await h.waitRetry('reconnecting');
    expect(retry.detail).toMatch(/frame larger than 4 MiB refused/);
    expect(Date.parse(retry.reconnect!.nextAt)).toBeGreaterThan(Date.parse(retry.since));
    expect(h.fleet.session('dns-01')!.diagnostics().frames.rejected).toBe(rejectedBefore + 1);
    await h.waitState('live');
  }, 30_000);
});
