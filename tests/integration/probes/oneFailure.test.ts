// One failure, one alert: BIND stopped is seen by the API (BIND-down) and by the probes (DNS silent).
// The operator must get one alert and one notification that names both witnesses.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerVerdict } from '../../../shared/domain/verdict';
import type { VerdictChange } from '../../../shared/ipc/schemas';
import type { PushMessage } from '../../../electron/core/api/CoreHandle';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { DEFAULT_FORWARDERS } from '../../../electron/emulator/state';
import { alertPush, isLive, probedConfig, probedCore, probesAnswered, type ProbedCore } from './probedCore';

const INTERVAL_S = 2;
const API_SAYS = 'BIND reported stopped by the API';
const PROBE_SAYS = 'DNS probe: no answer over UDP';
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
const verdictOf = async (core: ProbedCore['core']) => (await core.handlers['fleet:getSnapshot']({})).verdicts.find((v) => v.serverId === 'dns-01')!;
const verdictPush = (pred: (v: ServerVerdict) => boolean) => (m: PushMessage) => {
  const v = m.channel === 'fleet:onDidChangeVerdict' ? (m.payload as VerdictChange).verdict : null;
  return v?.serverId === 'dns-01' && pred(v);
};

async function watchedServer(): Promise<ProbedCore> {
  // Only healthy forwarders: BIND is the one failure on this server.
  const forwarders = DEFAULT_FORWARDERS.filter((f) => f.status === 'healthy');
  emu = await startEmulator({ name: 'dns-01', dns: true, healthIntervalMs: 200, systemIntervalMs: 300, forwarders });
  const core = await probedCore([probedConfig(emu, 'dns-01')], { intervalSeconds: INTERVAL_S, timeoutMs: 500 });
  await core.waitPush(isLive('dns-01'));
  await core.waitPush(answered);
  return core;
}

describe('BIND stopped: the API and the probes are two witnesses of one failure (real core, emulator)', () => {
  it('one open alert, one notification, both witnesses in its detail; the probe evidence within 2 probe intervals', async () => {
    p = await watchedServer();
    const mark = p.pushes.length;
    const heardBefore = p.notified.filter(mine).length;
    const downAt = Date.now();
    emu!.control.setBindRunning(false);

    // Each witness has spoken once an alert push carries its evidence (or, on the old code, its own alert).
    const probeSpoke = alertPush((a) => mine(a) && (a.key === 'probe:dns' || a.detail.includes(PROBE_SAYS)));
    await p.waitPush(probeSpoke, 2 * INTERVAL_S * 1000 + 1000, mark);
    expect(Date.now() - downAt).toBeLessThanOrEqual(2 * INTERVAL_S * 1000);
    await p.waitPush(alertPush((a) => mine(a) && (a.key === 'bind' || a.detail.includes(API_SAYS))), 5000, mark);

    const open = (await p.openAlerts()).filter(mine);
    expect(open.map((a) => a.key)).toHaveLength(1);
    expect(open[0]).toMatchObject({ severity: 'critical', status: 'active' });
    expect(open[0]!.detail).toContain(API_SAYS);
    expect(open[0]!.detail).toContain(PROBE_SAYS);
    expect(open[0]!.detail).toContain('probe failed: timeout after 500 ms');
    expect(p.notified.filter(mine).length - heardBefore).toBe(1);
    await p.waitPush(verdictPush((v) => v.reasons.includes('BIND is not running')), 5000, mark);
    const verdict = await verdictOf(p.core);
    expect(verdict.level).toBe('critical');
    expect(verdict.reasons).toEqual(['BIND is not running']);
  });

  it('stays one open alert while either witness still fails, says which, and resolves once both are healthy', async () => {
    p = await watchedServer();
    const mark = p.pushes.length;
    emu!.control.setBindRunning(false);
    const both = await p.waitPush(alertPush((a) => mine(a) && a.detail.includes(API_SAYS) && a.detail.includes(PROBE_SAYS)), 3 * INTERVAL_S * 1000, mark);
    const id = (both.payload as Alert).id;

    // named comes back per the API but its DNS still does not answer (hung): the failure is not over.
    emu!.control.dns.setHung(true);
    const backMark = p.pushes.length;
    emu!.control.setBindRunning(true);
    const half = await p.waitPush(alertPush((a) => a.id === id && a.detail.includes('recovered: BIND running again per the API')), 5000, mark);
    expect(half.payload as Alert).toMatchObject({ status: 'active', severity: 'critical', title: 'DNS on DNS-01 does not answer while its API is live' });
    expect((half.payload as Alert).detail).toMatch(/^Still failing: DNS probe: no answer/);
    const stillCritical = (await p.waitPush(verdictPush((v) => !v.reasons.includes('BIND is not running')), 5000, backMark)).payload as VerdictChange;
    expect(stillCritical.verdict!.level).toBe('critical');
    expect(stillCritical.verdict!.reasons).toEqual(['DNS on DNS-01 does not answer while its API is live']);
    expect(await verdictOf(p.core)).toMatchObject({ level: 'critical' });

    emu!.control.dns.setHung(false);
    await p.waitPush(alertPush((a) => a.id === id && a.status === 'resolved'), 3 * INTERVAL_S * 1000, mark);
    const seen = p.pushes.slice(mark).filter(alertPush(mine)).map((m) => (m.payload as Alert).id);
    expect(new Set(seen)).toEqual(new Set([id])); // never a second alert, never resolved and raised again
    expect((await p.openAlerts()).filter(mine)).toEqual([]);
  });
});
