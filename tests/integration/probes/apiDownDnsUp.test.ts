// The API unreachable while DNS still answers (real core, emulator): the operator gets one alert that
// says so after the connection grace, one notification, and it resolves when the API is back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { PushMessage } from '../../../electron/core/api/CoreHandle';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { DEFAULT_FORWARDERS } from '../../../electron/emulator/state';
import { alertPush, isLive, probedConfig, probedCore, probesAnswered, type ProbedCore } from './probedCore';

const GRACE_MS = 3000;
const TITLE = 'API of DNS-01 is down while its DNS answers';
const API_SAYS = 'API: The server is';
let emu: EmulatedServer | undefined;
let p: ProbedCore | undefined;
afterEach(async () => {
  await p?.dispose();
  await emu?.close();
  emu = undefined;
  p = undefined;
});

const mine = (a: Alert) => a.serverId === 'dns-01';
const answered = probesAnswered('dns-01');
const notLive = (m: PushMessage) => m.channel === 'fleet:onDidChangeServer' && (m.payload as { serverId: string; state: string }).serverId === 'dns-01' && (m.payload as { state: string }).state !== 'live';

describe('API down while DNS answers (real core, emulator, the connection grace shortened through createCore)', () => {
  it('one alert saying so after the grace, one notification; the API back resolves it', async () => {
    // Only healthy forwarders: the API is the one failure on this server.
    const forwarders = DEFAULT_FORWARDERS.filter((f) => f.status === 'healthy');
    emu = await startEmulator({ name: 'dns-01', dns: true, healthIntervalMs: 200, systemIntervalMs: 300, forwarders });
    p = await probedCore([probedConfig(emu, 'dns-01')], { intervalSeconds: 1, timeoutMs: 500 }, { connectionGraceMs: GRACE_MS });
    await p.waitPush(isLive('dns-01'));
    await p.waitPush(answered);
    const mark = p.pushes.length;
    const heardBefore = p.notified.filter(mine).length;

    // fail2ban bans the monitor's address from the API (connections reset); named goes on answering.
    emu.control.ban(10 * 60_000);
    await p.waitPush(notLive, 10_000, mark);
    const downAt = Date.now();
    await p.waitPush(alertPush((a) => mine(a) && a.status === 'active' && (a.key === 'probe:api' || a.title === TITLE)), GRACE_MS + 10_000, mark);
    expect(Date.now() - downAt).toBeGreaterThanOrEqual(GRACE_MS - 500);
    // The connection rule's "No data" after the same grace: on its own alert (the old code) or joining this one.
    await p.waitPush(alertPush((a) => mine(a) && (a.key === 'connection' || a.detail.includes(API_SAYS))), 10_000, mark);
    // A set after both still answered: DNS was up all along.
    await p.waitPush(answered, 5000);

    const open = (await p.openAlerts()).filter(mine);
    expect(open.map((a) => a.title)).toEqual([TITLE]);
    const alert = open[0]!;
    expect(alert).toMatchObject({ status: 'active', severity: 'error' });
    expect(alert.detail).toMatch(/^DNS probe: DNS answers\. Clients are still served.*; API: The server is (reconnecting|offline|connecting)/);
    expect(p.notified.filter(mine).length - heardBefore).toBe(1);

    emu.control.clearBans();
    await p.waitPush(alertPush((a) => a.id === alert.id && a.status === 'resolved'), 40_000, mark);
    expect((await p.openAlerts()).filter(mine)).toEqual([]);
    const seen = new Set(p.pushes.slice(mark).filter(alertPush(mine)).map((m) => (m.payload as Alert).id));
    expect(seen).toEqual(new Set([alert.id])); // never a second alert for the one failure
  });
});
