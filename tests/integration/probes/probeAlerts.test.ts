// Done when (issue 16): against the emulator, with the real core, probes raise what a user must see.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerProbes } from '../../../shared/domain/probe';
import type { VerdictChange } from '../../../shared/ipc/schemas';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { alertPush, isLive, probedConfig, probedCore, type ProbedCore } from './probedCore';

const INTERVAL_S = 2;
let emus: EmulatedServer[] = [];
let p: ProbedCore | undefined;
afterEach(async () => {
  await p?.dispose();
  for (const e of emus) await e.close();
  emus = [];
  p = undefined;
});

const probeSet = (serverId: string, pred: (v: ServerProbes) => boolean) => (m: { channel: string; payload: unknown }) =>
  m.channel === 'probes:onDidComplete' && (m.payload as ServerProbes).serverId === serverId && pred(m.payload as ServerProbes);

describe('probe alerts through the alert engine (real core, emulator)', () => {
  it('BIND down with the API up: the probe failure is on the alert within 2 probe intervals, cleared when DNS answers', async () => {
    const emu = await startEmulator({ name: 'dns-01', dns: true, healthIntervalMs: 200, systemIntervalMs: 300 });
    emus.push(emu);
    p = await probedCore([probedConfig(emu, 'dns-01')], { intervalSeconds: INTERVAL_S, timeoutMs: 500 });
    await p.waitPush(isLive('dns-01'));
    await p.waitPush(probeSet('dns-01', (v) => v.results.some((r) => r.probe === 'public' && r.outcome === 'answered')));

    const downAt = Date.now();
    emu.control.setBindRunning(false);
    // The probe is the second witness of BIND's failure (FailureWitnesses): its evidence joins the one alert,
    // which is the BIND alert when the API spoke first and the probe's own when the probe did.
    const raised = await p.waitPush(alertPush((a) => a.serverId === 'dns-01' && a.status === 'active' && a.detail.includes('probe failed: timeout after 500 ms')), 2 * INTERVAL_S * 1000 + 1000);
    const elapsed = Date.now() - downAt;
    expect(elapsed).toBeLessThanOrEqual(2 * INTERVAL_S * 1000);
    const alert = raised.payload as Alert;
    expect(alert).toMatchObject({ serverId: 'dns-01', severity: 'critical' });
    expect(['bind', 'probe:dns']).toContain(alert.key);
    expect(alert.detail).toContain('no answer over UDP');
    expect(p.notified.filter((a) => a.id === alert.id)).toHaveLength(1);
    const view = (await p.core.handlers['probes:get']({ serverId: 'dns-01' })) as ServerProbes;
    expect(view.results.every((r) => r.outcome === 'timeout' && r.detail === 'probe failed: timeout after 500 ms')).toBe(true);

    emu.control.setBindRunning(true);
    await p.waitPush(alertPush((a) => a.id === alert.id && a.status === 'resolved'), 3 * INTERVAL_S * 1000);
  });

  it('a hung named the API still calls running: DNS silent is critical in the verdict, with no BIND alert', async () => {
    const emu = await startEmulator({ name: 'dns-01', dns: true, healthIntervalMs: 200, systemIntervalMs: 300 });
    emus.push(emu);
    p = await probedCore([probedConfig(emu, 'dns-01')], { intervalSeconds: INTERVAL_S, timeoutMs: 500 });
    await p.waitPush(isLive('dns-01'));
    const mark = p.pushes.length;
    emu.control.dns.setHung(true);
    await p.waitPush(alertPush((a) => a.key === 'probe:dns' && a.status === 'active'), 3 * INTERVAL_S * 1000, mark);
    const critical = await p.waitPush((m) => m.channel === 'fleet:onDidChangeVerdict' && (m.payload as VerdictChange).verdict?.level === 'critical', 5000, mark);
    const v = (critical.payload as VerdictChange).verdict!;
    expect(v.level).toBe('critical');
    expect(v.reasons.join(' ')).toContain('DNS on DNS-01 does not answer');
    expect((await p.openAlerts()).map((a) => a.key)).not.toContain('bind');
  });

  it('a blocked name that resolves gives an alert; blocking it again resolves it', async () => {
    const emu = await startEmulator({ name: 'dns-01', dns: true, healthIntervalMs: 200, systemIntervalMs: 300 });
    emus.push(emu);
    p = await probedCore([probedConfig(emu, 'dns-01')], { intervalSeconds: INTERVAL_S, timeoutMs: 500 });
    await p.waitPush(probeSet('dns-01', (v) => v.results.some((r) => r.probe === 'blocked' && r.healthy && r.rcode === 'NXDOMAIN')));
    emu.control.dns.setRpzEnforced(false);
    const raised = await p.waitPush(alertPush((a) => a.key === 'probe:blocked' && a.status === 'active'), 3 * INTERVAL_S * 1000);
    expect(raised.payload as Alert).toMatchObject({ severity: 'error', rule: 'probe_blocked', title: 'Blocked name malware.testcategory.com is not blocked on DNS-01' });
    expect((raised.payload as Alert).detail).toMatch(/resolves to 198\.51\.100\.\d+: not blocked/);
    emu.control.dns.setRpzEnforced(true);
    await p.waitPush(alertPush((a) => a.key === 'probe:blocked' && a.status === 'resolved'), 3 * INTERVAL_S * 1000);
  });
});

describe('probe latency against its baseline (real core, emulator)', () => {
  it('a forwarder that turns slow raises a latency alert on its probe after 3 sets; back to normal resolves it', async () => {
    const emu = await startEmulator({ name: 'dns-01', dns: true, healthIntervalMs: 200, systemIntervalMs: 300 });
    emus.push(emu);
    p = await probedCore([probedConfig(emu, 'dns-01')], { intervalSeconds: 1, timeoutMs: 1500 });
    // Ten sets learn the baseline (LatencyBaseline WARMUP).
    for (let i = 0; i < 11; i++) await p.waitPush(probeSet('dns-01', () => true));
    const mark = p.pushes.length;
    emu.control.dns.setForwarderDelay(3, 400); // the public forwarder
    const raised = await p.waitPush(alertPush((a) => a.key === 'probe:latency:public' && a.status === 'active'), 10_000, mark);
    expect(raised.payload as Alert).toMatchObject({ severity: 'warning', rule: 'probe_latency', title: 'DNS probe public on DNS-01 is slow' });
    expect((raised.payload as Alert).detail).toMatch(/^\d{3} ms \(baseline \d+ ms, band up to \d+ ms\)$/);
    // Not on one slow answer: 3 slow sets, the last being the one that raised it. The judge hears a
    // set before it is pushed, so that set's push follows the alert's; a set in flight when the
    // delay began may be slow or not, so slow sets are counted, not sets.
    const slow = (v: ServerProbes) => v.results.some((r) => r.probe === 'public' && (r.latencyMs ?? 0) >= 400);
    await p.waitPush(probeSet('dns-01', slow), 5000, p.pushes.indexOf(raised));
    expect(p.pushes.slice(mark).filter(probeSet('dns-01', slow)).length).toBeGreaterThanOrEqual(3);
    emu.control.dns.setForwarderDelay(3, 0);
    await p.waitPush(alertPush((a) => a.key === 'probe:latency:public' && a.status === 'resolved'), 6000);
  });
});
