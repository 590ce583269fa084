import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { FAST_TUNING, serverConfig } from '../connectivity/helpers';
import { alertedFleet, type AlertedFleet } from './alertedFleet';

let emu: EmulatedServer | undefined;
let f: AlertedFleet | undefined;
afterEach(async () => {
  await f?.dispose();
  await emu?.close();
  f = emu = undefined;
});

describe('a BIND-down alert resolves only on fresh evidence (legacy stack, emulator)', () => {
  it('stays open through many polls and system_status frames while BIND is still down', async () => {
    // REST polls find BIND stopped first; system_status frames keep saying so afterwards.
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 400 });
    f = alertedFleet({ tuning: { ...FAST_TUNING, pollIntervalMs: 120 } });
    f.fleet.setServers([serverConfig(emu.url, { stack: 'legacy' })]);
    await f.waitState('live');
    await f.waitEvent((e) => e.type === 'system_status');
    emu.control.setBindRunning(false);
    const alert = await f.waitAlert((a) => a.key === 'bind');
    const downAt = f.events.length;
    // Three system_status frames after the alert, each saying BIND is not running.
    await f.waitEvent((e) => e.type === 'system_status' && f!.events.slice(downAt).filter((x) => x.type === 'system_status').length >= 3, 8000);
    expect(f.changed.filter((a) => a.id === alert.id && a.status === 'resolved')).toEqual([]);
    expect(f.open().find((a) => a.key === 'bind')).toMatchObject({ id: alert.id, status: 'active' });

    emu.control.setBindRunning(true);
    await f.waitEvent((e) => e.type === 'bind_up');
    expect(f.open().find((a) => a.key === 'bind')).toBeUndefined();
    expect(f.raised.filter((a) => a.key === 'bind')).toHaveLength(1);
  });
});
